package io.flarewatch.central.reports;

import io.flarewatch.central.reports.ReportContent.Column;
import io.flarewatch.central.reports.ReportContent.Datatype;
import java.util.List;

/** Columns both reports share, with their datatype, unit and meaning. */
final class ReportColumns {

  static final String TONNES_CO2E = "t CO2e (metric tonnes CO2-equivalent)";
  static final String SCF = "scf (standard cubic feet at 60 °F and 14.7 psia)";

  private ReportColumns() {}

  static List<Column> leading() {
    return List.of(
        new Column(
            "period_start",
            Datatype.DATE_TIME,
            "UTC",
            "Start of the row, inclusive: the period's start, or, where the period changes"
                + " parameter set, the first poll time covered by the first interval computed"
                + " with the row's set."),
        new Column(
            "period_end",
            Datatype.DATE_TIME,
            "UTC",
            "End of the row, exclusive: the period's end or the next row's start."),
        new Column("site", Datatype.STRING, null, "The site id."),
        new Column(
            "parameter_set",
            Datatype.STRING,
            null,
            "Content id of the parameter set every emissions figure of the row was computed with"
                + " (its parameters and the period it was in effect are in the metadata); empty"
                + " when the row has no emissions points."));
  }

  static Column avoided() {
    return new Column(
        "avoided_tco2e",
        Datatype.DECIMAL,
        TONNES_CO2E,
        "baseline_tco2e - project_tco2e with the site's parameter set; negative when the engine"
            + " emits more than the flare would have, never clipped.");
  }

  static Column uncertainty() {
    return new Column(
        "avoided_uncertainty_k2_tco2e",
        Datatype.DECIMAL,
        TONNES_CO2E,
        "Expanded uncertainty (k = 2, about 95 %) of avoided_tco2e, propagated to first order"
            + " (GUM) from the set's uncertainty_* parameters; empty when the set has none.");
  }

  static Column atRegulatoryDefault() {
    return new Column(
        "avoided_at_default_flare_tco2e",
        Datatype.DECIMAL,
        TONNES_CO2E,
        "Sensitivity: avoided_tco2e had the flare met the regulatory default efficiency of 40 CFR"
            + " 98.233(n)(1), tier 1 (destruction 0.98, combustion 0.965), every other parameter"
            + " as in the row's set. Shown beside the site's figure, never instead of it.");
  }

  static Column completeness() {
    return new Column(
        "completeness_pct",
        Datatype.DECIMAL,
        "percent",
        "Intervals whose gas is known / expected_intervals x 100; empty when none are expected.");
  }
}
