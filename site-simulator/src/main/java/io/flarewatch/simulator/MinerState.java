package io.flarewatch.simulator;

/** What a simulated miner is doing. */
public enum MinerState {
  /** Hashing at its nominal rate (with noise). */
  MINING,
  /** Asleep (curtailed / paused): no hashrate, about 10 W. */
  SLEEPING,
  /** No power from the generator (shed or generator shut down): does not answer. */
  UNPOWERED,
  /** Power is back and the miner is booting: draws about 10 W, does not answer yet. */
  BOOTING
}
