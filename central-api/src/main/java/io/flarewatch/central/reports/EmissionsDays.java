package io.flarewatch.central.reports;

import static io.flarewatch.central.influx.InfluxQl.identifier;

import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.central.query.InfluxFilters;
import io.flarewatch.wire.Schema;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads daily emissions sums from InfluxDB ({@code SUM(...) GROUP BY time(1d)}), one query per
 * calendar month of the range so that no query covers more than a month. The stored {@code param_*}
 * fields give each day its parameter set; a day whose points carry more than one set is read point
 * by point and split by set.
 */
public final class EmissionsDays {

  /** The summed figures, in report column order. */
  public static final List<String> FIGURES =
      List.of(
          "gas_volume_scf",
          "baseline_ch4_t",
          "baseline_co2_t",
          "baseline_n2o_kg",
          "baseline_tco2e",
          "project_ch4_t",
          "project_co2_t",
          "project_n2o_kg",
          "project_tco2e",
          "avoided_tco2e");

  static final String TAG_METHODOLOGY = "methodology";
  static final String PARAMETER_PREFIX = "param_";
  private static final String COUNT = "intervals";

  private final InfluxClient influx;

  public EmissionsDays(InfluxClient influx) {
    this.influx = influx;
  }

  /** Day totals of the sites over [from, to), ordered by month, then as InfluxDB returned them. */
  public Future<List<DayTotals>> read(List<String> sites, Instant from, Instant to) {
    return parameterFields()
        .compose(
            parameters -> {
              List<DayTotals> days = new ArrayList<>();
              Future<Void> chain = Future.succeededFuture();
              for (ReportPeriod.Span month : ReportPeriod.MONTH.spans(from, to)) {
                chain = chain.compose(v -> readMonth(sites, month, parameters, days));
              }
              return chain.map(v -> days);
            });
  }

  /** The {@code param_*} string fields stored in the emissions measurement, sorted. */
  private Future<List<String>> parameterFields() {
    return influx
        .query("SHOW FIELD KEYS FROM " + identifier(Schema.EMISSIONS))
        .map(
            results -> {
              List<String> names = new ArrayList<>();
              for (ResultSeries series : ResultSeries.of(results, 0)) {
                for (JsonArray row : series.rows()) {
                  String name = row.getString(0);
                  if (name.startsWith(PARAMETER_PREFIX)) {
                    names.add(name);
                  }
                }
              }
              names.sort(null);
              return names;
            });
  }

  private Future<Void> readMonth(
      List<String> sites, ReportPeriod.Span month, List<String> parameters, List<DayTotals> days) {
    List<String> columns = new ArrayList<>();
    for (String figure : FIGURES) {
      columns.add("sum(" + identifier(figure) + ") AS " + identifier(figure));
    }
    columns.add("count(" + identifier("avoided_tco2e") + ") AS " + identifier(COUNT));
    for (String parameter : parameters) {
      columns.add("first(" + identifier(parameter) + ") AS " + identifier(parameter));
      columns.add(
          "count(distinct(" + identifier(parameter) + ")) AS " + identifier("n_" + parameter));
    }
    String query =
        "SELECT "
            + String.join(", ", columns)
            + " FROM "
            + identifier(Schema.EMISSIONS)
            + " WHERE "
            + InfluxFilters.sites(sites)
            + " AND "
            + InfluxFilters.timeRange(month.start(), month.end())
            + " GROUP BY time(1d), "
            + identifier(Schema.TAG_SITE)
            + ", "
            + identifier(TAG_METHODOLOGY)
            + " fill(none)";
    return influx
        .query(query)
        .compose(
            results -> {
              Future<Void> mixedDays = Future.succeededFuture();
              for (ResultSeries series : ResultSeries.of(results, 0)) {
                for (int row = 0; row < series.rows().size(); row++) {
                  Instant day = Instant.ofEpochMilli(series.time(row));
                  if (mixesParameterSets(series, row, parameters)) {
                    ReportPeriod.Span span = clip(day, month);
                    String site = series.tag(Schema.TAG_SITE);
                    mixedDays = mixedDays.compose(v -> readMixedDay(site, span, parameters, days));
                  } else {
                    days.add(dayTotals(series, row, parameters));
                  }
                }
              }
              return mixedDays;
            });
  }

  private static boolean mixesParameterSets(ResultSeries series, int row, List<String> parameters) {
    for (String parameter : parameters) {
      Double distinct = series.doubleValue(row, "n_" + parameter);
      if (distinct != null && distinct > 1) {
        return true;
      }
    }
    return false;
  }

  private static DayTotals dayTotals(ResultSeries series, int row, List<String> parameters) {
    double[] figures = new double[FIGURES.size()];
    for (int i = 0; i < FIGURES.size(); i++) {
      Double value = series.doubleValue(row, FIGURES.get(i));
      figures[i] = value == null ? 0 : value;
    }
    SortedMap<String, String> set = new TreeMap<>();
    for (String parameter : parameters) {
      Object value = series.value(row, parameter);
      if (value != null) {
        set.put(parameter.substring(PARAMETER_PREFIX.length()), value.toString());
      }
    }
    Double count = series.doubleValue(row, COUNT);
    return new DayTotals(
        series.tag(Schema.TAG_SITE),
        Instant.ofEpochMilli(series.time(row)),
        series.tag(TAG_METHODOLOGY),
        set,
        figures,
        count == null ? 0 : count.longValue());
  }

  /** Reads one day's points of one site and sums them per methodology and parameter set. */
  private Future<Void> readMixedDay(
      String site, ReportPeriod.Span day, List<String> parameters, List<DayTotals> days) {
    List<String> fields = new ArrayList<>(FIGURES);
    fields.addAll(parameters);
    String query =
        "SELECT "
            + fields.stream().map(f -> identifier(f)).collect(Collectors.joining(", "))
            + " FROM "
            + identifier(Schema.EMISSIONS)
            + " WHERE "
            + InfluxFilters.tagEquals(Schema.TAG_SITE, site)
            + " AND "
            + InfluxFilters.timeRange(day.start(), day.end())
            + " GROUP BY "
            + identifier(TAG_METHODOLOGY);
    Instant dayStart = day.start().truncatedTo(ChronoUnit.DAYS);
    return influx
        .query(query)
        .map(
            results -> {
              for (ResultSeries series : ResultSeries.of(results, 0)) {
                Map<SortedMap<String, String>, double[]> sums = new LinkedHashMap<>();
                Map<SortedMap<String, String>, Long> counts = new LinkedHashMap<>();
                for (int row = 0; row < series.rows().size(); row++) {
                  SortedMap<String, String> set = new TreeMap<>();
                  for (String parameter : parameters) {
                    Object value = series.value(row, parameter);
                    if (value != null) {
                      set.put(parameter.substring(PARAMETER_PREFIX.length()), value.toString());
                    }
                  }
                  double[] sum = sums.computeIfAbsent(set, k -> new double[FIGURES.size()]);
                  for (int i = 0; i < FIGURES.size(); i++) {
                    Double value = series.doubleValue(row, FIGURES.get(i));
                    sum[i] += value == null ? 0 : value;
                  }
                  counts.merge(set, 1L, Long::sum);
                }
                sums.forEach(
                    (set, sum) ->
                        days.add(
                            new DayTotals(
                                site,
                                dayStart,
                                series.tag(TAG_METHODOLOGY),
                                set,
                                sum,
                                counts.get(set))));
              }
              return null;
            });
  }

  private static ReportPeriod.Span clip(Instant day, ReportPeriod.Span month) {
    Instant end = day.plus(1, ChronoUnit.DAYS);
    return new ReportPeriod.Span(
        day.isBefore(month.start()) ? month.start() : day,
        end.isAfter(month.end()) ? month.end() : end);
  }
}
