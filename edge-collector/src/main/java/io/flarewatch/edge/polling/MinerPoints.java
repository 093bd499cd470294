package io.flarewatch.edge.polling;

import io.flarewatch.drivers.miner.MinerSample;
import io.flarewatch.drivers.miner.PowerSource;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Turns a miner's normalised sample, or its failure to answer, into a {@code miner} point.
 *
 * <p>Per-board hashrates are fields of the miner point ({@code hashrate_board0_ths} ...), at most
 * {@link Schema#MAX_BOARDS}: no extra series or points per miner, and a bounded set of field keys.
 */
final class MinerPoints {

  private MinerPoints() {}

  static Point answered(String site, String minerId, long timeMillis, MinerSample sample) {
    Point.Builder point = base(site, minerId, timeMillis);
    point
        .tag(Schema.TAG_FIRMWARE, sample.firmware().name().toLowerCase(Locale.ROOT))
        .field(Schema.FIELD_UP, 1L)
        .field(Schema.FIELD_STATE, sample.state().name().toLowerCase(Locale.ROOT))
        .field(Schema.FIELD_HASHRATE_THS, sample.hashrateThs())
        .field(Schema.FIELD_TEMP_CHIP_MAX_C, sample.maxChipTempC())
        .field(Schema.FIELD_TEMP_BOARD_MAX_C, sample.maxBoardTempC())
        .field(Schema.FIELD_TEMP_AMBIENT_C, sample.ambientTempC())
        .field(
            Schema.FIELD_FAN_RPM_MAX,
            sample.fanRpms().isEmpty() ? null : (long) Collections.max(sample.fanRpms()))
        .field(Schema.FIELD_UPTIME_S, sample.uptimeSeconds())
        .field(
            Schema.FIELD_POOLS_ALIVE,
            sample.poolsAlive() == null ? null : (long) sample.poolsAlive())
        .field(
            Schema.FIELD_POOLS_TOTAL,
            sample.poolsTotal() == null ? null : (long) sample.poolsTotal())
        .field(
            Schema.FIELD_POOL_INDEX,
            sample.activePoolIndex() == null ? null : (long) sample.activePoolIndex())
        .field(Schema.FIELD_POOL_URL, ShortText.of(sample.activePoolUrl()))
        .field(Schema.FIELD_POOL_USER, ShortText.of(sample.activePoolUser()))
        .field(Schema.FIELD_POWER_LIMIT_W, sample.powerLimitWatts());
    List<Double> boards = sample.boardHashratesThs();
    for (int board = 0; board < Math.min(boards.size(), Schema.MAX_BOARDS); board++) {
      point.field(Schema.fieldHashrateBoardThs(board), boards.get(board));
    }
    if (sample.powerSource() != PowerSource.NONE) {
      point
          .field(Schema.FIELD_POWER_W, sample.powerWatts())
          .field(Schema.FIELD_POWER_SOURCE, sample.powerSource().name().toLowerCase(Locale.ROOT));
    }
    return point.build();
  }

  static Point silent(String site, String minerId, long timeMillis, Throwable failure) {
    return DeviceErrorFields.add(
            base(site, minerId, timeMillis).field(Schema.FIELD_UP, 0L), failure)
        .build();
  }

  private static Point.Builder base(String site, String minerId, long timeMillis) {
    return Point.builder(Schema.MINER, timeMillis)
        .tag(Schema.TAG_SITE, site)
        .tag(Schema.TAG_MINER, minerId);
  }
}
