package io.flarewatch.edge.control;

/**
 * One change the load loop asks of a miner.
 *
 * @param minerId the miner
 * @param action what to do
 * @param watts the power limit for {@link Action#POWER_LIMIT}, else 0
 */
public record MinerChange(String minerId, Action action, double watts) {

  public enum Action {
    SLEEP,
    WAKE,
    POWER_LIMIT
  }

  /** True when the change sheds load (a sleep, or a limit down to the curtailed power). */
  public boolean sheds(ControlledMiner miner) {
    return action == Action.SLEEP
        || (action == Action.POWER_LIMIT && watts <= miner.curtailedKw() * 1000 + 0.5);
  }
}
