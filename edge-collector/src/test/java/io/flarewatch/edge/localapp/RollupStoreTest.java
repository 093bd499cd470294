package io.flarewatch.edge.localapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rollups stay within their window and their row limit, the oldest minutes going first. */
class RollupStoreTest {

  @TempDir Path dir;

  private static List<MinuteRollups.Row> minute(long minute, int devices) {
    List<MinuteRollups.Row> rows = new ArrayList<>();
    for (int d = 0; d < devices; d++) {
      rows.add(new MinuteRollups.Row("miner.hashrate_ths", "m-" + d, minute, 10.0 * minute, 2));
    }
    return rows;
  }

  @Test
  void minutesBeforeTheWindowAreRemoved() throws Exception {
    try (RollupStore store = RollupStore.open(dir.resolve("r.db"))) {
      for (long m = 100; m < 110; m++) {
        store.write(minute(m, 3));
      }
      int removed = store.prune(105, 1_000_000);
      assertEquals(15, removed);
      assertEquals(15, store.rows());
      Map<String, List<double[]>> left = store.series("miner.hashrate_ths", "m-0", 0, 1_000, 1);
      assertEquals(105, (long) left.get("m-0").get(0)[0], "the oldest minute kept");
    }
  }

  @Test
  void beyondTheRowLimitTheOldestMinutesGoWhole() throws Exception {
    try (RollupStore store = RollupStore.open(dir.resolve("r.db"))) {
      for (long m = 0; m < 20; m++) {
        store.write(minute(m, 5));
      }
      store.prune(0, 12);
      assertTrue(store.rows() <= 12, store.rows() + " rows");
      Map<String, List<double[]>> left = store.series("miner.hashrate_ths", null, 0, 100, 1);
      assertEquals(5, left.size(), "every device of the minutes kept");
      for (List<double[]> points : left.values()) {
        assertEquals(19, (long) points.get(points.size() - 1)[0], "the newest minute is kept");
        assertEquals(2, points.size(), "no minute kept in part");
      }
    }
  }

  @Test
  void writingAMinuteAgainAddsToIt() throws Exception {
    try (RollupStore store = RollupStore.open(dir.resolve("r.db"))) {
      store.write(List.of(new MinuteRollups.Row("generator.power_kw", "g", 7, 100, 2)));
      store.write(List.of(new MinuteRollups.Row("generator.power_kw", "g", 7, 200, 2)));
      double[] point = store.series("generator.power_kw", "g", 0, 10, 5).get("g").get(0);
      assertEquals(5, (long) point[0], "dated by the step's first minute");
      assertEquals(75.0, point[1], 1e-9, "(100 + 200) / 4");
    }
  }
}
