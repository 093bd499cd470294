package io.flarewatch.drivers.miner;

/** Where a miner's power reading comes from. */
public enum PowerSource {
  /** Braiins OS autotuner estimate ({@code tunerstatus.ApproximateMinerPowerConsumption}). */
  TUNER,
  /** Reported by the firmware (LuxOS {@code power.Watts}, Whatsminer {@code summary.Power}). */
  FIRMWARE,
  /** The firmware reports no power (stock Antminer, generic cgminer). */
  NONE
}
