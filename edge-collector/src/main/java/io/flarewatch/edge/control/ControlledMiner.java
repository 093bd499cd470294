package io.flarewatch.edge.control;

/**
 * One miner as the load loop sees it in a cycle.
 *
 * @param id the miner's id in the edge's config
 * @param online it answered this cycle; a silent miner is not touched, but its load still counts
 * @param running it is mining at full power (not asleep, not held at its curtailed power limit);
 *     for a silent miner, as it last answered (it mines again once it answers)
 * @param fullKw its draw when mining at full power (last seen, or the configured default)
 * @param curtailedKw its draw when curtailed (asleep, or at its lowest power limit)
 * @param joulesPerTh its efficiency when last seen mining; null when unknown
 * @param curtailBy how its firmware curtails it
 */
public record ControlledMiner(
    String id,
    boolean online,
    boolean running,
    double fullKw,
    double curtailedKw,
    Double joulesPerTh,
    CurtailBy curtailBy) {

  /** How a miner's load is shed: put to sleep, or held at a low power limit. */
  public enum CurtailBy {
    SLEEP,
    POWER_LIMIT
  }

  /** What it draws by its state, kW (a silent miner by its last state). */
  public double drawKw() {
    return running ? fullKw : curtailedKw;
  }

  /** The load waking it adds, kW. */
  public double swingKw() {
    return fullKw - curtailedKw;
  }
}
