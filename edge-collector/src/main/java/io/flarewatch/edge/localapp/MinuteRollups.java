package io.flarewatch.edge.localapp;

import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adds up each minute of the metrics the app charts (sum and count per metric and device) from the
 * cycles as they are stored; a minute is handed over, whole, once a cycle of a later minute comes.
 */
public final class MinuteRollups {

  /** The metrics kept, {@code measurement.field}, with the tag that names their device. */
  static final Map<String, String> METRICS = metrics();

  /** A metric's device when it has none (the site summary). */
  static final String NO_DEVICE = "";

  /** One minute of one metric of one device. */
  public record Row(String metric, String device, long minute, double sum, long count) {}

  private final Map<String, double[]> current = new LinkedHashMap<>();
  private long currentMinute = Long.MIN_VALUE;

  private static Map<String, String> metrics() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(Schema.GENERATOR + "." + Schema.FIELD_GENERATOR_KW, Schema.TAG_DEVICE);
    m.put(Schema.GENERATOR + ".load_pct", Schema.TAG_DEVICE);
    m.put(Schema.GAS_METER + ".flow_rate_mscfd", Schema.TAG_DEVICE);
    m.put(Schema.GAS_METER + ".pressure_psig", Schema.TAG_DEVICE);
    m.put(Schema.SITE_SUMMARY + "." + Schema.FIELD_HASHRATE_THS, null);
    m.put(Schema.SITE_SUMMARY + "." + Schema.FIELD_MINERS_ONLINE, null);
    m.put(Schema.MINER + "." + Schema.FIELD_HASHRATE_THS, Schema.TAG_MINER);
    m.put(Schema.MINER + "." + Schema.FIELD_TEMP_CHIP_MAX_C, Schema.TAG_MINER);
    m.put(Schema.MINER + "." + Schema.FIELD_POWER_W, Schema.TAG_MINER);
    return java.util.Collections.unmodifiableMap(m);
  }

  /** True when {@code metric} is one that is kept. */
  static boolean kept(String metric) {
    return METRICS.containsKey(metric);
  }

  /**
   * Adds a cycle's points.
   *
   * @return the rows of the minute before, once this cycle is of a later minute
   */
  public synchronized List<Row> add(long cycleMillis, List<Point> points) {
    long minute = Math.floorDiv(cycleMillis, 60_000L);
    List<Row> done = List.of();
    if (minute != currentMinute) {
      done = drain();
      currentMinute = minute;
    }
    for (Point p : points) {
      for (Map.Entry<String, Object> field : p.fields().entrySet()) {
        String metric = p.measurement() + "." + field.getKey();
        if (!METRICS.containsKey(metric) || !(field.getValue() instanceof Number value)) {
          continue;
        }
        String deviceTag = METRICS.get(metric);
        String device = deviceTag == null ? NO_DEVICE : p.tags().get(deviceTag);
        if (device == null || !Double.isFinite(value.doubleValue())) {
          continue;
        }
        double[] sum = current.computeIfAbsent(metric + "\n" + device, k -> new double[2]);
        sum[0] += value.doubleValue();
        sum[1]++;
      }
    }
    return done;
  }

  /** The rows of the minute in progress (e.g. at shutdown), emptying it. */
  public synchronized List<Row> drain() {
    List<Row> rows = new ArrayList<>(current.size());
    current.forEach(
        (key, sum) -> {
          int cut = key.indexOf('\n');
          rows.add(
              new Row(
                  key.substring(0, cut),
                  key.substring(cut + 1),
                  currentMinute,
                  sum[0],
                  (long) sum[1]));
        });
    current.clear();
    return rows;
  }

  /** The tag naming a metric's device, empty for one without devices. */
  static Optional<String> deviceTag(String metric) {
    return Optional.ofNullable(METRICS.get(metric));
  }
}
