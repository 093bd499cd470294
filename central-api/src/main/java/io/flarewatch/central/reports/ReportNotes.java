package io.flarewatch.central.reports;

import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.emissions.Methodology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Notes both reports carry: how rows, intervals, numbers and the extra columns are derived. */
final class ReportNotes {

  private ReportNotes() {}

  static List<String> common(ReportRequest request, Map<String, ParameterSetCatalogue.Entry> sets) {
    StringBuilder polls = new StringBuilder();
    for (SiteConfig site : request.sites()) {
      polls
          .append(polls.isEmpty() ? "" : ", ")
          .append(site.id())
          .append(' ')
          .append(site.pollIntervalSeconds())
          .append(" s");
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        "Methodology "
            + Methodology.ID
            + ": "
            + Methodology.CITATION
            + ". Avoided = baseline (the same gas sent to the flare) - project (the gas burned in"
            + " the generator).");
    notes.add(
        "Rows are UTC calendar "
            + request.period().id()
            + "s per site, clipped to from/to. An interval belongs to the row its point's time"
            + " (the end of the interval) falls in. A period whose emissions points change"
            + " parameter set is split, one row per set, where the first interval computed with"
            + " the new set begins: its point's time - interval_seconds + one poll interval, so"
            + " polls missed in an outage before the change fall in the row of the interval that"
            + " carries their gas. An outage interval that crosses a period boundary counts in"
            + " the period it ends in.");
    notes.add(
        "Expected intervals count up to "
            + request.asOf()
            + (request.asOf().equals(request.to())
                ? " (the end of the range)"
                : " (the time of the report; later intervals have not happened yet)")
            + ": row length / the site's poll interval ("
            + polls
            + ").");
    notes.add(
        "An interval whose totalizer reading follows missed polls (an outage) carries their gas:"
            + " it covers interval_seconds / the poll interval intervals, so those polls are not"
            + " gaps, and it counts in outage_intervals. Its emissions are computed with the set"
            + " the edge had when it resumed.");
    notes.add(
        "Volumes: scf columns are standard cubic feet at 60 °F and 14.7 psia (methodology.md,"
            + " 98.233(t)); metered cf columns are cubic feet at 60 °F and the meter's pressure"
            + " base (the set's pressure_base_psia), with scf = cf x pressure_base_psia / 14.7."
            + " Volumes keep the decimals of the meter's totalizer step.");
    notes.add(
        "Numbers: masses, CO2e and percentages have "
            + Figures.SIGNIFICANT_DIGITS
            + " significant digits (half-even), uncertainties "
            + Figures.UNCERTAINTY_DIGITS
            + "; sums are taken before rounding.");
    notes.add(
        "Regulatory default flare efficiency: 40 CFR 98.233(n)(1), tier 1, destruction 0.98 and"
            + " combustion 0.965. avoided_at_default_flare_tco2e shows each row under it beside"
            + " avoided_tco2e, which uses the flare efficiency and source named in the row's"
            + " parameter set.");
    notes.add(
        "Uncertainty: first-order propagation (GUM, JCGM 100:2008) of the set's standard"
            + " uncertainties (uncertainty_meter_relative of the reading, fully correlated over"
            + " intervals; uncertainty_composition_relative of each mole fraction, independent;"
            + " uncertainty_flare_efficiency on destruction and combustion together;"
            + " uncertainty_engine_efficiency; uncertainty_unlit_fraction) through avoided ="
            + " V x [k_m Y_CH4 (Z_L (1 - eta_D) + Z_U - (1 - eta)) + k_c C (Z_L eta_C - eta)],"
            + " k_m = 0.0192e-3 t/scf x GWP_CH4, k_c = 0.0526e-3 t/scf, C = sum Y_j R_j; N2O"
            + " cancels. The column is twice the combined standard uncertainty (k = 2). GWPs,"
            + " densities and heating values are conventions without uncertainty.");
    sets.forEach(
        (id, set) -> {
          if (set.problem() != null) {
            notes.add(
                "Parameter set "
                    + id
                    + ": "
                    + set.problem()
                    + "; its rows have no sensitivity or uncertainty figures.");
          }
        });
    return notes;
  }
}
