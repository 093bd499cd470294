package io.flarewatch.central.reports;

import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.reports.ReportContent.Column;
import io.flarewatch.central.reports.ReportContent.Datatype;
import io.flarewatch.emissions.SiteEmissionsParameters;
import io.flarewatch.emissions.StandardConditions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds the compliance report: per site, UTC month and parameter set, gas metered, used on site
 * (genset fuel), flared and vented (not metered), all in scf at one base, with the metered cubic
 * feet and their pressure base beside them; capture rate, metering gaps, completeness and the
 * emissions.
 */
public final class ComplianceReport {

  public static final String TITLE = "Flarewatch gas and compliance report";

  public static final List<Column> COLUMNS = columns();

  private ComplianceReport() {}

  private static List<Column> columns() {
    String atBase = "cf at 60 °F and pressure_base_psia";
    String scf = ReportColumns.SCF;
    String poll = "count of poll intervals";
    List<Column> c = new ArrayList<>(ReportColumns.leading());
    c.add(
        new Column(
            "pressure_base_psia",
            Datatype.DECIMAL,
            "psia",
            "Pressure base of the row's metered cf: the set's, or for a row without emissions"
                + " points the site's configured one (14.7 when none is configured)."));
    c.add(new Column("gas_used_metered_cf", Datatype.DECIMAL, atBase, "Genset fuel as metered."));
    c.add(new Column("gas_flared_metered_cf", Datatype.DECIMAL, atBase, "Flare gas as metered."));
    c.add(new Column("gas_metered_scf", Datatype.DECIMAL, scf, "gas_used_scf + gas_flared_scf."));
    c.add(
        new Column(
            "gas_used_scf",
            Datatype.DECIMAL,
            scf,
            "Beneficial use (genset fuel): gas_used_metered_cf x pressure_base_psia / 14.7."));
    c.add(
        new Column(
            "gas_flared_scf",
            Datatype.DECIMAL,
            scf,
            "gas_flared_metered_cf x pressure_base_psia / 14.7."));
    c.add(
        new Column(
            "gas_vented_scf",
            Datatype.DECIMAL,
            scf,
            "Empty: venting is not metered at these sites, so no vented volume is known."));
    c.add(
        new Column(
            "capture_pct",
            Datatype.DECIMAL,
            "percent",
            "gas_used_scf / gas_metered_scf x 100; empty when no gas was metered."));
    c.add(
        new Column("expected_intervals", Datatype.INTEGER, poll, "Row length up to as-of / poll."));
    for (String meter : List.of("fuel", "flare")) {
      c.add(
          new Column(
              meter + "_meter_intervals",
              Datatype.INTEGER,
              poll,
              "Readings of the " + meter + " meters with a known interval volume."));
      c.add(
          new Column(
              meter + "_meter_gaps",
              Datatype.INTEGER,
              poll,
              "Expected intervals whose "
                  + meter
                  + " gas is unknown (meter silent, first reading,"
                  + " totalizer reset, no such meter); missed polls the next reading carried are"
                  + " not gaps."));
    }
    c.add(new Column("emissions_intervals", Datatype.INTEGER, poll, "Emissions points."));
    c.add(
        new Column(
            "outage_intervals",
            Datatype.INTEGER,
            poll,
            "Emissions points that span missed polls and carry an outage's gas."));
    c.add(ReportColumns.completeness());
    c.add(new Column("gas_volume_scf", Datatype.DECIMAL, scf, "Genset fuel V of the emissions."));
    c.add(
        new Column(
            "baseline_tco2e", Datatype.DECIMAL, ReportColumns.TONNES_CO2E, "Flare (baseline)."));
    c.add(
        new Column(
            "project_tco2e", Datatype.DECIMAL, ReportColumns.TONNES_CO2E, "Engine (project)."));
    c.add(ReportColumns.avoided());
    c.add(ReportColumns.uncertainty());
    c.add(ReportColumns.atRegulatoryDefault());
    return List.copyOf(c);
  }

  /** The report's rows as segments: per site and month, split where the parameter set changes. */
  static List<Segment> segments(ReportRequest request, List<Chunk> chunks) {
    Map<String, List<Chunk>> byMonth = EmissionsReport.byPeriod(chunks, request.period());
    List<Segment> segments = new ArrayList<>();
    for (SiteConfig site : request.sites()) {
      for (ReportPeriod.Span span : request.period().spans(request.from(), request.to())) {
        segments.addAll(
            Segment.of(
                site.id(),
                span,
                byMonth.getOrDefault(
                    EmissionsReport.key(site.id(), request.period(), span.start()), List.of()),
                site.pollIntervalSeconds()));
      }
    }
    return segments;
  }

  public static ReportContent build(
      ReportRequest request,
      List<Segment> segments,
      List<Map<String, MeterSegments.Meter>> meters,
      Map<String, ParameterSetCatalogue.Entry> sets) {
    TreeSet<String> methodologies = new TreeSet<>();
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      Segment segment = segments.get(i);
      SiteConfig site =
          request.sites().stream().filter(s -> s.id().equals(segment.site())).findFirst().get();
      if (segment.data() != null) {
        methodologies.add(segment.data().methodology());
      }
      rows.add(
          row(
              segment,
              meters.get(i),
              SetFigures.entry(sets, segment.parameterSet()),
              request,
              site));
    }
    List<String> notes = new ArrayList<>(ReportNotes.common(request, sets));
    notes.add(
        "gas_used is the genset fuel meters' interval_volume_scf, gas_flared the flare meters',"
            + " each converted to scf with the row's pressure base; capture_pct = used / (used +"
            + " flared).");
    return new ReportContent(
        "compliance",
        TITLE,
        request.describe(false),
        new ArrayList<>(methodologies),
        sets,
        notes,
        COLUMNS,
        rows);
  }

  private static List<Object> row(
      Segment segment,
      Map<String, MeterSegments.Meter> meters,
      ParameterSetCatalogue.Entry set,
      ReportRequest request,
      SiteConfig site) {
    MeterSegments.Meter fuel =
        meters.getOrDefault(MeterSegments.ROLE_GENSET_FUEL, MeterSegments.Meter.NONE);
    MeterSegments.Meter flare =
        meters.getOrDefault(MeterSegments.ROLE_FLARE, MeterSegments.Meter.NONE);
    double base = pressureBase(set, site);
    double usedScf = standard(fuel.volumeCf(), base);
    double flaredScf = standard(flare.volumeCf(), base);
    Chunk data = segment.data();
    double resolution =
        EmissionsChunks.finer(
            data == null ? Double.NaN : data.resolution(),
            EmissionsChunks.finer(fuel.resolution(), flare.resolution()));
    double[] sums = data == null ? new double[Chunk.FIGURES.size()] : data.sums();
    int poll = site.pollIntervalSeconds();
    long expected = segment.expectedIntervals(request.asOf(), poll);
    List<Object> row = new ArrayList<>();
    row.add(segment.start().toString());
    row.add(segment.end().toString());
    row.add(site.id());
    row.add(segment.parameterSet());
    row.add(BigDecimal.valueOf(base));
    row.add(Figures.volume(fuel.volumeCf(), resolution));
    row.add(Figures.volume(flare.volumeCf(), resolution));
    row.add(Figures.volume(usedScf + flaredScf, resolution));
    row.add(Figures.volume(usedScf, resolution));
    row.add(Figures.volume(flaredScf, resolution));
    row.add(null);
    row.add(Figures.percent(usedScf, usedScf + flaredScf));
    row.add(expected);
    for (MeterSegments.Meter meter : List.of(fuel, flare)) {
      long covered =
          Segment.coveredIntervals(meter.spanSeconds(), meter.spanned(), meter.intervals(), poll);
      row.add(meter.intervals());
      row.add(Math.max(0, expected - covered));
    }
    long intervals = data == null ? 0 : data.intervals();
    long covered =
        data == null
            ? 0
            : Segment.coveredIntervals(data.spanSeconds(), data.spanned(), intervals, poll);
    row.add(intervals);
    row.add(data == null ? 0L : data.outages());
    row.add(Figures.percent(Math.min(covered, expected), expected));
    double metered = sums[Chunk.figure("gas_volume_metered_cf")];
    row.add(Figures.volume(sums[Chunk.figure("gas_volume_scf")], resolution));
    row.add(Figures.significant(sums[Chunk.figure("baseline_tco2e")]));
    row.add(Figures.significant(sums[Chunk.figure("project_tco2e")]));
    row.add(Figures.significant(sums[Chunk.figure("avoided_tco2e")]));
    row.add(
        Figures.significant(
            SetFigures.avoidedUncertaintyK2(set, metered), Figures.UNCERTAINTY_DIGITS));
    row.add(Figures.significant(SetFigures.avoidedAtRegulatoryDefault(set, metered)));
    return row;
  }

  private static double pressureBase(ParameterSetCatalogue.Entry set, SiteConfig site) {
    double base = SetFigures.pressureBase(set);
    if (!Double.isNaN(base)) {
      return base;
    }
    return site.emissionsParameters()
        .map(SiteEmissionsParameters::pressureBasePsia)
        .orElse(SiteEmissionsParameters.DEFAULT_PRESSURE_BASE_PSIA);
  }

  private static double standard(double cf, double base) {
    return StandardConditions.toStandardVolume(BigDecimal.valueOf(cf), BigDecimal.valueOf(base))
        .doubleValue();
  }
}
