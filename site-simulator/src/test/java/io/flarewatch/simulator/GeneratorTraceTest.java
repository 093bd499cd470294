package io.flarewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator's load at every tick, as tests elsewhere read it to check ramp steps. */
class GeneratorTraceTest {

  @Test
  void everyTickIsKeptAndSleepingMinersDropTheLoad() throws Exception {
    SimulatorConfig c = SimHarness.config(6, 21, Flavour.BRAIINS);
    try (SimHarness h = new SimHarness(c)) {
      h.tick(5);
      List<GeneratorLoad> before = h.sim.generatorTrace();
      assertEquals(6, before.size(), "ticks 0..5");
      for (int i = 0; i < before.size(); i++) {
        assertEquals(i, before.get(i).tick());
        assertEquals(SimHarness.START.plusMillis(i * c.tickMillis()), before.get(i).at());
      }
      assertEquals(h.sim.snapshot().generator().powerKw(), before.get(5).kw());
      double steadyStep = GeneratorLoad.largestStepKw(before);

      SiteSnapshot mining = h.sim.snapshot();
      double pausedKw = 0;
      for (MinerEndpoint m : h.sim.miners().subList(0, 3)) {
        pausedKw += mining.miner(m.id()).orElseThrow().powerWatts() / 1000.0;
        assertEquals("Paused", SimHarness.ask(m, "pause").at("/PAUSE/0/PAUSE").asText());
      }
      h.tick(1);
      List<GeneratorLoad> after = h.sim.generatorTrace();
      assertEquals(7, after.size());
      double drop = after.get(5).kw() - after.get(6).kw();
      // three miners' draw plus auxiliaries leaves, less their ~10 W of sleep each and noise
      assertEquals(pausedKw * (1 + c.physics().auxiliaryFraction()), drop, 0.1 * pausedKw);
      assertEquals(h.sim.snapshot().generator().powerKw(), after.get(6).kw());
      assertTrue(drop > 4 * steadyStep, "the sleep is a step well above the noise");
      assertEquals(drop, GeneratorLoad.largestStepKw(after), 1e-9);
    }
  }

  @Test
  void largestStepOfAShortTraceIsZero() {
    assertEquals(0.0, GeneratorLoad.largestStepKw(List.of()));
    assertEquals(
        0.0, GeneratorLoad.largestStepKw(List.of(new GeneratorLoad(0, SimHarness.START, 12.5))));
  }

  @Test
  void theTraceKeepsTheNewestTicksWhenFull() throws Exception {
    SimulatorConfig c = SimHarness.config(2, 4).withGroundTruthCapacity(4);
    try (SimHarness h = new SimHarness(c)) {
      h.tick(9);
      List<GeneratorLoad> trace = h.sim.generatorTrace();
      assertEquals(List.of(6L, 7L, 8L, 9L), trace.stream().map(GeneratorLoad::tick).toList());
    }
  }
}
