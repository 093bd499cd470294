package io.flarewatch.drivers.miner.control;

/** What a command asks of one miner. */
public enum MinerAction {
  /** Stop hashing and draw as little as the firmware allows. */
  SLEEP,
  /** Resume hashing. */
  WAKE,
  /** Set the power limit (watts in {@link MinerCommand#watts()}). */
  POWER_LIMIT
}
