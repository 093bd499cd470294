package io.flarewatch.central.reports;

import io.flarewatch.emissions.AvoidedUncertainty;
import io.flarewatch.emissions.EmissionsCalculator;
import io.flarewatch.emissions.FlareEfficiency;
import io.flarewatch.emissions.SiteEmissionsParameters;

/**
 * Figures a row derives from its parameter set and metered volume: the avoided figure under the
 * regulatory default flare efficiency, and the expanded uncertainty of the site's avoided figure.
 * Both are linear in the volume, so computing them once on the row's total volume equals adding
 * them up interval by interval.
 */
final class SetFigures {

  private SetFigures() {}

  /** The set with this id, or null for a row without one. */
  static ParameterSetCatalogue.Entry entry(
      java.util.Map<String, ParameterSetCatalogue.Entry> sets, String id) {
    return id == null ? null : sets.get(id);
  }

  /** Avoided tCO2e of the volume had the flare met the regulatory default; NaN without a set. */
  static double avoidedAtRegulatoryDefault(ParameterSetCatalogue.Entry set, double meteredCf) {
    if (set == null || set.rebuilt() == null) {
      return Double.NaN;
    }
    SiteEmissionsParameters atDefault =
        set.rebuilt().withFlareEfficiency(FlareEfficiency.regulatoryDefault());
    return EmissionsCalculator.compute(Math.max(0, meteredCf), atDefault).avoidedTco2e();
  }

  /** Expanded (k = 2) uncertainty of the avoided tCO2e; NaN when the set configures none. */
  static double avoidedUncertaintyK2(ParameterSetCatalogue.Entry set, double meteredCf) {
    if (set == null || set.rebuilt() == null || set.rebuilt().uncertainty() == null) {
      return Double.NaN;
    }
    return AvoidedUncertainty.expanded(Math.max(0, meteredCf), set.rebuilt());
  }

  /** The set's meter pressure base, psia; NaN without a usable set. */
  static double pressureBase(ParameterSetCatalogue.Entry set) {
    return set == null || set.rebuilt() == null ? Double.NaN : set.rebuilt().pressureBasePsia();
  }
}
