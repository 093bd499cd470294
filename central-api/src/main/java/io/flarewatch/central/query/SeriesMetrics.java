package io.flarewatch.central.query;

import io.flarewatch.central.http.ApiException;
import io.flarewatch.emissions.EmissionsFigure;
import io.flarewatch.wire.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The numeric fields the series endpoint may query, as {@code measurement.field}: a whitelist, so a
 * metric name never reaches InfluxQL unless it is one of these.
 */
public final class SeriesMetrics {

  /** A queryable field and the tag that tells its devices apart (empty for site-wide ones). */
  public record Metric(String measurement, String field, Optional<String> deviceTag) {
    public String name() {
      return measurement + "." + field;
    }
  }

  private static final Map<String, Metric> METRICS = new LinkedHashMap<>();

  static {
    add(
        Schema.MINER,
        Schema.TAG_MINER,
        Schema.FIELD_UP,
        Schema.FIELD_HASHRATE_THS,
        Schema.FIELD_POWER_W,
        Schema.FIELD_TEMP_CHIP_MAX_C,
        Schema.FIELD_TEMP_BOARD_MAX_C,
        Schema.FIELD_FAN_RPM_MAX,
        Schema.FIELD_UPTIME_S,
        Schema.FIELD_POOLS_ALIVE,
        Schema.FIELD_POOLS_TOTAL);
    add(
        Schema.GENERATOR,
        Schema.TAG_DEVICE,
        Schema.FIELD_UP,
        Schema.FIELD_GENERATOR_KW,
        "apparent_power_kva",
        "load_pct",
        "engine_rpm",
        "fuel_flow_scfh",
        "coolant_temp_c",
        "oil_pressure_kpa",
        "run_hours");
    add(
        Schema.GAS_METER,
        Schema.TAG_DEVICE,
        Schema.FIELD_UP,
        "flow_rate_mscfd",
        "volume_total_scf",
        Schema.FIELD_INTERVAL_VOLUME_SCF,
        "pressure_psig",
        "temperature_f");
    add(
        Schema.SITE_SUMMARY,
        null,
        Schema.FIELD_MINERS_TOTAL,
        Schema.FIELD_MINERS_ONLINE,
        Schema.FIELD_HASHRATE_THS);
    List<String> figures = new ArrayList<>();
    for (EmissionsFigure figure : EmissionsFigure.values()) {
      figures.add(figure.key());
    }
    add(Schema.EMISSIONS, Schema.TAG_DEVICE, figures.toArray(String[]::new));
  }

  private SeriesMetrics() {}

  private static void add(String measurement, String deviceTag, String... fields) {
    for (String field : fields) {
      Metric metric = new Metric(measurement, field, Optional.ofNullable(deviceTag));
      METRICS.put(metric.name(), metric);
    }
  }

  /** The metric named {@code name}, or a 400 problem listing the allowed names. */
  public static Metric parse(String name) {
    if (name == null || name.isBlank()) {
      throw ApiException.badRequest(
          "missing-parameter",
          "Query parameter 'metric' is required, as measurement.field, e.g. generator.power_kw.");
    }
    Metric metric = METRICS.get(name);
    if (metric == null) {
      throw ApiException.badRequest(
          "invalid-parameter",
          "Unknown metric "
              + ApiException.quoted(name)
              + "; allowed: "
              + String.join(", ", METRICS.keySet())
              + ".");
    }
    return metric;
  }

  public static List<String> names() {
    return List.copyOf(METRICS.keySet());
  }
}
