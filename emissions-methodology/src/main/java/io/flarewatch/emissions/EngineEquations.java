package io.flarewatch.emissions;

import java.math.BigDecimal;

/**
 * Project: the gas burned in a reciprocating engine or turbine, 40 CFR 98.233(z) equations W-39A
 * and W-39B. All volumes are scf at 60 °F / 14.7 psia; all arithmetic is exact.
 */
public final class EngineEquations {

  private EngineEquations() {}

  /**
   * Equation W-39A: CO2 (scf) = V · Y_CO2 + V · η · Σ_j (Y_j · R_j).
   *
   * @param volumeScf fuel gas burned, V
   * @param carbonDioxideFraction mole fraction of CO2 in the fuel, Y_CO2
   * @param combustionEfficiency engine combustion efficiency, η
   * @param carbonAtomsPerMolecule Σ_j (Y_j · R_j) over the hydrocarbons
   */
  public static BigDecimal carbonDioxideScf(
      BigDecimal volumeScf,
      BigDecimal carbonDioxideFraction,
      BigDecimal combustionEfficiency,
      BigDecimal carbonAtomsPerMolecule) {
    return volumeScf
        .multiply(carbonDioxideFraction)
        .add(volumeScf.multiply(combustionEfficiency).multiply(carbonAtomsPerMolecule));
  }

  /**
   * Equation W-39B: CH4 (scf) = V · (1 − η) · Y_CH4.
   *
   * @param volumeScf fuel gas burned, V
   * @param combustionEfficiency engine combustion efficiency, η
   * @param methaneFraction mole fraction of CH4 in the fuel, Y_CH4
   */
  public static BigDecimal methaneScf(
      BigDecimal volumeScf, BigDecimal combustionEfficiency, BigDecimal methaneFraction) {
    return volumeScf
        .multiply(BigDecimal.ONE.subtract(combustionEfficiency))
        .multiply(methaneFraction);
  }
}
