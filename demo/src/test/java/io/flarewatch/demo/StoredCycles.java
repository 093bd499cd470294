package io.flarewatch.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.influx.InfluxClient;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/** Assertions that InfluxDB holds every collected poll cycle exactly once and complete. */
final class StoredCycles {

  private StoredCycles() {}

  /**
   * Every stored cycle holds one point per miner and one site summary, and the stored cycles
   * include {@code collected}.
   *
   * @return the stored cycle timestamps
   */
  static TreeSet<Long> assertCompleteAndIncluding(
      InfluxClient influx, int miners, Collection<Long> collected) {
    TreeMap<Long, Integer> perCycle = InfluxRows.minerPointsPerCycle(influx);
    perCycle.forEach(
        (cycle, points) -> assertEquals(miners, points, "miner points of cycle " + cycle));
    List<Long> summaries = InfluxRows.summaryCycles(influx);
    TreeSet<Long> stored = new TreeSet<>(summaries);
    assertEquals(summaries.size(), stored.size(), "one summary per cycle");
    assertEquals(perCycle.keySet(), stored, "every cycle has its miners and its summary");
    TreeSet<Long> missing = new TreeSet<>(collected);
    missing.removeAll(stored);
    assertTrue(missing.isEmpty(), "collected but not stored: " + missing);
    return stored;
  }

  /** The stored cycles are consecutive: none missing between the first and the last. */
  static void assertConsecutive(TreeSet<Long> cycles, long intervalMillis, long expectedCount) {
    assertEquals(expectedCount, cycles.size(), "stored cycles");
    assertEquals(
        (expectedCount - 1) * intervalMillis,
        cycles.last() - cycles.first(),
        "cycles from first to last, none missing");
  }
}
