package io.flarewatch.emissions;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Standard uncertainties (one standard deviation, k = 1) of the measured inputs of a site's
 * figures, propagated to the avoided figure by {@link AvoidedUncertainty} (GUM, first order).
 *
 * @param meterRelative the gas meter, as a fraction of the reading (0.01 = 1 %); treated as one
 *     systematic error of the meter, so fully correlated over intervals
 * @param compositionRelative each mole fraction of the gas analysis, as a fraction of its value;
 *     components independent of each other
 * @param flareEfficiency the baseline flare efficiency, absolute, applied to η_D and η_C together
 * @param engineEfficiency the engine combustion efficiency η, absolute
 * @param unlitFraction the flare's unlit fraction Z_U, absolute
 */
public record MeasurementUncertainty(
    double meterRelative,
    double compositionRelative,
    double flareEfficiency,
    double engineEfficiency,
    double unlitFraction) {

  /** Largest accepted standard uncertainty of any input: above this a value is likely a typo. */
  public static final double MAX = 0.5;

  public MeasurementUncertainty {
    check("uncertainty.meterRelative", meterRelative);
    check("uncertainty.compositionRelative", compositionRelative);
    check("uncertainty.flareEfficiency", flareEfficiency);
    check("uncertainty.engineEfficiency", engineEfficiency);
    check("uncertainty.unlitFraction", unlitFraction);
  }

  private static void check(String path, double value) {
    Checks.finite(path, value);
    if (value < 0 || value > MAX) {
      throw new InvalidEmissionsParametersException(
          path, Checks.plain(value) + " is outside [0, " + Checks.plain(MAX) + "]");
    }
  }

  /** The inputs under their parameter names ({@code uncertainty_*}), as plain decimal text. */
  SortedMap<String, String> describe() {
    SortedMap<String, String> map = new TreeMap<>();
    map.put("uncertainty_meter_relative", Checks.plain(meterRelative));
    map.put("uncertainty_composition_relative", Checks.plain(compositionRelative));
    map.put("uncertainty_flare_efficiency", Checks.plain(flareEfficiency));
    map.put("uncertainty_engine_efficiency", Checks.plain(engineEfficiency));
    map.put("uncertainty_unlit_fraction", Checks.plain(unlitFraction));
    return map;
  }
}
