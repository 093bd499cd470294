package io.flarewatch.drivers.miner.control;

import java.util.Objects;

/**
 * One action for one miner.
 *
 * @param action what to do
 * @param watts the power limit for {@link MinerAction#POWER_LIMIT}, else null
 */
public record MinerCommand(MinerAction action, Integer watts) {

  public MinerCommand {
    Objects.requireNonNull(action, "action");
    if (action == MinerAction.POWER_LIMIT && (watts == null || watts <= 0)) {
      throw new IllegalArgumentException("power_limit needs watts > 0");
    }
    if (action != MinerAction.POWER_LIMIT && watts != null) {
      throw new IllegalArgumentException(action + " takes no watts");
    }
  }

  public static MinerCommand sleep() {
    return new MinerCommand(MinerAction.SLEEP, null);
  }

  public static MinerCommand wake() {
    return new MinerCommand(MinerAction.WAKE, null);
  }

  public static MinerCommand powerLimit(int watts) {
    return new MinerCommand(MinerAction.POWER_LIMIT, watts);
  }
}
