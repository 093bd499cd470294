package io.flarewatch.emissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The individual equations and constants, against values worked out by hand. */
class EquationsTest {

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  private static void assertDecimal(String expected, BigDecimal actual) {
    assertEquals(
        0, d(expected).compareTo(actual), () -> "expected " + expected + ", got " + actual);
  }

  private static final GasComposition GAS_A =
      GasComposition.of(0.75, 0.12, 0.06, 0.025, 0.01, 0.02, 0.015);

  @Test
  void w19WithoutUnlitFractionIsVolumeTimesMethaneTimesSlip() {
    // 1e6 · 0.75 · (1 − 0.98) = 15,000 scf (worked example 1)
    assertDecimal("15000", FlareEquations.methaneScf(d("1000000"), d("0.75"), d("0"), d("0.98")));
  }

  @Test
  void w19CountsUnlitGasAsVented() {
    // Z_U = 0.04: 1e6 · 0.75 · [0.96 · 0.02 + 0.04] = 1e6 · 0.75 · 0.0592 = 44,400 scf
    assertDecimal(
        "44400", FlareEquations.methaneScf(d("1000000"), d("0.75"), d("0.04"), d("0.98")));
    // Z_U = 1: every molecule vented
    assertDecimal("750000", FlareEquations.methaneScf(d("1000000"), d("0.75"), d("1"), d("0.98")));
  }

  @Test
  void w20AddsInletCo2ToCombustedCarbonOfTheLitFraction() {
    // 1e6 · 0.02 + 1e6 · 1 · 0.98 · 1.32 = 20,000 + 1,293,600 = 1,313,600 scf
    assertDecimal(
        "1313600",
        FlareEquations.carbonDioxideScf(d("1000000"), d("0.02"), d("0"), d("0.98"), d("1.32")));
    // Z_U = 0.04: 20,000 + 1e6 · 0.96 · 0.98 · 1.32 = 20,000 + 1,241,856
    assertDecimal(
        "1261856",
        FlareEquations.carbonDioxideScf(d("1000000"), d("0.02"), d("0.04"), d("0.98"), d("1.32")));
  }

  @Test
  void w39aAndW39bForAFourStrokeLeanBurn() {
    assertDecimal(
        "1289840",
        EngineEquations.carbonDioxideScf(d("1000000"), d("0.02"), d("0.962"), d("1.32")));
    assertDecimal("28500", EngineEquations.methaneScf(d("1000000"), d("0.962"), d("0.75")));
  }

  @Test
  void nitrousOxideFollowsTheReferenceExample() {
    // 1e6 · 1.2425e-3 · 1e-4 = 0.12425 kg (printed as 0.124 kg)
    assertDecimal("0.12425", NitrousOxideEquation.massKg(d("1000000"), d("1.2425E-3")));
  }

  @Test
  void densitiesConvertScfToTonnes() {
    assertDecimal("0.288", GasDensities.methaneTonnes(d("15000")));
    assertDecimal("69.09536", GasDensities.carbonDioxideTonnes(d("1313600")));
    assertEquals(GasDensities.CO2_KG_PER_SCF, GasDensities.N2O_KG_PER_SCF);
  }

  @Test
  void pressureBaseConversionScalesByBaseOverStandardPressure() {
    // A North Dakota meter at 14.73 psia: 1,000,000 · 14.73 / 14.7 = 1,002,040.816326530612...
    BigDecimal converted = StandardConditions.toStandardVolume(d("1000000"), d("14.73"));
    assertEquals(
        0, converted.compareTo(d("1002040.816326530612244897959183673")), converted::toString);
    assertDecimal("1000000", StandardConditions.toStandardVolume(d("1000000"), d("14.7")));
    // a lower pressure base holds less gas per cubic foot
    assertTrue(StandardConditions.toStandardVolume(d("1000"), d("14.65")).compareTo(d("1000")) < 0);
  }

  @Test
  void carbonCountAndHeatingValueOfGasA() {
    // 0.75·1 + 0.12·2 + 0.06·3 + 0.025·4 + 0.01·5
    assertDecimal("1.32", GAS_A.carbonAtomsPerMolecule());
    // 0.75·1010.0 + 0.12·1769.7 + 0.06·2516.1 + 0.025·3262.3 + 0.01·4008.9
    assertDecimal("1242.4765", GAS_A.higherHeatingValueBtuPerScf());
    assertDecimal("0.0012424765", GAS_A.higherHeatingValueMmBtuPerScf());
  }

  @ParameterizedTest
  @CsvSource({
    "CH4, 1, 1010.0",
    "C2H6, 2, 1769.7",
    "C3H8, 3, 2516.1",
    "C4H10, 4, 3262.3",
    "C5+, 5, 4008.9",
    "CO2, 0, 0",
    "N2, 0, 0"
  })
  void componentTable(String key, int carbonAtoms, String hhv) {
    GasComponent component = GasComponent.byKey(key).orElseThrow();
    assertEquals(carbonAtoms, component.carbonAtoms());
    assertDecimal(hhv, component.hhvBtuPerScf());
  }

  @ParameterizedTest
  @CsvSource({
    "AR6_GWP100_FOSSIL, 29.8, 273",
    "AR6_GWP100_NON_FOSSIL, 27.0, 273",
    "AR6_GWP20_FOSSIL, 82.5, 273",
    "AR5_GWP100, 28, 265",
    "AR4_GWP100, 25, 298"
  })
  void gwpSets(GwpSet set, String methane, String nitrousOxide) {
    assertDecimal(methane, set.methane());
    assertDecimal(nitrousOxide, set.nitrousOxide());
  }

  @ParameterizedTest
  @CsvSource({
    "TWO_STROKE_LEAN_BURN, 0.953",
    "FOUR_STROKE_LEAN_BURN, 0.962",
    "FOUR_STROKE_RICH_BURN, 0.997",
    "GAS_TURBINE, 0.999",
    "OTHER_INTERNAL_COMBUSTION, 0.995"
  })
  void engineDefaultEfficiencies(EngineType type, String efficiency) {
    assertDecimal(efficiency, type.defaultEfficiency());
    EngineEfficiency engine = EngineEfficiency.defaultFor(type);
    assertDecimal(efficiency, engine.efficiency());
    assertEquals("default", engine.basis());
  }

  @Test
  void measuredEngineEfficiencyReplacesTheDefault() {
    EngineEfficiency engine =
        EngineEfficiency.measured(EngineType.FOUR_STROKE_LEAN_BURN, 0.981, "stack test 2025-03");
    assertDecimal("0.981", engine.efficiency());
    assertEquals("measured", engine.basis());
    assertEquals("stack test 2025-03", engine.source());
  }

  @ParameterizedTest
  @CsvSource({"1, 0.98, 0.965", "2, 0.95, 0.935", "3, 0.92, 0.905"})
  void defaultFlareTiers(int tier, String destruction, String combustion) {
    FlareEfficiency efficiency = new FlareEfficiency.DefaultTier(tier);
    assertDecimal(destruction, efficiency.destruction());
    assertDecimal(combustion, efficiency.combustion());
    assertTrue(efficiency.source().contains("98.233(n)(1)"), efficiency.source());
    assertEquals("DEFAULT_TIER", efficiency.form());
  }

  @Test
  void measuredCombustionEfficiencyAddsOnePointFivePointsForDestruction() {
    FlareEfficiency efficiency = new FlareEfficiency.MeasuredCombustion(0.965, "OGI survey");
    assertDecimal("0.98", efficiency.destruction());
    assertDecimal("0.965", efficiency.combustion());
    assertEquals("MEASURED_COMBUSTION", efficiency.form());
  }

  @Test
  void singleEfficiencyUsesOneValueForBoth() {
    FlareEfficiency efficiency = new FlareEfficiency.SingleEfficiency(0.911, "Plant et al. 2022");
    assertDecimal("0.911", efficiency.destruction());
    assertDecimal("0.911", efficiency.combustion());
    assertEquals("SINGLE", efficiency.form());
  }

  @Test
  void measuredCombustionAbove0Point985IsRejected() {
    InvalidEmissionsParametersException e =
        assertThrows(
            InvalidEmissionsParametersException.class,
            () -> new FlareEfficiency.MeasuredCombustion(0.99, "test"));
    assertEquals(
        "flare.combustionEfficiency: 0.99 + 0.015 gives a destruction efficiency above 1;"
            + " must be in (0, 0.985]",
        e.getMessage());
  }

  @Test
  void unlitFractionReachesTheCalculation() {
    SiteEmissionsParameters parameters =
        new SiteEmissionsParameters(
            GAS_A,
            "test",
            new FlareEfficiency.SingleEfficiency(0.98, "test"),
            0.04,
            EngineEfficiency.defaultFor(EngineType.FOUR_STROKE_LEAN_BURN),
            GwpSet.AR6_GWP100_FOSSIL,
            14.7);
    EmissionsResult result = EmissionsCalculator.compute(1_000_000, parameters);
    assertEquals(44_400, result.baselineCh4Scf());
    assertEquals(1_261_856, result.baselineCo2Scf());
    assertEquals("0.04", result.parameters().get("flare_unlit_fraction"));
  }

  @Test
  void meterPressureBaseIsConvertedBeforeTheEquations() {
    SiteEmissionsParameters parameters =
        new SiteEmissionsParameters(
            GAS_A,
            "test",
            new FlareEfficiency.SingleEfficiency(0.98, "test"),
            0,
            EngineEfficiency.defaultFor(EngineType.FOUR_STROKE_LEAN_BURN),
            GwpSet.AR6_GWP100_FOSSIL,
            14.73);
    EmissionsResult result = EmissionsCalculator.compute(1_470_000, parameters);
    // 1,470,000 cf at 14.73 psia = 1,473,000 scf at 14.7 psia; CH4 = 1,473,000 · 0.75 · 0.02
    assertEquals(1_470_000, result.gasVolumeMeteredCf());
    assertEquals(1_473_000, result.gasVolumeScf());
    assertEquals(22_095, result.baselineCh4Scf(), 1e-9);
    assertEquals("14.73", result.parameters().get("pressure_base_psia"));
  }
}
