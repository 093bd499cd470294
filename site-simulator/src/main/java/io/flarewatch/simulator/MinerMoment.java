package io.flarewatch.simulator;

import java.time.Instant;

/**
 * One miner at the moment a request is answered: its state, the simulation tick and the clock.
 *
 * @param miner the miner's state (guarded by the site model's lock while replies are built)
 * @param tick the simulation tick
 * @param now the clock's instant
 * @param faults the command faults of this request
 */
record MinerMoment(MinerModel miner, long tick, Instant now, CommandFaults faults) {

  /** Seconds since the mining software started ({@code Elapsed}). */
  long elapsed() {
    return miner.uptimeSeconds(tick);
  }

  /**
   * Wakes the miner now, or after the slow-wake delay; nothing when commands are ignored. Counted
   * either way.
   */
  void wake() {
    miner.sleepWakeCommands++;
    if (faults.ignoreCommands()) {
      return;
    }
    if (faults.slowWakeTicks() > 0) {
      miner.wakeAt(tick + faults.slowWakeTicks());
    } else {
      miner.wake();
    }
  }

  /** Puts the miner to sleep; nothing when commands are ignored. Counted either way. */
  void sleep() {
    miner.sleepWakeCommands++;
    if (!faults.ignoreCommands()) {
      miner.sleep();
    }
  }

  /** The {@code When} of replies, epoch seconds. */
  long when() {
    return now.getEpochSecond();
  }
}
