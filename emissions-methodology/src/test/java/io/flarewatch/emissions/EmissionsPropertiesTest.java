package io.flarewatch.emissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties of the calculation over many random valid inputs (seeded, reproducible). */
class EmissionsPropertiesTest {

  private static final int CASES = 500;
  private static final double RELATIVE = 1e-9;

  /** Random valid parameters; the CH4 fraction lies between {@code minMethane} and 0.98. */
  static SiteEmissionsParameters randomParameters(Random random, double minMethane) {
    return randomParameters(random, minMethane, randomFlare(random));
  }

  static SiteEmissionsParameters randomParameters(
      Random random, double minMethane, FlareEfficiency flare) {
    EngineType[] engines = EngineType.values();
    EngineType engineType = engines[random.nextInt(engines.length)];
    EngineEfficiency engine =
        random.nextBoolean()
            ? EngineEfficiency.defaultFor(engineType)
            : EngineEfficiency.measured(engineType, 0.9 + 0.1 * random.nextDouble(), "test");
    GwpSet[] sets = GwpSet.values();
    double[] bases = {14.65, 14.696, 14.7, 14.73, 15.025};
    return new SiteEmissionsParameters(
        randomComposition(random, minMethane),
        "random",
        flare,
        random.nextInt(4) == 0 ? 0.1 * random.nextDouble() : 0,
        engine,
        sets[random.nextInt(sets.length)],
        bases[random.nextInt(bases.length)]);
  }

  static FlareEfficiency randomFlare(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> new FlareEfficiency.DefaultTier(1 + random.nextInt(3));
      case 1 -> new FlareEfficiency.MeasuredCombustion(0.8 + 0.185 * random.nextDouble(), "test");
      default -> new FlareEfficiency.SingleEfficiency(0.8 + 0.2 * random.nextDouble(), "test");
    };
  }

  static GasComposition randomComposition(Random random, double minMethane) {
    double methane = minMethane + (0.98 - minMethane) * random.nextDouble();
    GasComponent[] others = {
      GasComponent.C2H6,
      GasComponent.C3H8,
      GasComponent.C4H10,
      GasComponent.C5_PLUS,
      GasComponent.CO2,
      GasComponent.N2
    };
    double[] weights = new double[others.length];
    double total = 0;
    for (int i = 0; i < weights.length; i++) {
      weights[i] = random.nextDouble();
      total += weights[i];
    }
    Map<GasComponent, Double> fractions = new EnumMap<>(GasComponent.class);
    fractions.put(GasComponent.CH4, methane);
    for (int i = 0; i < others.length; i++) {
      fractions.put(others[i], (1 - methane) * weights[i] / total);
    }
    return new GasComposition(fractions);
  }

  static double randomVolume(Random random) {
    return Math.floor(1e7 * random.nextDouble()) / 10;
  }

  /**
   * Equal within 1e-9 of the larger of the two values and the baseline total of the result (the
   * scale against which a near-zero avoided figure must be judged).
   */
  private static void assertClose(double expected, double actual, double scale, String what) {
    double tolerance = RELATIVE * Math.max(Math.max(Math.abs(expected), Math.abs(actual)), scale);
    assertEquals(expected, actual, tolerance, what);
  }

  @Test
  void zeroGasGivesZeroEverywhere() {
    Random random = new Random(1);
    for (int i = 0; i < CASES; i++) {
      EmissionsResult result = EmissionsCalculator.compute(0, randomParameters(random, 0));
      for (EmissionsFigure figure : EmissionsFigure.values()) {
        if (figure.additive()) {
          assertEquals(0.0, figure.valueIn(result), figure.key());
        }
      }
    }
  }

  @Test
  void resultsAreAdditiveInVolume() {
    Random random = new Random(2);
    for (int i = 0; i < CASES; i++) {
      SiteEmissionsParameters p = randomParameters(random, 0);
      double a = randomVolume(random);
      double b = randomVolume(random);
      EmissionsResult whole = EmissionsCalculator.compute(a + b, p);
      EmissionsResult partA = EmissionsCalculator.compute(a, p);
      EmissionsResult partB = EmissionsCalculator.compute(b, p);
      for (EmissionsFigure figure : EmissionsFigure.values()) {
        if (figure.additive()) {
          assertClose(
              figure.valueIn(whole),
              figure.valueIn(partA) + figure.valueIn(partB),
              whole.baselineTco2e(),
              figure.key() + " case " + i);
        }
      }
    }
  }

  @Test
  void resultsScaleWithVolume() {
    Random random = new Random(3);
    for (int i = 0; i < CASES; i++) {
      SiteEmissionsParameters p = randomParameters(random, 0);
      double v = randomVolume(random);
      double k = 100 * random.nextDouble();
      EmissionsResult base = EmissionsCalculator.compute(v, p);
      EmissionsResult scaled = EmissionsCalculator.compute(k * v, p);
      for (EmissionsFigure figure : EmissionsFigure.values()) {
        double expected = figure.additive() ? k * figure.valueIn(base) : figure.valueIn(base);
        assertClose(expected, figure.valueIn(scaled), scaled.baselineTco2e(), figure.key());
      }
    }
  }

  @Test
  void sumOfIntervalsEqualsTheResultOfTheTotalVolume() {
    Random random = new Random(4);
    for (int i = 0; i < 100; i++) {
      SiteEmissionsParameters p = randomParameters(random, 0);
      List<EmissionsResult> intervals = new ArrayList<>();
      double total = 0;
      for (int j = 0; j < 1 + random.nextInt(50); j++) {
        double v = randomVolume(random);
        total += v;
        intervals.add(EmissionsCalculator.compute(v, p));
      }
      EmissionsResult sum = EmissionsResult.sum(intervals);
      EmissionsResult expected = EmissionsCalculator.compute(total, p);
      assertEquals(expected.parameters(), sum.parameters());
      for (EmissionsFigure figure : EmissionsFigure.values()) {
        assertClose(
            figure.valueIn(expected), figure.valueIn(sum), expected.baselineTco2e(), figure.key());
      }
    }
  }

  /**
   * With CH4 ≥ 0.4 (any realistic associated gas), a more efficient flare slips less CH4 than it
   * adds CO2 in CO2e under every GWP set, so the baseline and the avoided figure fall.
   */
  @Test
  void higherFlareEfficiencyGivesLowerAvoided() {
    Random random = new Random(5);
    for (int i = 0; i < CASES; i++) {
      long seed = random.nextLong();
      double low = 0.8 + 0.19 * random.nextDouble();
      double high = low + (1 - low) * (0.01 + 0.99 * random.nextDouble());
      double v = 1 + randomVolume(random);
      EmissionsResult lowResult =
          EmissionsCalculator.compute(
              v,
              randomParameters(
                  new Random(seed), 0.4, new FlareEfficiency.SingleEfficiency(low, "test")));
      EmissionsResult highResult =
          EmissionsCalculator.compute(
              v,
              randomParameters(
                  new Random(seed), 0.4, new FlareEfficiency.SingleEfficiency(high, "test")));
      assertTrue(
          highResult.avoidedTco2e() < lowResult.avoidedTco2e(),
          "η "
              + high
              + " vs "
              + low
              + ": "
              + highResult.avoidedTco2e()
              + " vs "
              + lowResult.avoidedTco2e());
    }
  }

  @Test
  void higherDefaultTierEfficiencyGivesLowerAvoided() {
    Random random = new Random(6);
    for (int i = 0; i < CASES; i++) {
      long seed = random.nextLong();
      double v = 1 + randomVolume(random);
      double previous = Double.NEGATIVE_INFINITY;
      for (int tier = 1; tier <= 3; tier++) {
        double avoided =
            EmissionsCalculator.compute(
                    v,
                    randomParameters(new Random(seed), 0.4, new FlareEfficiency.DefaultTier(tier)))
                .avoidedTco2e();
        assertTrue(avoided > previous, "tier " + tier + " avoided " + avoided);
        previous = avoided;
      }
    }
  }

  /**
   * The reverse holds for very rich gas: with CH4 0.2 and heavy components, burning more of it in
   * the flare adds more CO2 than the CH4 slip it prevents. The methodology reports this as is.
   */
  @Test
  void forVeryRichGasAHigherFlareEfficiencyRaisesTheBaseline() {
    GasComposition rich = GasComposition.of(0.2, 0.1, 0.1, 0.2, 0.4, 0, 0);
    double[] baselines = new double[2];
    double[] efficiencies = {0.9, 0.98};
    for (int i = 0; i < 2; i++) {
      baselines[i] =
          EmissionsCalculator.compute(
                  1_000_000,
                  new SiteEmissionsParameters(
                      rich,
                      "test",
                      new FlareEfficiency.SingleEfficiency(efficiencies[i], "test"),
                      0,
                      EngineEfficiency.defaultFor(EngineType.FOUR_STROKE_LEAN_BURN),
                      GwpSet.AR4_GWP100,
                      14.7))
              .baselineTco2e();
    }
    assertTrue(baselines[1] > baselines[0], baselines[1] + " > " + baselines[0]);
  }

  /** A flare that is always lit and destroys all CH4 leaves the engine's slip as the difference. */
  @Test
  void avoidedIsNegativeWhenThePerfectFlareBeatsTheEngineAndIsNotClipped() {
    Random random = new Random(7);
    for (int i = 0; i < CASES; i++) {
      double v = 1 + randomVolume(random);
      SiteEmissionsParameters drawn =
          randomParameters(random, 0.4, new FlareEfficiency.SingleEfficiency(1.0, "test"));
      SiteEmissionsParameters p =
          new SiteEmissionsParameters(
              drawn.gasComposition(),
              drawn.compositionSource(),
              drawn.flareEfficiency(),
              0,
              drawn.engine(),
              drawn.gwpSet(),
              drawn.pressureBasePsia());
      EmissionsResult result = EmissionsCalculator.compute(v, p);
      assertTrue(result.avoidedTco2e() < 0, "case " + i + ": " + result.avoidedTco2e());
      assertEquals(
          result.baselineTco2e() - result.projectTco2e(),
          result.avoidedTco2e(),
          1e-9 * result.baselineTco2e());
      assertEquals(result.avoidedTco2e(), result.figures().get("avoided_tco2e"));
    }
  }

  @Test
  void sumRejectsResultsWithDifferentParameters() {
    Random random = new Random(8);
    SiteEmissionsParameters p = randomParameters(random, 0.5);
    SiteEmissionsParameters other =
        new SiteEmissionsParameters(
            p.gasComposition(),
            p.compositionSource(),
            p.flareEfficiency(),
            p.unlitFraction(),
            p.engine(),
            p.gwpSet() == GwpSet.AR5_GWP100 ? GwpSet.AR4_GWP100 : GwpSet.AR5_GWP100,
            p.pressureBasePsia());
    List<EmissionsResult> results =
        List.of(EmissionsCalculator.compute(1000, p), EmissionsCalculator.compute(1000, other));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EmissionsResult.sum(results));
    assertTrue(
        e.getMessage()
            .startsWith(
                "cannot sum emissions results computed with different parameters:"
                    + " result 1 differs from result 0 in gwp_"),
        e.getMessage());
    assertTrue(e.getMessage().contains(p.gwpSet().name()) || e.getMessage().contains("gwp_ch4"));
  }

  @Test
  void sumRejectsAnEmptyList() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EmissionsResult.sum(List.of()));
    assertEquals("cannot sum an empty list of emissions results", e.getMessage());
  }

  @Test
  void negativeOrNonFiniteVolumeIsRejected() {
    SiteEmissionsParameters p = randomParameters(new Random(9), 0.5);
    assertEquals(
        "gasVolumeScf: -1 is negative; must be >= 0",
        assertThrows(
                InvalidEmissionsParametersException.class, () -> EmissionsCalculator.compute(-1, p))
            .getMessage());
    assertEquals(
        "gasVolumeScf: NaN is not a finite number",
        assertThrows(
                InvalidEmissionsParametersException.class,
                () -> EmissionsCalculator.compute(Double.NaN, p))
            .getMessage());
  }
}
