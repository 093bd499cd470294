package io.flarewatch.central.reports;

import io.flarewatch.central.config.SiteConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Builds the emissions report from daily totals: one row per site and period (and per parameter set
 * when a period mixes sets); months and years add the days up.
 */
public final class EmissionsReport {

  public static final String TITLE = "Flarewatch emissions report";

  public static final List<String> COLUMNS;

  static {
    List<String> columns =
        new ArrayList<>(List.of("period_start", "period_end", "site", "methodology"));
    columns.addAll(EmissionsDays.FIGURES);
    columns.addAll(List.of("intervals", "completeness_pct", "parameter_set"));
    COLUMNS = List.copyOf(columns);
  }

  private EmissionsReport() {}

  /** Days of one methodology and parameter set within a period. */
  private record Group(String methodology, SortedMap<String, String> parameters) {}

  public static ReportContent build(ReportRequest request, List<DayTotals> days) {
    Map<String, List<DayTotals>> byPeriod = byPeriod(days, request.period());
    ParameterSetLabels labels = new ParameterSetLabels();
    TreeSet<String> methodologies = new TreeSet<>();
    List<String> mixed = new ArrayList<>();
    List<List<Object>> rows = new ArrayList<>();
    for (SiteConfig site : request.sites()) {
      for (ReportPeriod.Span span : request.period().spans(request.from(), request.to())) {
        Map<Group, List<DayTotals>> groups = new LinkedHashMap<>();
        for (DayTotals day :
            byPeriod.getOrDefault(key(site.id(), request.period(), span.start()), List.of())) {
          groups
              .computeIfAbsent(
                  new Group(day.methodology(), day.parameters()), g -> new ArrayList<>())
              .add(day);
        }
        double expected = (double) (span.seconds() / site.pollIntervalSeconds());
        if (groups.isEmpty()) {
          List<Object> row =
              new ArrayList<>(List.of(span.start().toString(), span.end().toString(), site.id()));
          row.add(null);
          EmissionsDays.FIGURES.forEach(f -> row.add(Decimals.fixed(0)));
          row.add(0L);
          row.add(expected == 0 ? null : Decimals.fixed(0));
          row.add(null);
          rows.add(row);
          continue;
        }
        List<String> setLabels = new ArrayList<>();
        for (Map.Entry<Group, List<DayTotals>> group : groups.entrySet()) {
          String label = labels.label(group.getKey().parameters(), site.id());
          setLabels.add(label);
          methodologies.add(group.getKey().methodology());
          double[] sums = new double[EmissionsDays.FIGURES.size()];
          long intervals = 0;
          for (DayTotals day : group.getValue()) {
            for (int i = 0; i < sums.length; i++) {
              sums[i] += day.figures()[i];
            }
            intervals += day.intervals();
          }
          List<Object> row =
              new ArrayList<>(List.of(span.start().toString(), span.end().toString(), site.id()));
          row.add(group.getKey().methodology());
          for (double sum : sums) {
            row.add(Decimals.fixed(sum));
          }
          row.add(intervals);
          row.add(Decimals.percent(intervals, expected));
          row.add(label);
          rows.add(row);
        }
        if (setLabels.size() > 1) {
          mixed.add(
              "site "
                  + site.id()
                  + ", period from "
                  + span.start()
                  + ": mixes parameter sets "
                  + String.join(", ", setLabels)
                  + "; one row per parameter set.");
        }
      }
    }
    List<String> notes = new ArrayList<>(commonNotes(request, "intervals with an emissions point"));
    notes.add(
        "day sums are InfluxDB SUM(...) GROUP BY time(1d) over the emissions points; months and"
            + " years add the days up.");
    notes.add(
        "avoided_tco2e = baseline_tco2e - project_tco2e: negative when the engine emits more than"
            + " the flare would have; never clipped.");
    notes.add(
        "periods without emissions points show zero figures, 0 intervals and 0 % completeness.");
    notes.addAll(mixed);
    return new ReportContent(
        TITLE,
        request.describe(true),
        new ArrayList<>(methodologies),
        labels.sets(),
        units(),
        notes,
        COLUMNS,
        rows);
  }

  static List<String> commonNotes(ReportRequest request, String counted) {
    StringBuilder polls = new StringBuilder();
    for (SiteConfig site : request.sites()) {
      polls
          .append(polls.isEmpty() ? "" : ", ")
          .append(site.id())
          .append(' ')
          .append(site.pollIntervalSeconds())
          .append(" s");
    }
    return List.of(
        "periods are UTC calendar "
            + request.period().id()
            + "s; period_start inclusive, period_end exclusive; the first and last periods are"
            + " clipped to from/to.",
        "completeness_pct = "
            + counted
            + " / expected intervals (period length / the site's poll interval: "
            + polls
            + ") x 100.");
  }

  static Map<String, String> units() {
    Map<String, String> units = new LinkedHashMap<>();
    units.put("period_start", "UTC, ISO-8601");
    units.put("period_end", "UTC, ISO-8601");
    units.put("*_scf", "standard cubic feet");
    units.put("gas_volume_scf", "scf at 60 °F, 14.7 psia");
    units.put("*_t", "metric tonnes");
    units.put("*_kg", "kilograms");
    units.put("*_tco2e", "metric tonnes CO2-equivalent");
    units.put("*_pct", "percent");
    units.put("intervals", "count of poll intervals");
    return units;
  }

  /** Days by site and period, each list in day order (stable for days split by parameter set). */
  static Map<String, List<DayTotals>> byPeriod(List<DayTotals> days, ReportPeriod period) {
    List<DayTotals> ordered = new ArrayList<>(days);
    ordered.sort(Comparator.comparing(DayTotals::site).thenComparing(DayTotals::day));
    Map<String, List<DayTotals>> byPeriod = new HashMap<>();
    for (DayTotals day : ordered) {
      byPeriod.computeIfAbsent(key(day.site(), period, day.day()), k -> new ArrayList<>()).add(day);
    }
    return byPeriod;
  }

  static String key(String site, ReportPeriod period, Instant time) {
    return site + "|" + period.floor(time);
  }
}
