package io.flarewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fuel-limited engine in process: sag, trip, lockout, restart, miners booting back. */
class EngineTripTest {
  private static final int MINERS = 10;

  private static SimulatorConfig site(GasProfile profile, double amplitude, double at, double dur) {
    SimulatorConfig d = SimulatorConfig.defaults(MINERS, 21);
    GasConfig gas =
        new GasConfig(profile, d.gas().baseMscfd(), amplitude, 60, at, dur, 0, d.seed());
    return d.withGas(gas);
  }

  private static void second(SitePlant plant) {
    plant.step(Duration.ofSeconds(1));
  }

  private static boolean running(SitePlant plant) {
    return plant.generator().status(GeneratorReading.RUNNING);
  }

  /** The missing fraction of the fuel the served load needs, from the served values. */
  private static double deficit(SitePlant plant, SimulatorConfig c) {
    GeneratorReading g = plant.generator();
    double needed = g.powerKw() * c.physics().heatRateBtuPerKwh() / c.physics().gasHhvBtuPerScf();
    return needed > 0 ? Math.max(0, 1 - g.fuelFlowScfh() / needed) : 0;
  }

  @Test
  void fuelDeficitSagsTheEngineThenTripsItAfterTheGrace() {
    SimulatorConfig c = site(GasProfile.SUDDEN_DROP, 0.6, 60, 0);
    SitePlant plant = SitePlant.create(c);
    for (int s = 1; s < 60; s++) {
      second(plant);
      GeneratorReading g = plant.generator();
      assertFalse(g.status(GeneratorReading.SAGGING), "enough gas at " + s);
      assertEquals(60, g.frequencyHz(), 1e-9);
      assertEquals(480, g.voltageV(), 1e-9);
      assertEquals(0, g.alarmBits(), "no alarm at " + s);
    }
    double integral = 0;
    double lastMissing = 0;
    double previousHz = 60;
    int sagTicks = 0;
    while (running(plant)) {
      second(plant);
      if (!running(plant)) {
        break;
      }
      GeneratorReading g = plant.generator();
      assertTrue(g.status(GeneratorReading.SAGGING), "short of gas at tick " + plant.tick());
      double missing = deficit(plant, c);
      assertTrue(missing > 0.3 && missing < 0.7, "deficit " + missing);
      integral += missing;
      lastMissing = missing;
      sagTicks++;
      assertTrue(g.frequencyHz() < previousHz, "frequency falls while sagging");
      assertTrue(g.engineRpm() < 1800 - 5 * sagTicks, "speed sags: " + g.engineRpm());
      previousHz = g.frequencyHz();
      assertEquals(0, plant.flareMeter().flowRateMscfd(), 1e-9, "all gas to the engine");
      assertEquals(
          plant.gasSupplyMscfd(), plant.gensetFuelMeter().flowRateMscfd(), 0.002, "burns all");
      assertTrue(sagTicks < 60, "trips within the grace");
    }
    // the tick whose integral reached the 5 s grace was the last one running
    assertTrue(integral >= 5 - 0.01, "tripped only once the grace was spent: " + integral);
    assertTrue(integral - lastMissing < 5 + 0.01, "ran no tick past the grace: " + integral);
    assertTrue(sagTicks >= 8 && sagTicks <= 16, "~0.45 of the fuel missing: " + sagTicks + " s");
    GeneratorReading down = plant.generator();
    assertEquals(0, down.powerKw());
    assertEquals(0, down.engineRpm());
    assertEquals(0, down.frequencyHz());
    assertEquals(0, down.fuelFlowScfh());
    assertTrue(down.alarm(GeneratorReading.ALARM_ENGINE_TRIP));
    assertTrue(down.status(GeneratorReading.SHUTDOWN_LOW_GAS | GeneratorReading.RESTART_PENDING));
    assertEquals(plant.gasSupplyMscfd(), plant.flareMeter().flowRateMscfd(), 0.002, "all flared");
    assertTrue(plant.miners().stream().allMatch(m -> m.state() == MinerState.UNPOWERED));
    assertEquals(0, plant.snapshot().minersWatts());
    assertFalse(plant.sleep("miner-0001"), "an unpowered miner takes no command");
    assertEquals(1, plant.counters().trips());
  }

  @Test
  void lockoutThenRestartAndMinersBootBackOnTheirOwn() {
    SimulatorConfig c = site(GasProfile.SUDDEN_DROP, 0.6, 60, 30);
    SitePlant plant = SitePlant.create(c);
    long downTick = -1;
    long upTick = -1;
    while (upTick < 0) {
      second(plant);
      if (downTick < 0 && !running(plant)) {
        downTick = plant.tick();
      } else if (downTick >= 0 && running(plant)) {
        upTick = plant.tick();
      }
      assertTrue(plant.tick() < 300, "restarted");
    }
    assertEquals(c.physics().restartDelaySeconds(), upTick - downTick, "the lockout");
    assertFalse(plant.generator().alarm(GeneratorReading.ALARM_ENGINE_TRIP), "cleared");
    assertTrue(plant.miners().stream().allMatch(m -> m.state() == MinerState.BOOTING));
    assertTrue(plant.snapshot().minersWatts() <= MINERS * 12L, "booting miners draw ~10 W");
    assertFalse(plant.sleep("miner-0002"), "a booting miner does not answer yet");
    List<Long> booted = new ArrayList<>();
    for (int s = 0; s < 60; s++) {
      second(plant);
      long mining = plant.miners().stream().filter(m -> m.state() == MinerState.MINING).count();
      while (booted.size() < mining) {
        booted.add(plant.tick() - upTick);
      }
    }
    assertEquals(MINERS, booted.size(), "every miner came back");
    EngineConfig e = c.engine();
    for (long seconds : booted) {
      assertTrue(
          seconds >= e.minerBootSeconds()
              && seconds <= e.minerBootSeconds() + e.minerBootJitterSeconds() + 1,
          "booted after " + seconds + " s");
    }
    assertTrue(booted.get(MINERS - 1) > booted.get(0), "boot times are staggered");
    assertTrue(plant.miners().stream().allMatch(m -> m.uptimeSeconds() <= 30), "fresh uptime");
    assertTrue(plant.sleep("miner-0002"), "a booted miner answers");
    assertEquals(1, plant.counters().trips(), "the gas came back: no second trip");
  }

  @Test
  void shutInKeepsTheEngineDownUntilGasReturns() {
    SimulatorConfig c = site(GasProfile.SHUT_IN_RECOVERY, 0, 30, 300);
    SitePlant plant = SitePlant.create(c);
    plant.step(Duration.ofSeconds(34));
    // a total loss of gas fills the integral 1 per second: ticks 30..34 spend the 5 s grace
    assertTrue(running(plant));
    assertTrue(plant.generator().status(GeneratorReading.SAGGING));
    assertTrue(plant.generator().alarm(GeneratorReading.ALARM_LOW_GAS_PRESSURE));
    second(plant);
    assertFalse(running(plant), "tripped at 35 s");
    plant.step(Duration.ofSeconds(329 - 35));
    GeneratorReading waiting = plant.generator();
    assertFalse(running(plant), "no restart without gas, lockout long over");
    assertTrue(waiting.status(GeneratorReading.RESTART_PENDING));
    assertTrue(waiting.alarm(GeneratorReading.ALARM_LOW_GAS_PRESSURE));
    assertEquals(1, plant.counters().trips());
    long restarted = -1;
    for (int s = 330; s < 400 && restarted < 0; s++) {
      second(plant);
      if (running(plant)) {
        restarted = plant.tick();
      }
    }
    assertTrue(restarted > 330, "restarts once the gas supports the minimum load");
    double gasKw =
        plant.gasSupplyMscfd()
            * 1000
            / 24
            * c.physics().gasHhvBtuPerScf()
            / c.physics().heatRateBtuPerKwh();
    assertTrue(gasKw >= c.physics().minLoadFraction() * c.physics().ratedKw());
    plant.step(Duration.ofSeconds(600));
    assertFalse(plant.generator().alarm(GeneratorReading.ALARM_LOW_GAS_PRESSURE), "recovered");
    assertTrue(running(plant));
    assertTrue(plant.miners().stream().allMatch(m -> m.state() == MinerState.MINING));
  }

  @Test
  void sleepingMinersWithinTheGraceAvoidTheTrip() {
    SimulatorConfig c = site(GasProfile.SUDDEN_DROP, 0.5, 60, 0);
    SitePlant plant = SitePlant.create(c);
    plant.step(Duration.ofSeconds(61));
    assertTrue(plant.generator().status(GeneratorReading.SAGGING), "short of gas");
    double fitsKw =
        plant.gasSupplyMscfd()
            * 1000
            / 24
            * c.physics().gasHhvBtuPerScf()
            / c.physics().heatRateBtuPerKwh()
            * 0.9;
    List<MinerReading> miners = plant.miners();
    double kw = plant.generator().powerKw();
    for (int i = miners.size() - 1; i >= 0 && kw > fitsKw; i--) {
      assertTrue(plant.sleep(miners.get(i).id()));
      kw -= miners.get(i).powerWatts() / 1000.0 * (1 + c.physics().auxiliaryFraction());
    }
    plant.step(Duration.ofSeconds(600));
    PlantCounters counters = plant.counters();
    assertEquals(0, counters.trips());
    assertTrue(running(plant));
    assertFalse(plant.generator().status(GeneratorReading.SAGGING));
    assertTrue(counters.sagSeconds() <= 2, "sagged " + counters.sagSeconds() + " s");
    assertTrue(counters.burnedFraction() > 0.75, "burned " + counters.burnedFraction());
  }

  @Test
  void flareIsAvailableMinusBurnedToTheScfOverAnHourOfTrips() {
    SimulatorConfig base = site(GasProfile.SLUGGING, 0.7, 0, 0);
    GasConfig slugs = base.gas();
    GasConfig gas =
        new GasConfig(GasProfile.SLUGGING, slugs.baseMscfd(), 0.7, 300, 0, 0, 0.02, slugs.seed());
    SimulatorConfig c = base.withGas(gas);
    SitePlant plant = SitePlant.create(c);
    double expectedAvailable = 0;
    for (int s = 1; s <= 3600; s++) {
      second(plant);
      expectedAvailable += gas.mscfdAt(s) * 1000 / 24 / 3600;
      assertTrue(
          plant.gensetFuelMeter().flowRateMscfd() <= plant.gasSupplyMscfd() + 0.0005,
          "never burns more than arrives");
    }
    PlantCounters k = plant.counters();
    assertTrue(k.trips() >= 1, "slug troughs trip an unmanaged engine: " + k.trips());
    assertTrue(k.flaredScf() > 10 && k.gasToEngineScf() > 10, k.toString());
    assertEquals(expectedAvailable, k.gasAvailableScf(), 1e-6 * expectedAvailable);
    assertEquals(k.gasAvailableScf() - k.gasToEngineScf(), k.flaredScf(), 1e-6);
    assertEquals(k.flaredScf(), plant.flareMeter().volumeSinceStartScf(), 1e-6);
    assertEquals(k.gasToEngineScf(), plant.gensetFuelMeter().volumeSinceStartScf(), 1e-6);
    assertEquals(3600, k.elapsedSeconds());
    assertTrue(k.downSeconds() >= (k.trips() - 1) * c.physics().restartDelaySeconds());
    assertTrue(k.hashrateThHours() > 0 && k.energyKwh() > 0);
  }

  @Test
  void alarmBitsFollowTheirConditions() {
    SimulatorConfig s = site(GasProfile.SHUT_IN_RECOVERY, 0, 120, 300);
    SitePlant probe = SitePlant.create(s);
    double demandKw = probe.generator().powerKw();
    PhysicsConfig small = s.physics().withRatedKw(demandKw * 0.9);
    EngineConfig hot =
        new EngineConfig(false, 5, 30, 20, 20, 88); // overloaded coolant settles near 91 °C
    SitePlant plant = SitePlant.create(s.withPhysics(small).withEngine(hot));
    plant.step(Duration.ofSeconds(100));
    GeneratorReading overloaded = plant.generator();
    assertTrue(overloaded.alarm(GeneratorReading.ALARM_OVERLOAD), "load above rated");
    assertTrue(overloaded.alarm(GeneratorReading.ALARM_HIGH_COOLANT_TEMP), "coolant hot");
    assertFalse(overloaded.alarm(GeneratorReading.ALARM_LOW_GAS_PRESSURE));
    assertFalse(overloaded.alarm(GeneratorReading.ALARM_ENGINE_TRIP));
    plant.step(Duration.ofSeconds(60)); // shut in at 120 s, tripped at 125 s
    GeneratorReading shutIn = plant.generator();
    assertTrue(shutIn.alarm(GeneratorReading.ALARM_ENGINE_TRIP));
    assertTrue(shutIn.alarm(GeneratorReading.ALARM_LOW_GAS_PRESSURE));
    assertFalse(shutIn.alarm(GeneratorReading.ALARM_OVERLOAD), "no load while down");
    assertFalse(shutIn.alarm(GeneratorReading.ALARM_HIGH_COOLANT_TEMP), "cooled down");
    plant.step(Duration.ofSeconds(600)); // gas back from 420 s, restart, miners boot
    GeneratorReading recovered = plant.generator();
    assertFalse(recovered.alarm(GeneratorReading.ALARM_ENGINE_TRIP));
    assertFalse(recovered.alarm(GeneratorReading.ALARM_LOW_GAS_PRESSURE));
    assertTrue(recovered.alarm(GeneratorReading.ALARM_OVERLOAD), "full load again");
  }
}
