package io.flarewatch.drivers.miner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A miner's pools from its {@code POOLS} section. Pure.
 *
 * @param alive pools with {@code Status} Alive, or null without a POOLS section
 * @param total pools configured, or null without a POOLS section
 * @param active the pool in use: the one with {@code Stratum Active} true, else the alive pool with
 *     the lowest {@code Priority}; null when none is
 */
record MinerPools(Integer alive, Integer total, ActivePool active) {

  /**
   * The pool a miner works for.
   *
   * @param index its {@code POOL} number, or null
   * @param url its {@code URL}, or null
   * @param user the worker it mines as ({@code User}), or null
   */
  record ActivePool(Integer index, String url, String user) {}

  static MinerPools of(MinerReplySections replies) {
    List<JsonNode> pools = replies.section("POOLS");
    if (pools.isEmpty()) {
      return new MinerPools(null, null, null);
    }
    int alive = (int) pools.stream().filter(MinerPools::alive).count();
    JsonNode active = active(pools);
    if (active == null) {
      return new MinerPools(alive, pools.size(), null);
    }
    Long index = LenientValues.wholeNumber(active, "POOL");
    return new MinerPools(
        alive,
        pools.size(),
        new ActivePool(
            index == null ? null : index.intValue(),
            LenientValues.text(active, "URL"),
            LenientValues.text(active, "User")));
  }

  private static boolean alive(JsonNode pool) {
    return "alive".equalsIgnoreCase(LenientValues.text(pool, "Status"));
  }

  private static JsonNode active(List<JsonNode> pools) {
    for (JsonNode pool : pools) {
      if (LenientValues.truthy(pool.get("Stratum Active"))) {
        return pool;
      }
    }
    JsonNode best = null;
    double bestPriority = Double.MAX_VALUE;
    for (JsonNode pool : pools) {
      Double priority = LenientValues.number(pool, "Priority");
      double rank = priority == null ? Double.MAX_VALUE - 1 : priority;
      if (alive(pool) && rank < bestPriority) {
        best = pool;
        bestPriority = rank;
      }
    }
    return best;
  }
}
