package io.flarewatch.edge.polling;

import io.flarewatch.drivers.miner.MinerSample;
import io.flarewatch.drivers.miner.PowerSource;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import java.util.Collections;
import java.util.Locale;

/** Turns a miner's normalised sample, or its failure to answer, into a {@code miner} point. */
final class MinerPoints {

  private MinerPoints() {}

  static Point answered(String site, String minerId, long timeMillis, MinerSample sample) {
    Point.Builder point = base(site, minerId, timeMillis);
    point
        .tag("firmware", sample.firmware().name().toLowerCase(Locale.ROOT))
        .field(Schema.FIELD_UP, 1L)
        .field("state", sample.state().name().toLowerCase(Locale.ROOT))
        .field(Schema.FIELD_HASHRATE_THS, sample.hashrateThs())
        .field("temp_chip_max_c", sample.maxChipTempC())
        .field("temp_board_max_c", sample.maxBoardTempC())
        .field(
            "fan_rpm_max",
            sample.fanRpms().isEmpty() ? null : (long) Collections.max(sample.fanRpms()))
        .field("uptime_s", sample.uptimeSeconds())
        .field("pools_alive", sample.poolsAlive() == null ? null : (long) sample.poolsAlive())
        .field("pools_total", sample.poolsTotal() == null ? null : (long) sample.poolsTotal());
    if (sample.powerSource() != PowerSource.NONE) {
      point
          .field(Schema.FIELD_POWER_W, sample.powerWatts())
          .field("power_source", sample.powerSource().name().toLowerCase(Locale.ROOT));
    }
    return point.build();
  }

  static Point silent(String site, String minerId, long timeMillis, Throwable failure) {
    return base(site, minerId, timeMillis)
        .field(Schema.FIELD_UP, 0L)
        .field("error", failure.getClass().getSimpleName().replace("Exception", ""))
        .build();
  }

  private static Point.Builder base(String site, String minerId, long timeMillis) {
    return Point.builder(Schema.MINER, timeMillis)
        .tag(Schema.TAG_SITE, site)
        .tag(Schema.TAG_MINER, minerId);
  }
}
