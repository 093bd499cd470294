package io.flarewatch.emissions;

import java.util.function.ToDoubleFunction;

/**
 * The figures of an {@link EmissionsResult}, in report order, with their stable snake_case names
 * (units in the name; these are the field names of the {@code emissions} measurement).
 */
public enum EmissionsFigure {
  GAS_VOLUME_METERED_CF(
      "gas_volume_metered_cf",
      "gas volume as metered, cubic feet at the meter's pressure base and 60 °F",
      true,
      EmissionsResult::gasVolumeMeteredCf),
  GAS_VOLUME_SCF(
      "gas_volume_scf",
      "gas volume V at standard conditions, 60 °F / 14.7 psia (V_base · base / 14.7)",
      true,
      EmissionsResult::gasVolumeScf),
  CARBON_ATOMS_PER_MOLECULE(
      "carbon_atoms_per_molecule",
      "Σ_j (Y_j · R_j) over CH4, C2H6, C3H8, C4H10, C5+",
      false,
      EmissionsResult::carbonAtomsPerMolecule),
  HHV_BTU_PER_SCF(
      "hhv_btu_per_scf",
      "higher heating value Σ_j (Y_j · HHV_j), GPA 2145",
      false,
      EmissionsResult::hhvBtuPerScf),
  BASELINE_CH4_SCF(
      "baseline_ch4_scf",
      "flare CH4, W-19: V · X_CH4 · [Z_L · (1 − η_D) + Z_U]",
      true,
      EmissionsResult::baselineCh4Scf),
  BASELINE_CH4_T(
      "baseline_ch4_t", "flare CH4 mass (0.0192 kg/scf)", true, EmissionsResult::baselineCh4T),
  BASELINE_CH4_TCO2E(
      "baseline_ch4_tco2e", "flare CH4 × GWP CH4", true, EmissionsResult::baselineCh4Tco2e),
  BASELINE_CO2_SCF(
      "baseline_co2_scf",
      "flare CO2, W-20: V · X_CO2 + V · Z_L · η_C · Σ(Y·R)",
      true,
      EmissionsResult::baselineCo2Scf),
  BASELINE_CO2_T(
      "baseline_co2_t", "flare CO2 mass (0.0526 kg/scf)", true, EmissionsResult::baselineCo2T),
  BASELINE_N2O_KG(
      "baseline_n2o_kg",
      "flare N2O, W-40: V · HHV (mmBtu/scf) · 1.0e-4 kg/mmBtu",
      true,
      EmissionsResult::baselineN2oKg),
  BASELINE_N2O_TCO2E(
      "baseline_n2o_tco2e", "flare N2O × GWP N2O", true, EmissionsResult::baselineN2oTco2e),
  BASELINE_TCO2E(
      "baseline_tco2e", "baseline total, CH4 + CO2 + N2O", true, EmissionsResult::baselineTco2e),
  PROJECT_CH4_SCF(
      "project_ch4_scf",
      "engine CH4, W-39B: V · (1 − η) · Y_CH4",
      true,
      EmissionsResult::projectCh4Scf),
  PROJECT_CH4_T(
      "project_ch4_t", "engine CH4 mass (0.0192 kg/scf)", true, EmissionsResult::projectCh4T),
  PROJECT_CH4_TCO2E(
      "project_ch4_tco2e", "engine CH4 × GWP CH4", true, EmissionsResult::projectCh4Tco2e),
  PROJECT_CO2_SCF(
      "project_co2_scf",
      "engine CO2, W-39A: V · Y_CO2 + V · η · Σ(Y·R)",
      true,
      EmissionsResult::projectCo2Scf),
  PROJECT_CO2_T(
      "project_co2_t", "engine CO2 mass (0.0526 kg/scf)", true, EmissionsResult::projectCo2T),
  PROJECT_N2O_KG(
      "project_n2o_kg",
      "engine N2O, W-40: V · HHV (mmBtu/scf) · 1.0e-4 kg/mmBtu",
      true,
      EmissionsResult::projectN2oKg),
  PROJECT_N2O_TCO2E(
      "project_n2o_tco2e", "engine N2O × GWP N2O", true, EmissionsResult::projectN2oTco2e),
  PROJECT_TCO2E(
      "project_tco2e", "project total, CH4 + CO2 + N2O", true, EmissionsResult::projectTco2e),
  AVOIDED_TCO2E(
      "avoided_tco2e",
      "avoided = baseline − project (negative: emissions go up)",
      true,
      EmissionsResult::avoidedTco2e);

  private final String key;
  private final String description;
  private final boolean additive;
  private final ToDoubleFunction<EmissionsResult> accessor;

  EmissionsFigure(
      String key,
      String description,
      boolean additive,
      ToDoubleFunction<EmissionsResult> accessor) {
    this.key = key;
    this.description = description;
    this.additive = additive;
    this.accessor = accessor;
  }

  /** Stable snake_case name with the unit in it. */
  public String key() {
    return key;
  }

  public String description() {
    return description;
  }

  /**
   * True for figures proportional to the gas volume, which add up over intervals; false for
   * properties of the gas (Σ(Y·R), HHV), which are the same for every interval with the same
   * parameters.
   */
  public boolean additive() {
    return additive;
  }

  public double valueIn(EmissionsResult result) {
    return accessor.applyAsDouble(result);
  }
}
