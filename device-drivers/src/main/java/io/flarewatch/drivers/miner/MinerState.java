package io.flarewatch.drivers.miner;

/** What a miner is doing, as far as its API tells. */
public enum MinerState {
  /** Hashing (hashrate above zero). */
  MINING,
  /** Deliberately asleep, paused or curtailed. */
  SLEEPING,
  /** Not hashing, no error reported. */
  IDLE,
  /** Not hashing and a device or all pools report a failure. */
  ERROR,
  /** The reply carried nothing to tell. */
  UNKNOWN
}
