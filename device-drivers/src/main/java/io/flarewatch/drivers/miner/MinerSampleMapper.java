package io.flarewatch.drivers.miner;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Maps the sections of a poll's replies to one {@link MinerSample}. Pure. Missing sections or
 * fields give {@code null} values, unknown fields are ignored, and numbers sent as strings are
 * accepted. Each measurement has its own small reader ({@link MinerHashrates}, {@link
 * MinerTemperatures}, {@link MinerFans}, {@link MinerPools}, {@link MinerStates}); the module
 * README lists the fields each is read from per firmware.
 */
public final class MinerSampleMapper {

  private MinerSampleMapper() {}

  /** The normalised sample of one poll. */
  public static MinerSample map(MinerFirmware firmware, MinerReplySections replies) {
    Double hashrate = MinerHashrates.totalThs(firmware, replies);
    Double power = powerWatts(firmware, replies);
    MinerTemperatures temperatures = MinerTemperatures.of(replies);
    MinerPools pools = MinerPools.of(replies);
    MinerPools.ActivePool active = pools.active();
    return new MinerSample(
        firmware,
        MinerStates.of(replies, hashrate, pools),
        hashrate,
        MinerHashrates.boardsThs(firmware, replies),
        power,
        power == null ? PowerSource.NONE : powerSourceOf(firmware),
        powerLimitWatts(replies),
        temperatures.maxChipC(),
        temperatures.maxBoardC(),
        temperatures.ambientC(),
        MinerFans.rpms(replies),
        uptimeSeconds(replies),
        pools.alive(),
        pools.total(),
        active == null ? null : active.index(),
        active == null ? null : active.url(),
        active == null ? null : active.user());
  }

  private static Double powerWatts(MinerFirmware firmware, MinerReplySections replies) {
    return switch (firmware) {
      case BRAIINS_OS ->
          LenientValues.number(replies.first("TUNERSTATUS"), "ApproximateMinerPowerConsumption");
      case LUXOS -> LenientValues.number(replies.first("POWER"), "Watts");
      case WHATSMINER -> LenientValues.number(replies.first("SUMMARY"), "Power");
      case ANTMINER, CGMINER -> null;
    };
  }

  private static PowerSource powerSourceOf(MinerFirmware firmware) {
    return firmware == MinerFirmware.BRAIINS_OS ? PowerSource.TUNER : PowerSource.FIRMWARE;
  }

  /** Braiins {@code TUNERSTATUS[0].PowerLimit}, else Whatsminer {@code SUMMARY[0].Power Limit}. */
  private static Double powerLimitWatts(MinerReplySections replies) {
    Double tuner = LenientValues.number(replies.first("TUNERSTATUS"), "PowerLimit");
    if (tuner != null && tuner > 0) {
      return tuner;
    }
    Double summary = LenientValues.number(replies.first("SUMMARY"), "Power Limit");
    return summary != null && summary > 0 ? summary : null;
  }

  /** {@code SUMMARY[0].Elapsed}, else {@code STATS[].Elapsed}. */
  private static Long uptimeSeconds(MinerReplySections replies) {
    Long elapsed = LenientValues.wholeNumber(replies.first("SUMMARY"), "Elapsed");
    if (elapsed != null) {
      return elapsed;
    }
    for (JsonNode stats : replies.section("STATS")) {
      elapsed = LenientValues.wholeNumber(stats, "Elapsed");
      if (elapsed != null) {
        return elapsed;
      }
    }
    return null;
  }
}
