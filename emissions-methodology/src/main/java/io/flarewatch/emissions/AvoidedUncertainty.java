package io.flarewatch.emissions;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Standard uncertainty of the avoided figure, propagated to first order (GUM, JCGM 100:2008, law of
 * propagation for uncorrelated inputs) from the {@link MeasurementUncertainty} of the parameters.
 *
 * <p>Per standard cubic foot the avoided emissions are {@code a = k_m · Y_CH4 · (S_f − (1 − η)) +
 * k_c · C · (Z_L · η_C − η)}, with {@code S_f = Z_L · (1 − η_D) + Z_U}, {@code C = Σ Y_j · R_j},
 * {@code k_m = 0.0192e-3 t/scf · GWP_CH4} and {@code k_c = 0.0526e-3 t/scf}; N2O and the gas's own
 * CO2 are the same on both sides and cancel. Each contribution is the sensitivity (the partial
 * derivative of {@code V · a}) times the input's standard uncertainty:
 *
 * <ul>
 *   <li>{@code gas_volume}: {@code V · a · u_meter} (the meter's relative uncertainty);
 *   <li>{@code composition_<j>}: {@code V · (k_m · [j = CH4] · (S_f − 1 + η) + k_c · R_j · (Z_L ·
 *       η_C − η)) · u_comp · Y_j};
 *   <li>{@code flare_efficiency}: {@code V · Z_L · (k_c · C − k_m · Y_CH4) · u_flare} (η_D and η_C
 *       move together);
 *   <li>{@code engine_efficiency}: {@code V · (k_m · Y_CH4 − k_c · C) · u_engine};
 *   <li>{@code flare_unlit_fraction}: {@code V · (k_m · Y_CH4 · η_D − k_c · η_C · C) · u_unlit}.
 * </ul>
 *
 * <p>The combined standard uncertainty is the root sum of squares of the contributions; the
 * expanded uncertainty is twice that (k = 2, about 95 %). GWPs, densities and heating values are
 * conventions of the methodology and carry no uncertainty here.
 */
public final class AvoidedUncertainty {

  /** Coverage factor of the expanded uncertainty. */
  public static final double COVERAGE_FACTOR = 2.0;

  /** Names of the inputs, in the order of {@link #contributions}. */
  public static final String GAS_VOLUME = "gas_volume";

  public static final String FLARE_EFFICIENCY = "flare_efficiency";
  public static final String ENGINE_EFFICIENCY = "engine_efficiency";
  public static final String FLARE_UNLIT_FRACTION = "flare_unlit_fraction";

  private AvoidedUncertainty() {}

  /** Name of the input for one component's mole fraction, e.g. {@code composition_ch4}. */
  public static String composition(GasComponent component) {
    return "composition_" + component.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Signed contributions (sensitivity × standard uncertainty, tCO2e) of each input to the avoided
   * figure of {@code meteredVolume} cubic feet as metered; empty when the parameters carry no
   * uncertainties. Contributions of the same input add up linearly over intervals and over sets.
   */
  public static Map<String, Double> contributions(double meteredVolume, SiteEmissionsParameters p) {
    Map<String, Double> contributions = new LinkedHashMap<>();
    MeasurementUncertainty u = p.uncertainty();
    if (u == null) {
      return contributions;
    }
    double v =
        StandardConditions.toStandardVolume(
                java.math.BigDecimal.valueOf(meteredVolume), p.exactPressureBasePsia())
            .doubleValue();
    GasComposition gas = p.gasComposition();
    double km =
        GasDensities.CH4_KG_PER_SCF.doubleValue() / 1000 * p.gwpSet().methane().doubleValue();
    double kc = GasDensities.CO2_KG_PER_SCF.doubleValue() / 1000;
    double etaD = p.flareEfficiency().destruction().doubleValue();
    double etaC = p.flareEfficiency().combustion().doubleValue();
    double eta = p.engine().efficiency().doubleValue();
    double zu = p.unlitFraction();
    double zl = 1 - zu;
    double ch4 = gas.fraction(GasComponent.CH4);
    double carbon = gas.carbonAtomsPerMolecule().doubleValue();
    double slip = zl * (1 - etaD) + zu;
    double perScf = km * ch4 * (slip - (1 - eta)) + kc * carbon * (zl * etaC - eta);
    contributions.put(GAS_VOLUME, v * perScf * u.meterRelative());
    for (GasComponent component : GasComponent.values()) {
      double sensitivity =
          (component == GasComponent.CH4 ? km * (slip - 1 + eta) : 0)
              + kc * component.carbonAtoms() * (zl * etaC - eta);
      contributions.put(
          composition(component),
          v * sensitivity * u.compositionRelative() * gas.fraction(component));
    }
    contributions.put(FLARE_EFFICIENCY, v * zl * (kc * carbon - km * ch4) * u.flareEfficiency());
    contributions.put(ENGINE_EFFICIENCY, v * (km * ch4 - kc * carbon) * u.engineEfficiency());
    contributions.put(
        FLARE_UNLIT_FRACTION, v * (km * ch4 * etaD - kc * etaC * carbon) * u.unlitFraction());
    return contributions;
  }

  /** Combined standard uncertainty: root sum of squares of the contributions. */
  public static double combined(Map<String, Double> contributions) {
    double sum = 0;
    for (double c : contributions.values()) {
      sum += c * c;
    }
    return Math.sqrt(sum);
  }

  /** Expanded uncertainty (k = 2) of the avoided figure of one volume. */
  public static double expanded(double meteredVolume, SiteEmissionsParameters p) {
    return COVERAGE_FACTOR * combined(contributions(meteredVolume, p));
  }
}
