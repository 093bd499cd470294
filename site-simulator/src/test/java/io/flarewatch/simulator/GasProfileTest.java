package io.flarewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The scripted gas profiles: their shapes, and determinism by seed and by site time alone. */
class GasProfileTest {
  private static final double BASE = 100;

  private static GasConfig gas(GasProfile profile, double noise, long seed) {
    return new GasConfig(profile, BASE, 0.5, 600, 300, 900, noise, seed);
  }

  private static List<Double> series(GasConfig gas) {
    List<Double> s = new ArrayList<>();
    for (int second = 0; second <= 3600; second += 7) {
      s.add(gas.mscfdAt(second));
    }
    return s;
  }

  @ParameterizedTest
  @EnumSource(value = GasProfile.class, names = "RANDOM_WALK", mode = EnumSource.Mode.EXCLUDE)
  void sameSeedSameSeriesOtherSeedOtherSeries(GasProfile profile) {
    assertEquals(series(gas(profile, 0.02, 7)), series(gas(profile, 0.02, 7)));
    assertNotEquals(series(gas(profile, 0.02, 7)), series(gas(profile, 0.02, 8)));
  }

  @ParameterizedTest
  @EnumSource(value = GasProfile.class, names = "RANDOM_WALK", mode = EnumSource.Mode.EXCLUDE)
  void noiseStaysWithinItsFractionAndMoves(GasProfile profile) {
    GasConfig noisy = gas(profile, 0.05, 3);
    GasConfig clean = gas(profile, 0, 3);
    double largest = 0;
    for (int second = 0; second <= 3600; second++) {
      double shaped = clean.mscfdAt(second);
      double off = Math.abs(noisy.mscfdAt(second) - shaped);
      assertTrue(off <= shaped * 0.05 + 1e-9, profile + " at " + second + ": " + off);
      largest = Math.max(largest, off / BASE);
    }
    assertTrue(largest > 0.02, "the noise moves the flow: largest " + largest);
  }

  @Test
  void steadyStaysAtTheBase() {
    GasConfig g = gas(GasProfile.STEADY, 0, 1);
    for (int second = 0; second <= 7200; second += 13) {
      assertEquals(BASE, g.mscfdAt(second), 1e-9);
    }
  }

  @Test
  void suddenDropHalvesTheFlowAtItsStartForItsDuration() {
    GasConfig g = gas(GasProfile.SUDDEN_DROP, 0, 1);
    assertEquals(BASE, g.mscfdAt(299.999), 1e-9);
    assertEquals(BASE / 2, g.mscfdAt(300), 1e-9);
    assertEquals(BASE / 2, g.mscfdAt(1199.9), 1e-9);
    assertEquals(BASE, g.mscfdAt(1200), 1e-9, "back after durationSeconds 900");
    GasConfig forGood = new GasConfig(GasProfile.SUDDEN_DROP, BASE, 0.5, 600, 300, 0, 0, 1);
    assertEquals(BASE / 2, forGood.mscfdAt(86_400), 1e-9, "duration 0: for good");
  }

  @Test
  void shutInGoesToZeroThenRampsBackToTheBase() {
    GasConfig g = gas(GasProfile.SHUT_IN_RECOVERY, 0.02, 1);
    assertTrue(g.mscfdAt(299) > BASE * 0.97);
    for (int second = 300; second < 1200; second++) {
      assertEquals(0, g.mscfdAt(second), "shut in at " + second);
    }
    GasConfig clean = gas(GasProfile.SHUT_IN_RECOVERY, 0, 1);
    assertEquals(BASE / 2, clean.mscfdAt(1500), 1e-9, "half way up the 600 s ramp");
    assertEquals(BASE, clean.mscfdAt(1800), 1e-9, "recovered");
    assertEquals(BASE, clean.mscfdAt(5000), 1e-9);
  }

  @Test
  void slowDeclineFallsSteadilyByItsAmplitudeThenHolds() {
    GasConfig g = gas(GasProfile.SLOW_DECLINE, 0, 1);
    assertEquals(BASE, g.mscfdAt(300), 1e-9);
    double previous = BASE;
    for (int second = 300; second <= 900; second += 10) {
      double now = g.mscfdAt(second);
      assertTrue(now <= previous, "never rises: " + second);
      previous = now;
    }
    assertEquals(BASE * 0.75, g.mscfdAt(600), 1e-9, "half of the 50 % decline at half time");
    assertEquals(BASE * 0.5, g.mscfdAt(900), 1e-9);
    assertEquals(BASE * 0.5, g.mscfdAt(3600), 1e-9, "holds");
  }

  @Test
  void sluggingSwingsByItsAmplitudeWithItsPeriod() {
    GasConfig g = gas(GasProfile.SLUGGING, 0, 1);
    double min = Double.MAX_VALUE;
    double max = 0;
    double sum = 0;
    for (int second = 0; second < 600; second++) {
      double v = g.mscfdAt(second);
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
      assertEquals(v, g.mscfdAt(second + 600), 1e-9, "periodic at " + second);
    }
    assertEquals(BASE * 1.5, max, 0.01);
    assertEquals(BASE * 0.5, min, 0.01);
    assertEquals(BASE, sum / 600, 1e-6, "mean = base");
  }

  @Test
  void randomWalkIsNotAFunctionOfTime() {
    GasConfig g = gas(GasProfile.RANDOM_WALK, 0, 1);
    assertThrows(IllegalStateException.class, () -> g.mscfdAt(10));
  }

  /** The plant reads the profile at each tick's start second: tick length does not matter. */
  @Test
  void plantSupplyDependsOnSiteTimeNotOnTickLength() {
    GasConfig g = gas(GasProfile.SLUGGING, 0.02, 11);
    SimulatorConfig coarse = SimulatorConfig.defaults(3, 5).withGas(g);
    SitePlant oneSecond = SitePlant.create(coarse);
    SitePlant fiveSeconds = SitePlant.create(coarse.withTickMillis(5000));
    SitePlant tenthSecond = SitePlant.create(coarse.withTickMillis(100));
    for (int i = 0; i < 60; i++) {
      oneSecond.step(Duration.ofSeconds(5));
      fiveSeconds.step(Duration.ofSeconds(5));
      tenthSecond.step(Duration.ofSeconds(5));
      double expected = g.mscfdAt((i + 1) * 5);
      assertEquals(expected, oneSecond.gasSupplyMscfd(), 1e-9);
      assertEquals(expected, fiveSeconds.gasSupplyMscfd(), 1e-9);
      assertEquals(expected, tenthSecond.gasSupplyMscfd(), 1e-9);
    }
  }

  /** The whole plant, trips included, repeats itself for the same seed and differs for another. */
  @Test
  void plantRunsRepeatForTheSameSeed() {
    SimulatorConfig d = SimulatorConfig.defaults(6, 3);
    GasConfig slugs =
        new GasConfig(GasProfile.SLUGGING, d.gas().baseMscfd(), 0.7, 300, 0, 0, 0.05, 5);
    PlantCounters a = runFor(d.withGas(slugs));
    PlantCounters b = runFor(d.withGas(slugs));
    GasConfig otherSeed =
        new GasConfig(GasProfile.SLUGGING, d.gas().baseMscfd(), 0.7, 300, 0, 0, 0.05, 6);
    PlantCounters c = runFor(d.withGas(otherSeed));
    assertTrue(a.trips() > 0, "the slugs trip the engine: " + a);
    assertEquals(a, b);
    assertNotEquals(a.gasAvailableScf(), c.gasAvailableScf());
  }

  private static PlantCounters runFor(SimulatorConfig c) {
    SitePlant plant = SitePlant.create(c);
    plant.step(Duration.ofMinutes(30));
    return plant.counters();
  }
}
