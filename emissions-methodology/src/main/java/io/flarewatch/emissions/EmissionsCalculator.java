package io.flarewatch.emissions;

import java.math.BigDecimal;
import java.util.EnumMap;

/**
 * Avoided emissions of a gas volume burned in the site's engine instead of its flare: baseline
 * (98.233(n) flare) − project (98.233(z) engine), N2O on both sides, expressed in CO2e with one GWP
 * set. Pure function: no I/O, no state. Arithmetic is exact in decimal; each figure is rounded to a
 * double once, at the end.
 */
public final class EmissionsCalculator {

  private EmissionsCalculator() {}

  /**
   * Emissions of {@code gasVolume} cubic feet of gas as metered (60 °F, the site's pressure base)
   * that went to the generator.
   *
   * @param gasVolume metered volume, cubic feet at 60 °F and {@code p.pressureBasePsia()}; finite
   *     and ≥ 0
   * @throws InvalidEmissionsParametersException if the volume is negative or not finite
   */
  public static EmissionsResult compute(double gasVolume, SiteEmissionsParameters p) {
    Checks.finite("gasVolumeScf", gasVolume);
    if (gasVolume < 0) {
      throw new InvalidEmissionsParametersException(
          "gasVolumeScf", Checks.plain(gasVolume) + " is negative; must be >= 0");
    }
    if (p == null) {
      throw new InvalidEmissionsParametersException("emissions", "parameters are required");
    }
    GasComposition gas = p.gasComposition();
    BigDecimal metered = BigDecimal.valueOf(gasVolume);
    BigDecimal v = StandardConditions.toStandardVolume(metered, p.exactPressureBasePsia());
    BigDecimal sumYr = gas.carbonAtomsPerMolecule();
    BigDecimal hhv = gas.higherHeatingValueBtuPerScf();
    BigDecimal ch4 = gas.exactFraction(GasComponent.CH4);
    BigDecimal co2 = gas.exactFraction(GasComponent.CO2);
    BigDecimal gwpCh4 = p.gwpSet().methane();
    BigDecimal gwpN2o = p.gwpSet().nitrousOxide();

    FlareEfficiency flare = p.flareEfficiency();
    BigDecimal unlit = p.exactUnlitFraction();
    BigDecimal baseCh4Scf = FlareEquations.methaneScf(v, ch4, unlit, flare.destruction());
    BigDecimal baseCo2Scf =
        FlareEquations.carbonDioxideScf(v, co2, unlit, flare.combustion(), sumYr);
    Side baseline = Side.of(baseCh4Scf, baseCo2Scf, v, hhv, gwpCh4, gwpN2o);

    BigDecimal eta = p.engine().efficiency();
    BigDecimal projCh4Scf = EngineEquations.methaneScf(v, eta, ch4);
    BigDecimal projCo2Scf = EngineEquations.carbonDioxideScf(v, co2, eta, sumYr);
    Side project = Side.of(projCh4Scf, projCo2Scf, v, hhv, gwpCh4, gwpN2o);

    EnumMap<EmissionsFigure, Double> f = new EnumMap<>(EmissionsFigure.class);
    f.put(EmissionsFigure.GAS_VOLUME_METERED_CF, metered.doubleValue());
    f.put(EmissionsFigure.GAS_VOLUME_SCF, v.doubleValue());
    f.put(EmissionsFigure.CARBON_ATOMS_PER_MOLECULE, sumYr.doubleValue());
    f.put(EmissionsFigure.HHV_BTU_PER_SCF, hhv.doubleValue());
    f.put(EmissionsFigure.BASELINE_CH4_SCF, baseline.ch4Scf.doubleValue());
    f.put(EmissionsFigure.BASELINE_CH4_T, baseline.ch4T.doubleValue());
    f.put(EmissionsFigure.BASELINE_CH4_TCO2E, baseline.ch4Tco2e.doubleValue());
    f.put(EmissionsFigure.BASELINE_CO2_SCF, baseline.co2Scf.doubleValue());
    f.put(EmissionsFigure.BASELINE_CO2_T, baseline.co2T.doubleValue());
    f.put(EmissionsFigure.BASELINE_N2O_KG, baseline.n2oKg.doubleValue());
    f.put(EmissionsFigure.BASELINE_N2O_TCO2E, baseline.n2oTco2e.doubleValue());
    f.put(EmissionsFigure.BASELINE_TCO2E, baseline.tco2e.doubleValue());
    f.put(EmissionsFigure.PROJECT_CH4_SCF, project.ch4Scf.doubleValue());
    f.put(EmissionsFigure.PROJECT_CH4_T, project.ch4T.doubleValue());
    f.put(EmissionsFigure.PROJECT_CH4_TCO2E, project.ch4Tco2e.doubleValue());
    f.put(EmissionsFigure.PROJECT_CO2_SCF, project.co2Scf.doubleValue());
    f.put(EmissionsFigure.PROJECT_CO2_T, project.co2T.doubleValue());
    f.put(EmissionsFigure.PROJECT_N2O_KG, project.n2oKg.doubleValue());
    f.put(EmissionsFigure.PROJECT_N2O_TCO2E, project.n2oTco2e.doubleValue());
    f.put(EmissionsFigure.PROJECT_TCO2E, project.tco2e.doubleValue());
    f.put(EmissionsFigure.AVOIDED_TCO2E, baseline.tco2e.subtract(project.tco2e).doubleValue());
    return EmissionsResult.of(Methodology.ID, f, p.describe());
  }

  /** Exact figures of one side (baseline or project). */
  private record Side(
      BigDecimal ch4Scf,
      BigDecimal ch4T,
      BigDecimal ch4Tco2e,
      BigDecimal co2Scf,
      BigDecimal co2T,
      BigDecimal n2oKg,
      BigDecimal n2oTco2e,
      BigDecimal tco2e) {

    static Side of(
        BigDecimal ch4Scf,
        BigDecimal co2Scf,
        BigDecimal volumeScf,
        BigDecimal hhvBtuPerScf,
        BigDecimal gwpCh4,
        BigDecimal gwpN2o) {
      BigDecimal ch4T = GasDensities.methaneTonnes(ch4Scf);
      BigDecimal ch4Tco2e = ch4T.multiply(gwpCh4);
      BigDecimal co2T = GasDensities.carbonDioxideTonnes(co2Scf);
      BigDecimal n2oKg = NitrousOxideEquation.massKg(volumeScf, hhvBtuPerScf.movePointLeft(6));
      BigDecimal n2oTco2e = n2oKg.movePointLeft(3).multiply(gwpN2o);
      BigDecimal tco2e = ch4Tco2e.add(co2T).add(n2oTco2e);
      return new Side(ch4Scf, ch4T, ch4Tco2e, co2Scf, co2T, n2oKg, n2oTco2e, tco2e);
    }
  }
}
