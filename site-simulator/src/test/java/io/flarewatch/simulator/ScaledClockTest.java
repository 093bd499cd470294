package io.flarewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Site time for a running simulator that lives faster than real time. */
class ScaledClockTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void runsScaleTimesAsFastAsItsBaseFromItsStart() {
    ManualClock base = new ManualClock(START);
    ScaledClock clock = new ScaledClock(base, 60);
    assertEquals(START, clock.instant());
    base.advance(Duration.ofSeconds(10));
    assertEquals(START.plusSeconds(600), clock.instant());
    base.advance(Duration.ofMillis(250));
    assertEquals(START.plusSeconds(615), clock.instant());
  }

  @Test
  void aScaledSimulatorSeesTheProfileAtSiteTime() {
    ManualClock base = new ManualClock(START);
    SimulatorConfig d = SimulatorConfig.defaults(3, 8);
    GasConfig gas = d.gas().withProfile(GasProfile.SLUGGING);
    ScaledClock scaled = new ScaledClock(base, 60);
    SimulatorConfig c = d.withGas(gas);
    SitePlant plant = new SitePlant(new SiteModel(c, scaled), scaled, c);
    base.advance(Duration.ofSeconds(10));
    assertEquals(600, plant.tick());
    assertEquals(gas.mscfdAt(600), plant.snapshot().gasSupplyMscfd(), 1e-9);
    assertThrows(IllegalStateException.class, () -> plant.step(Duration.ofSeconds(1)));
  }

  @Test
  void timeScaleFlagIsANumberOfAtLeastOne() {
    assertEquals(1, SimulatorMain.timeScale(new String[] {"--miners", "4"}));
    assertEquals(
        120, SimulatorMain.timeScale(new String[] {"--time-scale", "120", "--miners", "4"}));
    assertEquals(
        4,
        SimulatorMain.parse(new String[] {"--time-scale", "120", "--miners", "4"})
            .miners()
            .count());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SimulatorMain.timeScale(new String[] {"--time-scale", "0.5"}));
    assertTrue(e.getMessage().contains("--time-scale"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> SimulatorMain.parse(new String[] {"--time-scale", "fast"}));
    assertThrows(IllegalArgumentException.class, () -> new ScaledClock(new ManualClock(START), 0));
  }
}
