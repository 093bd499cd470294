package io.flarewatch.central.reports;

import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.reports.ReportContent.Column;
import io.flarewatch.central.reports.ReportContent.Datatype;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the emissions report: one row per site, period and parameter set (a period that changes
 * set is split at the change), months and years adding the days up.
 */
public final class EmissionsReport {

  public static final String TITLE = "Flarewatch emissions report";

  private static final List<String> MASSES =
      List.of(
          "baseline_ch4_t",
          "baseline_co2_t",
          "baseline_n2o_kg",
          "baseline_tco2e",
          "project_ch4_t",
          "project_co2_t",
          "project_n2o_kg",
          "project_tco2e");

  public static final List<Column> COLUMNS = columns();

  private EmissionsReport() {}

  private static List<Column> columns() {
    List<Column> columns = new ArrayList<>(ReportColumns.leading());
    columns.add(new Column("methodology", Datatype.STRING, null, "Methodology id and version."));
    columns.add(
        new Column(
            "gas_volume_metered_cf",
            Datatype.DECIMAL,
            "cf at 60 °F and the set's pressure_base_psia",
            "Genset fuel as metered: the sum of the intervals' totalizer differences."));
    columns.add(
        new Column(
            "gas_volume_scf",
            Datatype.DECIMAL,
            ReportColumns.SCF,
            "Genset fuel V = gas_volume_metered_cf x pressure_base_psia / 14.7."));
    for (String mass : MASSES) {
      String gas = mass.contains("ch4") ? "CH4" : mass.contains("co2_") ? "CO2" : "N2O";
      String side = mass.startsWith("baseline") ? "Flare (baseline)" : "Engine (project)";
      if (mass.endsWith("tco2e")) {
        columns.add(
            new Column(
                mass,
                Datatype.DECIMAL,
                ReportColumns.TONNES_CO2E,
                side + " total: CH4 x GWP_CH4 + CO2 + N2O x GWP_N2O."));
      } else {
        columns.add(
            new Column(
                mass,
                Datatype.DECIMAL,
                mass.endsWith("_kg") ? "kg " + gas : "t " + gas + " (metric tonnes)",
                side + " " + gas + " emitted."));
      }
    }
    columns.add(ReportColumns.avoided());
    columns.add(ReportColumns.uncertainty());
    columns.add(ReportColumns.atRegulatoryDefault());
    columns.add(
        new Column(
            "intervals",
            Datatype.INTEGER,
            null,
            "Emissions points: intervals with a known genset fuel volume."));
    columns.add(
        new Column(
            "outage_intervals",
            Datatype.INTEGER,
            null,
            "Of those, intervals that span missed polls and carry an outage's gas."));
    columns.add(
        new Column(
            "expected_intervals",
            Datatype.INTEGER,
            null,
            "Row length up to the report's as-of time / the site's poll interval."));
    columns.add(
        new Column(
            "gap_intervals",
            Datatype.INTEGER,
            null,
            "Expected intervals whose gas is unknown: expected minus those the points cover."));
    columns.add(ReportColumns.completeness());
    return List.copyOf(columns);
  }

  public static ReportContent build(
      ReportRequest request, List<Chunk> chunks, Map<String, ParameterSetCatalogue.Entry> sets) {
    Map<String, List<Chunk>> byPeriod = byPeriod(chunks, request.period());
    TreeSet<String> methodologies = new TreeSet<>();
    List<List<Object>> rows = new ArrayList<>();
    for (SiteConfig site : request.sites()) {
      for (ReportPeriod.Span span : request.period().spans(request.from(), request.to())) {
        List<Chunk> inPeriod =
            byPeriod.getOrDefault(key(site.id(), request.period(), span.start()), List.of());
        for (Segment segment : Segment.of(site.id(), span, inPeriod, site.pollIntervalSeconds())) {
          if (segment.data() != null) {
            methodologies.add(segment.data().methodology());
          }
          rows.add(row(segment, SetFigures.entry(sets, segment.parameterSet()), request, site));
        }
      }
    }
    Map<String, ParameterSetCatalogue.Entry> used = new TreeMap<>(sets);
    return new ReportContent(
        "emissions",
        TITLE,
        request.describe(true),
        new ArrayList<>(methodologies),
        used,
        ReportNotes.common(request, used),
        COLUMNS,
        rows);
  }

  private static List<Object> row(
      Segment segment, ParameterSetCatalogue.Entry set, ReportRequest request, SiteConfig site) {
    Chunk data = segment.data();
    double[] sums = data == null ? new double[Chunk.FIGURES.size()] : data.sums();
    double resolution = data == null ? Double.NaN : data.resolution();
    double metered = sums[Chunk.figure("gas_volume_metered_cf")];
    List<Object> row = new ArrayList<>();
    row.add(segment.start().toString());
    row.add(segment.end().toString());
    row.add(site.id());
    row.add(segment.parameterSet());
    row.add(data == null ? null : data.methodology());
    row.add(Figures.volume(metered, resolution));
    row.add(Figures.volume(sums[Chunk.figure("gas_volume_scf")], resolution));
    for (String mass : MASSES) {
      row.add(Figures.significant(sums[Chunk.figure(mass)]));
    }
    row.add(Figures.significant(sums[Chunk.figure("avoided_tco2e")]));
    row.add(
        Figures.significant(
            SetFigures.avoidedUncertaintyK2(set, metered), Figures.UNCERTAINTY_DIGITS));
    row.add(Figures.significant(SetFigures.avoidedAtRegulatoryDefault(set, metered)));
    addIntervals(row, segment, request, site);
    return row;
  }

  /** intervals, outage_intervals, expected_intervals, gap_intervals, completeness_pct. */
  static void addIntervals(
      List<Object> row, Segment segment, ReportRequest request, SiteConfig site) {
    Chunk data = segment.data();
    int poll = site.pollIntervalSeconds();
    long intervals = data == null ? 0 : data.intervals();
    long covered =
        data == null
            ? 0
            : Segment.coveredIntervals(data.spanSeconds(), data.spanned(), intervals, poll);
    long expected = segment.expectedIntervals(request.asOf(), poll);
    row.add(intervals);
    row.add(data == null ? 0L : data.outages());
    row.add(expected);
    row.add(Math.max(0, expected - covered));
    row.add(Figures.percent(Math.min(covered, expected), expected));
  }

  /** Chunks by site and period, each list in time order. */
  static Map<String, List<Chunk>> byPeriod(List<Chunk> chunks, ReportPeriod period) {
    Map<String, List<Chunk>> byPeriod = new HashMap<>();
    for (Chunk chunk : chunks) {
      byPeriod
          .computeIfAbsent(key(chunk.site(), period, chunk.day()), k -> new ArrayList<>())
          .add(chunk);
    }
    return byPeriod;
  }

  static String key(String site, ReportPeriod period, java.time.Instant time) {
    return site + "|" + period.floor(time);
  }
}
