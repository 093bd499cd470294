package io.flarewatch.edge.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the load loop reads in one cycle.
 *
 * @param at the cycle's time
 * @param gasScfh gas available (genset fuel meter plus flare meter), scf/h; null when no meter
 *     answered
 * @param generatorKw the generator's output; null when it did not answer
 * @param alarms generator alarms active now
 * @param miners every miner of the site
 * @param overrides miners held by an operator's command, each until its command expires
 */
public record ControlInputs(
    Instant at,
    Double gasScfh,
    Double generatorKw,
    Set<GeneratorAlarm> alarms,
    List<ControlledMiner> miners,
    Map<String, Instant> overrides) {

  public ControlInputs {
    alarms = Set.copyOf(alarms);
    miners = List.copyOf(miners);
    overrides = Map.copyOf(overrides);
  }
}
