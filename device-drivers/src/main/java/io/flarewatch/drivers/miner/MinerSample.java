package io.flarewatch.drivers.miner;

import java.util.List;
import java.util.Objects;

/**
 * One normalised reading of a miner, whatever its firmware. Every measurement may be {@code null}
 * when the firmware does not report it.
 *
 * @param firmware detected firmware family
 * @param state what the miner is doing
 * @param hashrateThs hashrate in TH/s
 * @param powerWatts power draw in W; {@code null} when {@code powerSource} is NONE
 * @param powerSource where the power reading comes from
 * @param maxChipTempC hottest chip sensor in °C
 * @param maxBoardTempC hottest board (PCB) sensor in °C
 * @param fanRpms speed of each fan in RPM (empty when none reported)
 * @param uptimeSeconds seconds since the mining software started
 * @param poolsAlive pools with status Alive
 * @param poolsTotal pools configured
 * @param activePoolUrl URL of the pool in use
 */
public record MinerSample(
    MinerFirmware firmware,
    MinerState state,
    Double hashrateThs,
    Double powerWatts,
    PowerSource powerSource,
    Double maxChipTempC,
    Double maxBoardTempC,
    List<Integer> fanRpms,
    Long uptimeSeconds,
    Integer poolsAlive,
    Integer poolsTotal,
    String activePoolUrl) {

  public MinerSample {
    Objects.requireNonNull(firmware, "firmware");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(powerSource, "powerSource");
    fanRpms = fanRpms == null ? List.of() : List.copyOf(fanRpms);
    if ((powerWatts == null) != (powerSource == PowerSource.NONE)) {
      throw new IllegalArgumentException(
          "powerWatts must be present exactly when powerSource is not NONE (powerWatts="
              + powerWatts
              + ", powerSource="
              + powerSource
              + ")");
    }
  }
}
