package io.flarewatch.edge.control;

import io.flarewatch.edge.config.LoadControlConfig;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one stored poll cycle's points into what the load loop reads: gas available from every gas
 * meter's {@code flow_rate_mscfd} (unknown unless every configured meter answered), the generator's
 * {@code power_kw} and alarm bits, and each miner's state, with the draw and efficiency it showed
 * when last seen mining at full power. A miner that does not answer counts as it last answered (one
 * never heard from as mining): a poll that timed out is not load gone.
 */
public final class SiteReadings {

  /** A gas meter's instantaneous flow, Mscf/d. */
  public static final String FLOW_RATE_MSCFD = "flow_rate_mscfd";

  private record Seen(double fullKw, Double joulesPerTh) {}

  /** Last state each miner answered with: a silent miner counts as it last was. */
  private final Map<String, Boolean> lastRunning = new HashMap<>();

  private final LoadControlConfig config;
  private final int gasMeters;
  private final List<String> minerIds;
  private final Map<String, Seen> seen = new HashMap<>();

  /**
   * @param gasMeters how many gas meters the site has (all must answer for the gas to be known)
   * @param minerIds every miner of the site
   */
  public SiteReadings(LoadControlConfig config, int gasMeters, List<String> minerIds) {
    this.config = config;
    this.gasMeters = gasMeters;
    this.minerIds = List.copyOf(minerIds);
  }

  public ControlInputs read(long cycleMillis, List<Point> points, Map<String, Instant> overrides) {
    double mscfd = 0;
    int metersRead = 0;
    Double generatorKw = null;
    Set<GeneratorAlarm> alarms = EnumSet.noneOf(GeneratorAlarm.class);
    Map<String, Point> miners = new HashMap<>();
    for (Point point : points) {
      switch (point.measurement()) {
        case Schema.GAS_METER -> {
          Double flow = number(point, FLOW_RATE_MSCFD);
          if (flow != null) {
            mscfd += flow;
            metersRead++;
          }
        }
        case Schema.GENERATOR -> {
          generatorKw = number(point, Schema.FIELD_GENERATOR_KW);
          for (GeneratorAlarm alarm : GeneratorAlarm.values()) {
            Double bit = number(point, alarm.field());
            if (bit != null && bit != 0) {
              alarms.add(alarm);
            }
          }
        }
        case Schema.MINER -> miners.put(point.tag(Schema.TAG_MINER), point);
        default -> {}
      }
    }
    List<ControlledMiner> controlled = new ArrayList<>(minerIds.size());
    for (String id : minerIds) {
      controlled.add(miner(id, miners.get(id)));
    }
    Double gasScfh = gasMeters > 0 && metersRead == gasMeters ? mscfd * 1000 / 24 : null;
    return new ControlInputs(
        Instant.ofEpochMilli(cycleMillis), gasScfh, generatorKw, alarms, controlled, overrides);
  }

  private ControlledMiner miner(String id, Point point) {
    boolean online = point != null && Long.valueOf(1).equals(point.fields().get(Schema.FIELD_UP));
    boolean running;
    if (online) {
      running = "mining".equals(point.fields().get(Schema.FIELD_STATE));
      lastRunning.put(id, running);
    } else {
      running = lastRunning.getOrDefault(id, true);
    }
    if (online && running) {
      Double watts = number(point, Schema.FIELD_POWER_W);
      Double ths = number(point, Schema.FIELD_HASHRATE_THS);
      if (watts != null && watts > 0) {
        seen.put(id, new Seen(watts / 1000, ths != null && ths > 0 ? watts / ths : null));
      }
    }
    Seen last = seen.getOrDefault(id, new Seen(config.defaultMinerWatts() / 1000, null));
    return new ControlledMiner(
        id,
        online,
        running,
        last.fullKw(),
        0.01,
        last.joulesPerTh(),
        ControlledMiner.CurtailBy.SLEEP);
  }

  private static Double number(Point point, String field) {
    return point.fields().get(field) instanceof Number n ? n.doubleValue() : null;
  }
}
