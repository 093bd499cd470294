package io.flarewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same seed and clock readings, same served bytes and register values; another seed, others. */
class DeterminismTest {

  /** What a run served: miner replies in order, and the Modbus devices' values per round. */
  private record Served(
      List<byte[]> replies,
      List<GeneratorReading> generator,
      List<GasMeterReading> flare,
      Object groundTruth) {}

  private static Served run(long seed) throws Exception {
    List<byte[]> replies = new ArrayList<>();
    List<GeneratorReading> generator = new ArrayList<>();
    List<GasMeterReading> flare = new ArrayList<>();
    try (SimHarness h = new SimHarness(SimHarness.config(6, seed))) {
      for (int round = 0; round < 4; round++) {
        h.tick(3);
        for (MinerEndpoint m : h.sim.miners()) {
          replies.add(SimHarness.send(m, "summary+stats+pools", null));
          replies.add(SimHarness.send(m, "fans", null));
        }
        generator.add(h.sim.snapshot().generator());
        flare.add(h.sim.snapshot().flare());
      }
      return new Served(replies, generator, flare, h.sim.groundTruth().minerReadings());
    }
  }

  @Test
  void sameSeedServesTheSameValues() throws Exception {
    Served a = run(2024);
    Served b = run(2024);
    assertEquals(a.replies().size(), b.replies().size());
    for (int i = 0; i < a.replies().size(); i++) {
      assertArrayEquals(a.replies().get(i), b.replies().get(i), "reply " + i);
    }
    assertEquals(a.generator(), b.generator(), "generator");
    assertEquals(a.flare(), b.flare(), "flare meter");
    assertEquals(a.groundTruth(), b.groundTruth(), "ground truth");
  }

  @Test
  void otherSeedServesOtherValues() throws Exception {
    Served a = run(1);
    Served b = run(2);
    assertEquals(a.replies().size(), b.replies().size());
    boolean repliesDiffer = false;
    for (int i = 0; i < a.replies().size(); i++) {
      repliesDiffer |= !Arrays.equals(a.replies().get(i), b.replies().get(i));
    }
    assertTrue(repliesDiffer, "the miners' replies differ");
    assertNotEquals(a.generator(), b.generator(), "generator differs");
    assertNotEquals(a.flare(), b.flare(), "flare meter differs");
  }
}
