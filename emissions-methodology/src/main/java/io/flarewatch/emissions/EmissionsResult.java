package io.flarewatch.emissions;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Emissions of one gas volume, baseline (flare) against project (engine), with every intermediate
 * figure and the parameters it was computed with. Every figure except Σ(Y·R) and HHV is linear in
 * the gas volume, so results for intervals add up ({@link #sum}).
 *
 * <p>Units: scf at 60 °F / 14.7 psia, metric tonnes (t), kg, tCO2e. {@code avoidedTco2e} is
 * negative when the project emits more than the baseline; it is never clipped.
 */
public record EmissionsResult(
    String methodologyId,
    double gasVolumeMeteredCf,
    double gasVolumeScf,
    double carbonAtomsPerMolecule,
    double hhvBtuPerScf,
    double baselineCh4Scf,
    double baselineCh4T,
    double baselineCh4Tco2e,
    double baselineCo2Scf,
    double baselineCo2T,
    double baselineN2oKg,
    double baselineN2oTco2e,
    double baselineTco2e,
    double projectCh4Scf,
    double projectCh4T,
    double projectCh4Tco2e,
    double projectCo2Scf,
    double projectCo2T,
    double projectN2oKg,
    double projectN2oTco2e,
    double projectTco2e,
    double avoidedTco2e,
    SortedMap<String, String> parameters) {

  public EmissionsResult {
    Objects.requireNonNull(methodologyId, "methodologyId");
    Objects.requireNonNull(parameters, "parameters");
    parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
  }

  /** A result from one value per figure. */
  static EmissionsResult of(
      String methodologyId, Map<EmissionsFigure, Double> v, SortedMap<String, String> parameters) {
    if (v.size() != EmissionsFigure.values().length) {
      throw new IllegalArgumentException("a value is needed for every figure, got " + v.keySet());
    }
    return new EmissionsResult(
        methodologyId,
        v.get(EmissionsFigure.GAS_VOLUME_METERED_CF),
        v.get(EmissionsFigure.GAS_VOLUME_SCF),
        v.get(EmissionsFigure.CARBON_ATOMS_PER_MOLECULE),
        v.get(EmissionsFigure.HHV_BTU_PER_SCF),
        v.get(EmissionsFigure.BASELINE_CH4_SCF),
        v.get(EmissionsFigure.BASELINE_CH4_T),
        v.get(EmissionsFigure.BASELINE_CH4_TCO2E),
        v.get(EmissionsFigure.BASELINE_CO2_SCF),
        v.get(EmissionsFigure.BASELINE_CO2_T),
        v.get(EmissionsFigure.BASELINE_N2O_KG),
        v.get(EmissionsFigure.BASELINE_N2O_TCO2E),
        v.get(EmissionsFigure.BASELINE_TCO2E),
        v.get(EmissionsFigure.PROJECT_CH4_SCF),
        v.get(EmissionsFigure.PROJECT_CH4_T),
        v.get(EmissionsFigure.PROJECT_CH4_TCO2E),
        v.get(EmissionsFigure.PROJECT_CO2_SCF),
        v.get(EmissionsFigure.PROJECT_CO2_T),
        v.get(EmissionsFigure.PROJECT_N2O_KG),
        v.get(EmissionsFigure.PROJECT_N2O_TCO2E),
        v.get(EmissionsFigure.PROJECT_TCO2E),
        v.get(EmissionsFigure.AVOIDED_TCO2E),
        parameters);
  }

  /**
   * Every figure under its stable snake_case name (unit in the name), in report order: {@code
   * gas_volume_metered_cf, gas_volume_scf, carbon_atoms_per_molecule, hhv_btu_per_scf,
   * baseline_ch4_scf, baseline_ch4_t, baseline_ch4_tco2e, baseline_co2_scf, baseline_co2_t,
   * baseline_n2o_kg, baseline_n2o_tco2e, baseline_tco2e, project_ch4_scf, project_ch4_t,
   * project_ch4_tco2e, project_co2_scf, project_co2_t, project_n2o_kg, project_n2o_tco2e,
   * project_tco2e, avoided_tco2e}.
   */
  public LinkedHashMap<String, Double> figures() {
    LinkedHashMap<String, Double> figures = new LinkedHashMap<>();
    for (EmissionsFigure figure : EmissionsFigure.values()) {
      figures.put(figure.key(), figure.valueIn(this));
    }
    return figures;
  }

  /** Avoided emissions as a share of the baseline; empty when the baseline is zero. */
  public OptionalDouble avoidedShareOfBaseline() {
    return baselineTco2e == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(avoidedTco2e / baselineTco2e);
  }

  /**
   * Total of results computed with identical parameters (e.g. the intervals of a day or month).
   * Volume-proportional figures are added (exactly, then rounded once); Σ(Y·R) and HHV are carried
   * over.
   *
   * @throws IllegalArgumentException if the list is empty or the parameters differ, naming the
   *     first parameter that differs
   */
  public static EmissionsResult sum(List<EmissionsResult> results) {
    if (results == null || results.isEmpty()) {
      throw new IllegalArgumentException("cannot sum an empty list of emissions results");
    }
    EmissionsResult first = results.get(0);
    for (int i = 1; i < results.size(); i++) {
      EmissionsResult other = results.get(i);
      if (!other.parameters.equals(first.parameters)) {
        throw new IllegalArgumentException(
            "cannot sum emissions results computed with different parameters: result "
                + i
                + " differs from result 0 in "
                + firstDifference(first.parameters, other.parameters));
      }
    }
    EnumMap<EmissionsFigure, Double> totals = new EnumMap<>(EmissionsFigure.class);
    for (EmissionsFigure figure : EmissionsFigure.values()) {
      if (figure.additive()) {
        BigDecimal total = BigDecimal.ZERO;
        for (EmissionsResult result : results) {
          total = total.add(new BigDecimal(figure.valueIn(result)));
        }
        totals.put(figure, total.doubleValue());
      } else {
        totals.put(figure, figure.valueIn(first));
      }
    }
    return of(first.methodologyId, totals, first.parameters);
  }

  private static String firstDifference(Map<String, String> a, Map<String, String> b) {
    TreeMap<String, String> keys = new TreeMap<>(a);
    b.forEach(keys::putIfAbsent);
    for (String key : keys.keySet()) {
      if (!Objects.equals(a.get(key), b.get(key))) {
        return key + " (" + a.get(key) + " vs " + b.get(key) + ")";
      }
    }
    return "(no difference)";
  }
}
