package io.flarewatch.drivers.miner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One normalised reading of a miner, whatever its firmware. Every measurement may be {@code null}
 * (or empty) when the firmware does not report it.
 *
 * @param firmware detected firmware family
 * @param state what the miner is doing
 * @param hashrateThs hashrate in TH/s
 * @param boardHashratesThs hashrate of each board (hash chain) in TH/s, in the firmware's order; an
 *     element is null for a board listed without a rate
 * @param powerWatts power draw in W; {@code null} when {@code powerSource} is NONE
 * @param powerSource where the power reading comes from
 * @param powerLimitWatts the power limit the miner is set to, in W
 * @param maxChipTempC hottest chip sensor in °C
 * @param maxBoardTempC hottest board (PCB) sensor in °C
 * @param ambientTempC temperature of the air taken in (inlet / environment) in °C
 * @param fanRpms speed of each fan in RPM (empty when none reported)
 * @param uptimeSeconds seconds since the mining software started
 * @param poolsAlive pools with status Alive
 * @param poolsTotal pools configured
 * @param activePoolIndex {@code POOL} number of the pool in use
 * @param activePoolUrl URL of the pool in use
 * @param activePoolUser the worker the miner mines as on the pool in use
 */
public record MinerSample(
    MinerFirmware firmware,
    MinerState state,
    Double hashrateThs,
    List<Double> boardHashratesThs,
    Double powerWatts,
    PowerSource powerSource,
    Double powerLimitWatts,
    Double maxChipTempC,
    Double maxBoardTempC,
    Double ambientTempC,
    List<Integer> fanRpms,
    Long uptimeSeconds,
    Integer poolsAlive,
    Integer poolsTotal,
    Integer activePoolIndex,
    String activePoolUrl,
    String activePoolUser) {

  public MinerSample {
    Objects.requireNonNull(firmware, "firmware");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(powerSource, "powerSource");
    boardHashratesThs =
        boardHashratesThs == null
            ? List.of()
            : Collections.unmodifiableList(new ArrayList<>(boardHashratesThs));
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
