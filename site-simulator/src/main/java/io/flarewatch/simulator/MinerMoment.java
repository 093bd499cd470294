package io.flarewatch.simulator;

import java.time.Instant;

/**
 * One miner at the moment a request is answered: its state, the simulation tick and the clock.
 *
 * @param miner the miner's state (guarded by the site model's lock while replies are built)
 * @param tick the simulation tick
 * @param now the clock's instant
 */
record MinerMoment(MinerModel miner, long tick, Instant now) {

  /** Seconds since the mining software started ({@code Elapsed}). */
  long elapsed() {
    return miner.uptimeSeconds(tick);
  }

  /** The {@code When} of replies, epoch seconds. */
  long when() {
    return now.getEpochSecond();
  }
}
