package io.flarewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The coupling of miners, generator, fuel and flare meters. */
class PhysicsTest {
  private static final double HEAT_RATE = 9500;
  private static final double HHV = 1242.5;

  private static void assertBalanced(SiteSnapshot s, SimulatorConfig c) {
    GeneratorReading g = s.generator();
    double kw = s.minersWatts() / 1000.0 * (1 + c.physics().auxiliaryFraction());
    if ((g.statusBits() & GeneratorReading.RUNNING) != 0) {
      assertEquals(kw, g.powerKw(), 0.051, "generator kW = miners + 3 % auxiliary");
    } else {
      assertEquals(0, g.powerKw());
    }
    assertEquals(g.powerKw() / c.physics().powerFactor(), g.apparentPowerKva(), 0.1);
    // kW is served to 0.1: the load % computed from it differs by up to 0.05 kW of rated
    double loadTolerance = 0.05 / c.physics().ratedKw() * 100 + 0.051;
    assertEquals(g.powerKw() / c.physics().ratedKw() * 100, g.loadPct(), loadTolerance);
    if ((g.statusBits() & GeneratorReading.SAGGING) == 0) {
      assertEquals(g.powerKw() * HEAT_RATE / HHV, g.fuelFlowScfh(), 0.5, "fuel = kW x HR / HHV");
    } else {
      assertEquals(s.gasSupplyMscfd() * 1000 / 24, g.fuelFlowScfh(), 0.5, "sagging: all gas");
    }
    assertEquals(g.fuelFlowScfh() * 24 / 1000, s.gensetFuel().flowRateMscfd(), 0.002);
    double flare = Math.max(0, s.gasSupplyMscfd() - s.gensetFuel().flowRateMscfd());
    assertEquals(flare, s.flare().flowRateMscfd(), 0.002, "flare = supply - fuel");
    assertTrue(s.flare().flowRateMscfd() >= 0);
  }

  @Test
  void sleepingMinersLowerGeneratorLoadAndFuelAndRaiseFlare() throws Exception {
    SimulatorConfig c = SimHarness.config(6, 5, Flavour.LUXOS);
    try (SimHarness h = new SimHarness(c)) {
      h.tick(3);
      SiteSnapshot before = h.sim.snapshot();
      assertBalanced(before, c);
      assertTrue(before.flare().flowRateMscfd() > 0, "default supply exceeds demand");
      for (MinerEndpoint m : h.sim.miners().subList(0, 4)) {
        String sid = SimHarness.ask(m, "logon").at("/SESSION/0/SessionID").asText();
        assertEquals(
            "sleep", SimHarness.ask(m, "curtail", sid + ",sleep").at("/CURTAIL/0/Action").asText());
      }
      h.tick(1);
      SiteSnapshot after = h.sim.snapshot();
      assertBalanced(after, c);
      assertEquals(
          4, after.miners().stream().filter(m -> m.state() == MinerState.SLEEPING).count());
      assertTrue(after.generator().powerKw() < before.generator().powerKw() * 0.5);
      assertTrue(after.generator().fuelFlowScfh() < before.generator().fuelFlowScfh() * 0.5);
      assertTrue(after.flare().flowRateMscfd() > before.flare().flowRateMscfd());
    }
  }

  @Test
  void balanceHoldsTickAfterTick() throws Exception {
    SimulatorConfig c = SimHarness.config(9, 99);
    try (SimHarness h = new SimHarness(c)) {
      for (int i = 0; i < 50; i++) {
        h.tick(1);
        assertBalanced(h.sim.snapshot(), c);
      }
    }
  }

  @Test
  void totalizerIntegratesFlowInHundredthsAndRollsOverAt2To32Steps() throws Exception {
    SimulatorConfig d = SimHarness.config(3, 8);
    long start = 42_949_672L - 20;
    SimulatorConfig c =
        d.withTickMillis(60_000)
            .withPhysics(
                new PhysicsConfig(
                    d.physics().ratedKw(),
                    0.85,
                    0.03,
                    HEAT_RATE,
                    HHV,
                    d.physics().supplyMeanMscfd(),
                    0,
                    0.01,
                    0.2,
                    30,
                    start,
                    start,
                    List.of(),
                    List.of()));
    try (SimHarness h = new SimHarness(c)) {
      assertEquals(start, h.sim.snapshot().flare().volumeTotalScf());
      double flowScfPerTick = 0;
      double previous = start;
      boolean wrapped = false;
      for (int i = 0; i < 600 && !wrapped; i++) {
        h.tick(1);
        GasMeterReading f = h.sim.snapshot().flare();
        flowScfPerTick = f.flowRateMscfd() * 1000 / 1440;
        assertEquals(
            (long) Math.floor((start + f.volumeSinceStartScf()) * 100) % 4_294_967_296L / 100.0,
            f.volumeTotalScf(),
            "served total = start + integrated flow in 0.01 scf steps, modulo 2^32 steps");
        wrapped = f.volumeTotalScf() < previous;
        previous = f.volumeTotalScf();
      }
      assertTrue(wrapped, "totalizer rolled over (flow " + flowScfPerTick + " scf/tick)");
      assertTrue(previous < 20, "just past the rollover: " + previous);
    }
  }

  @Test
  void totalizerResetAtRuntimeAndScheduled() throws Exception {
    SimulatorConfig d = SimHarness.config(3, 9);
    PhysicsConfig p = d.physics();
    SimulatorConfig c =
        d.withPhysics(
            new PhysicsConfig(
                p.ratedKw(),
                p.powerFactor(),
                p.auxiliaryFraction(),
                p.heatRateBtuPerKwh(),
                p.gasHhvBtuPerScf(),
                p.supplyMeanMscfd(),
                p.supplyStepMscfd(),
                p.supplyMeanReversion(),
                p.minLoadFraction(),
                p.restartDelaySeconds(),
                1_000_000,
                2_000_000,
                List.of(),
                List.of(new PhysicsConfig.TotalizerReset("flare", 10))));
    try (SimHarness h = new SimHarness(c)) {
      h.tick(5);
      assertTrue(h.sim.snapshot().gensetFuel().volumeTotalScf() >= 1_000_000);
      h.sim.faults().resetTotalizer("genset-fuel");
      h.tick(1);
      GasMeterReading fuel = h.sim.snapshot().gensetFuel();
      assertTrue(fuel.volumeTotalScf() < 10, "reset to 0: " + fuel.volumeTotalScf());
      assertTrue((fuel.statusBits() & GasMeterReading.TOTALIZER_RESET) != 0);
      assertTrue(h.sim.snapshot().flare().volumeTotalScf() >= 2_000_000, "flare not reset yet");
      h.tick(4);
      GasMeterReading flare = h.sim.snapshot().flare();
      assertTrue(flare.volumeTotalScf() < 10, "scheduled reset at 10 s: " + flare.volumeTotalScf());
      h.tick(61);
      assertEquals(0, h.sim.snapshot().flare().statusBits() & GasMeterReading.TOTALIZER_RESET);
    }
  }

  @Test
  void supplyCollapseShutsGeneratorDownAndMinersLosePowerThenRestart() throws Exception {
    SimulatorConfig c = withLoadShedding(SimHarness.config(3, 10));
    try (SimHarness h = new SimHarness(c)) {
      h.tick(2);
      long uptime = h.sim.snapshot().miners().get(0).uptimeSeconds();
      h.sim.faults().gasSupplyDrop(0.95, Duration.ofSeconds(20));
      h.tick(1);
      SiteSnapshot down = h.sim.snapshot();
      assertBalanced(down, c);
      GeneratorReading g = down.generator();
      assertEquals(0, g.statusBits() & GeneratorReading.RUNNING);
      assertTrue((g.statusBits() & GeneratorReading.SHUTDOWN_LOW_GAS) != 0);
      assertEquals(
          GeneratorReading.ALARM_LOW_GAS_PRESSURE | GeneratorReading.ALARM_ENGINE_TRIP,
          g.alarmBits(),
          "a shutdown for lack of gas raises low gas pressure and engine trip, nothing else");
      assertEquals(0, g.engineRpm());
      assertEquals(0, g.fuelFlowScfh());
      assertTrue(down.miners().stream().allMatch(m -> m.state() == MinerState.UNPOWERED));
      assertEquals(down.gasSupplyMscfd(), down.flare().flowRateMscfd(), 0.002, "all gas flared");
      h.sim.groundTruth().clear();
      MinerEndpoint m = h.sim.miners().get(0);
      assertTrue(
          org.junit.jupiter.api.Assertions.assertThrows(
                  java.net.SocketTimeoutException.class,
                  () -> SimHarness.sendRaw(m, "{\"command\":\"summary\"}".getBytes(), 300))
              != null);
      h.tick(60);
      SiteSnapshot up = h.sim.snapshot();
      assertTrue((up.generator().statusBits() & GeneratorReading.RUNNING) != 0);
      assertEquals(0, up.generator().alarmBits(), "the alarms clear once it runs on enough gas");
      assertTrue(up.miners().stream().allMatch(x -> x.state() == MinerState.MINING));
      assertTrue(up.miners().get(0).uptimeSeconds() < uptime, "miners rebooted");
      assertBalanced(up, c);
    }
  }

  @Test
  void partialSupplyDropShedsMinersAndSetsDerateBit() throws Exception {
    SimulatorConfig c = withLoadShedding(SimHarness.config(10, 12));
    try (SimHarness h = new SimHarness(c)) {
      h.tick(1);
      // supply is ~1.3x demand; keeping 45 % of it covers ~58 % of the demand
      h.sim.faults().gasSupplyDrop(0.55, Duration.ofSeconds(30));
      h.tick(1);
      SiteSnapshot s = h.sim.snapshot();
      assertBalanced(s, c);
      long unpowered = s.miners().stream().filter(m -> m.state() == MinerState.UNPOWERED).count();
      assertTrue(unpowered > 0 && unpowered < 10, unpowered + " miners shed");
      assertTrue((s.generator().statusBits() & GeneratorReading.DERATED) != 0);
      assertEquals(
          GeneratorReading.ALARM_LOW_GAS_PRESSURE,
          s.generator().alarmBits(),
          "shedding for lack of gas is a low gas pressure alarm; the engine runs on");
      assertTrue(s.gensetFuel().flowRateMscfd() <= s.gasSupplyMscfd() * 1.02);
    }
  }

  /**
   * The controller sheds load and shuts down at once below the minimum load; miners boot at once.
   */
  private static SimulatorConfig withLoadShedding(SimulatorConfig c) {
    return c.withEngine(EngineConfig.defaults().withLoadShedding(true).withMinerBoot(0, 0));
  }
}
