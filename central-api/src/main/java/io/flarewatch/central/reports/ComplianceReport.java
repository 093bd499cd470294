package io.flarewatch.central.reports;

import io.flarewatch.central.config.SiteConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds the compliance report: per site and UTC month, gas metered, used on site (genset fuel),
 * flared, vented (not metered), capture rate, metering gaps, data completeness and the month's
 * emissions.
 */
public final class ComplianceReport {

  public static final String TITLE = "Flarewatch gas and compliance report";

  public static final List<String> COLUMNS =
      List.of(
          "period_start",
          "period_end",
          "site",
          "gas_metered_scf",
          "gas_used_scf",
          "gas_flared_scf",
          "gas_vented_scf",
          "capture_pct",
          "expected_intervals",
          "fuel_meter_intervals",
          "fuel_meter_gaps",
          "flare_meter_intervals",
          "flare_meter_gaps",
          "emissions_intervals",
          "completeness_pct",
          "gas_volume_scf",
          "baseline_tco2e",
          "project_tco2e",
          "avoided_tco2e",
          "parameter_sets");

  private ComplianceReport() {}

  public static ReportContent build(
      ReportRequest request, List<MeterDays.MeterDay> meterDays, List<DayTotals> emissionDays) {
    ReportPeriod month = request.period();
    Map<String, List<DayTotals>> emissions = EmissionsReport.byPeriod(emissionDays, month);
    Map<String, double[]> meters = new LinkedHashMap<>();
    List<MeterDays.MeterDay> orderedMeters = new ArrayList<>(meterDays);
    orderedMeters.sort(
        Comparator.comparing(MeterDays.MeterDay::site)
            .thenComparing(MeterDays.MeterDay::day)
            .thenComparing(MeterDays.MeterDay::role));
    for (MeterDays.MeterDay day : orderedMeters) {
      double[] totals =
          meters.computeIfAbsent(
              EmissionsReport.key(day.site(), month, day.day()) + "|" + day.role(),
              k -> new double[2]);
      totals[0] += day.volumeScf();
      totals[1] += day.intervals();
    }
    ParameterSetLabels labels = new ParameterSetLabels();
    TreeSet<String> methodologies = new TreeSet<>();
    int gasVolume = EmissionsDays.FIGURES.indexOf("gas_volume_scf");
    int baseline = EmissionsDays.FIGURES.indexOf("baseline_tco2e");
    int project = EmissionsDays.FIGURES.indexOf("project_tco2e");
    int avoided = EmissionsDays.FIGURES.indexOf("avoided_tco2e");
    List<List<Object>> rows = new ArrayList<>();
    for (SiteConfig site : request.sites()) {
      for (ReportPeriod.Span span : month.spans(request.from(), request.to())) {
        String key = EmissionsReport.key(site.id(), month, span.start());
        double[] fuel = meters.getOrDefault(key + "|" + MeterDays.ROLE_GENSET_FUEL, new double[2]);
        double[] flare = meters.getOrDefault(key + "|" + MeterDays.ROLE_FLARE, new double[2]);
        double[] figures = new double[EmissionsDays.FIGURES.size()];
        long emissionsIntervals = 0;
        LinkedHashSet<String> sets = new LinkedHashSet<>();
        for (DayTotals day : emissions.getOrDefault(key, List.of())) {
          for (int i = 0; i < figures.length; i++) {
            figures[i] += day.figures()[i];
          }
          emissionsIntervals += day.intervals();
          sets.add(labels.label(day.parameters(), site.id()));
          methodologies.add(day.methodology());
        }
        long expected = span.seconds() / site.pollIntervalSeconds();
        List<Object> row = new ArrayList<>();
        row.add(span.start().toString());
        row.add(span.end().toString());
        row.add(site.id());
        row.add(Decimals.fixed(fuel[0] + flare[0]));
        row.add(Decimals.fixed(fuel[0]));
        row.add(Decimals.fixed(flare[0]));
        row.add(null);
        row.add(Decimals.percent(fuel[0], fuel[0] + flare[0]));
        row.add(expected);
        row.add((long) fuel[1]);
        row.add(Math.max(0, expected - (long) fuel[1]));
        row.add((long) flare[1]);
        row.add(Math.max(0, expected - (long) flare[1]));
        row.add(emissionsIntervals);
        row.add(Decimals.percent(emissionsIntervals, expected));
        row.add(Decimals.fixed(figures[gasVolume]));
        row.add(Decimals.fixed(figures[baseline]));
        row.add(Decimals.fixed(figures[project]));
        row.add(Decimals.fixed(figures[avoided]));
        row.add(sets.isEmpty() ? null : String.join(";", sets));
        rows.add(row);
      }
    }
    List<String> notes =
        new ArrayList<>(EmissionsReport.commonNotes(request, "intervals with an emissions point"));
    notes.add(
        "gas_used_scf is the genset fuel meters' interval_volume_scf, gas_flared_scf the flare"
            + " meters'; gas_metered_scf is their sum, each as the meters report it.");
    notes.add(
        "gas_vented_scf is empty: venting is not metered at these sites, so no vented volume is"
            + " known.");
    notes.add(
        "capture_pct = gas_used_scf / (gas_used_scf + gas_flared_scf) x 100; empty when no gas"
            + " was metered.");
    notes.add(
        "*_meter_gaps = expected intervals without a known interval volume from that role's"
            + " meters (meter silent, first reading, totalizer reset or no such meter).");
    notes.add(
        "emissions columns add the month's daily InfluxDB sums of the emissions points;"
            + " parameter_sets names the sets used in the month (see the parameter sets above).");
    Map<String, String> units = EmissionsReport.units();
    units.remove("*_scf");
    units.remove("intervals");
    units.put("gas_*_scf", "cubic feet as the meters report them (interval_volume_scf)");
    units.put("*_intervals", "count of poll intervals");
    units.put("*_gaps", "count of poll intervals");
    return new ReportContent(
        TITLE,
        request.describe(false),
        new ArrayList<>(methodologies),
        labels.sets(),
        units,
        notes,
        COLUMNS,
        rows);
  }
}
