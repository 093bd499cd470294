package io.flarewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same seed and clock readings, same served bytes and registers. */
class DeterminismTest {

  private static List<Object> run(long seed) throws Exception {
    List<Object> served = new ArrayList<>();
    try (SimHarness h = new SimHarness(SimHarness.config(6, seed))) {
      for (int round = 0; round < 4; round++) {
        h.tick(3);
        for (MinerEndpoint m : h.sim.miners()) {
          served.add(SimHarness.send(m, "summary+stats+pools", null));
          served.add(SimHarness.send(m, "fans", null));
        }
        served.add(h.sim.snapshot().generator());
        served.add(h.sim.snapshot().flare());
      }
      served.add(h.sim.groundTruth().minerReadings());
    }
    return served;
  }

  @Test
  void sameSeedServesTheSameValues() throws Exception {
    List<Object> a = run(2024);
    List<Object> b = run(2024);
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) instanceof byte[] bytes) {
        assertArrayEquals(bytes, (byte[]) b.get(i), "reply " + i);
      } else {
        assertEquals(a.get(i), b.get(i), "item " + i);
      }
    }
  }

  @Test
  void otherSeedServesOtherValues() throws Exception {
    List<Object> a = run(1);
    List<Object> b = run(2);
    assertNotEquals(a.get(a.size() - 2), b.get(b.size() - 2), "generator differs");
  }
}
