package io.flarewatch.edge.control;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Miners an operator's command holds: from the moment the edge accepts the command until it
 * expires, the load loop leaves them alone. Written by the command executor, read by the loop, from
 * any thread.
 */
public final class MinerOverrides {

  private final Map<String, Instant> until = new ConcurrentHashMap<>();

  /** Holds the miners until {@code expiresAt} (a later hold of the same miner extends it). */
  public void hold(Collection<String> miners, Instant expiresAt) {
    for (String miner : miners) {
      until.merge(miner, expiresAt, (a, b) -> a.isAfter(b) ? a : b);
    }
  }

  /** Lets the miners go (their command was canceled before any was acted on). */
  public void release(Collection<String> miners) {
    miners.forEach(until::remove);
  }

  /**
   * The miners held at {@code now}, each with the time its hold ends; expired holds are dropped.
   */
  public Map<String, Instant> active(Instant now) {
    until.values().removeIf(end -> !end.isAfter(now));
    return new HashMap<>(until);
  }
}
