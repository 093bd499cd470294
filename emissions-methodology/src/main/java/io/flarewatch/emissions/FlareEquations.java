package io.flarewatch.emissions;

import java.math.BigDecimal;

/**
 * Baseline: the same gas sent to a flare, 40 CFR 98.233(n) as amended by 89 FR 42062 (May 2024).
 * All volumes are scf at 60 °F / 14.7 psia; all arithmetic is exact.
 */
public final class FlareEquations {

  private FlareEquations() {}

  /**
   * Equation W-19: CH4 (scf) = V · X_CH4 · [Z_L · (1 − η_D) + Z_U], with Z_L = 1 − Z_U.
   *
   * @param volumeScf gas sent to the flare, V
   * @param methaneFraction mole fraction of CH4, X_CH4
   * @param unlitFraction fraction of the time (volume) the flare is unlit, Z_U
   * @param destructionEfficiency destruction efficiency of the lit flare, η_D
   */
  public static BigDecimal methaneScf(
      BigDecimal volumeScf,
      BigDecimal methaneFraction,
      BigDecimal unlitFraction,
      BigDecimal destructionEfficiency) {
    BigDecimal litFraction = BigDecimal.ONE.subtract(unlitFraction);
    BigDecimal slip =
        litFraction.multiply(BigDecimal.ONE.subtract(destructionEfficiency)).add(unlitFraction);
    return volumeScf.multiply(methaneFraction).multiply(slip);
  }

  /**
   * Equation W-20: CO2 (scf) = V · X_CO2 + V · Z_L · η_C · Σ_j (Y_j · R_j).
   *
   * @param volumeScf gas sent to the flare, V
   * @param carbonDioxideFraction mole fraction of CO2 in the gas, X_CO2
   * @param unlitFraction Z_U (Z_L = 1 − Z_U)
   * @param combustionEfficiency combustion efficiency of the lit flare, η_C
   * @param carbonAtomsPerMolecule Σ_j (Y_j · R_j) over the hydrocarbons
   */
  public static BigDecimal carbonDioxideScf(
      BigDecimal volumeScf,
      BigDecimal carbonDioxideFraction,
      BigDecimal unlitFraction,
      BigDecimal combustionEfficiency,
      BigDecimal carbonAtomsPerMolecule) {
    BigDecimal litFraction = BigDecimal.ONE.subtract(unlitFraction);
    return volumeScf
        .multiply(carbonDioxideFraction)
        .add(
            volumeScf
                .multiply(litFraction)
                .multiply(combustionEfficiency)
                .multiply(carbonAtomsPerMolecule));
  }
}
