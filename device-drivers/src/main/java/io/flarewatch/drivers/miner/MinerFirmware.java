package io.flarewatch.drivers.miner;

/** Firmware families whose API replies are mapped differently. */
public enum MinerFirmware {
  /** Bitmain stock firmware (bmminer / cgminer based). No power reading. */
  ANTMINER,
  /** Braiins OS / OS+ (bosminer, BOSer) legacy CGMiner-style API. */
  BRAIINS_OS,
  /** Luxor LuxOS (LUXminer). */
  LUXOS,
  /** MicroBT Whatsminer (btminer) API v2. */
  WHATSMINER,
  /** Any other CGMiner-compatible firmware. */
  CGMINER
}
