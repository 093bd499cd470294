package io.flarewatch.central.reports;

import static io.flarewatch.central.influx.InfluxQl.identifier;

import io.flarewatch.central.config.RollupsConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.central.query.InfluxFilters;
import io.flarewatch.central.reports.rollups.DaySums;
import io.flarewatch.emissions.SiteEmissionsParameters;
import io.flarewatch.wire.Schema;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Reads a range's emissions points as {@link Chunk}s: daily sums per site, methodology and
 * parameter set, a calendar month at a time ({@link MonthDays}: a whole day's valid rollup, else
 * InfluxDB's {@code SUM(...) GROUP BY time(1d), site, methodology, parameter_set} of its raw
 * points). A day where the set changes (it holds more than one set, or another set than the site's
 * previous day with data) or whose points lack the {@code parameter_set} tag is read point by point
 * and split into runs of consecutive points of one set, so a change is known to the point; an
 * untagged point's set is identified from its {@code param_*} fields.
 */
final class EmissionsChunks {

  /**
   * What was read: the chunks in site and time order, the parameters of untagged sets, and how many
   * site-days came from daily rollups and how many from raw points.
   */
  record Read(
      List<Chunk> chunks,
      Map<String, SortedMap<String, String>> untaggedSets,
      int rollupDays,
      int rawDays) {

    static Read empty() {
      return new Read(List.of(), Map.of(), 0, 0);
    }
  }

  private final InfluxClient influx;
  private final MonthDays monthDays;

  EmissionsChunks(InfluxClient influx, RollupsConfig rollups) {
    this.influx = influx;
    this.monthDays = new MonthDays(influx, rollups);
  }

  Future<Read> read(List<String> sites, Instant from, Instant to) {
    List<Chunk> days = new ArrayList<>();
    MonthDays.Tally tally = new MonthDays.Tally();
    Future<Void> chain = Future.succeededFuture();
    for (ReportPeriod.Span month : ReportPeriod.MONTH.spans(from, to)) {
      chain = chain.compose(v -> monthDays.read(sites, month, days, tally));
    }
    Map<String, SortedMap<String, String>> untagged = new LinkedHashMap<>();
    return chain
        .compose(v -> splitChanges(days, from, to, untagged, tally))
        .map(c -> new Read(c, untagged, tally.rollupDays(), tally.rawDays()));
  }

  /** A row of {@link DaySums}' columns (raw sums or a rollup) as a whole-day chunk. */
  static Chunk dayChunk(ResultSeries series, int row) {
    double[] sums = new double[Chunk.FIGURES.size()];
    for (int i = 0; i < sums.length; i++) {
      sums[i] = orZero(series.doubleValue(row, Chunk.FIGURES.get(i)));
    }
    return new Chunk(
        series.tag(Schema.TAG_SITE),
        Instant.ofEpochMilli(series.time(row)),
        null,
        null,
        Double.NaN,
        series.tag(Schema.TAG_METHODOLOGY),
        series.tag(Schema.TAG_PARAMETER_SET),
        sums,
        (long) orZero(series.doubleValue(row, DaySums.INTERVALS)),
        orZero(series.doubleValue(row, DaySums.SPAN)),
        (long) orZero(series.doubleValue(row, DaySums.SPANNED)),
        (long) orZero(series.doubleValue(row, DaySums.OUTAGES)),
        orNaN(series.doubleValue(row, DaySums.RESOLUTION)));
  }

  /** Replaces the days where a set changes with runs read point by point. */
  private Future<List<Chunk>> splitChanges(
      List<Chunk> days,
      Instant from,
      Instant to,
      Map<String, SortedMap<String, String>> untagged,
      MonthDays.Tally tally) {
    days.sort(Comparator.comparing(Chunk::site).thenComparing(Chunk::day));
    Map<String, List<Chunk>> byDay = new LinkedHashMap<>();
    for (Chunk day : days) {
      byDay.computeIfAbsent(day.site() + "|" + day.day(), k -> new ArrayList<>()).add(day);
    }
    List<Chunk> result = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    Map<String, Chunk> previousDay = new HashMap<>();
    for (List<Chunk> sameDay : byDay.values()) {
      Chunk first = sameDay.get(0);
      Chunk previous = previousDay.put(first.site(), first);
      boolean changes =
          sameDay.size() > 1
              || first.parameterSet().isEmpty()
              || (previous != null && !previous.sameSet(first));
      if (!changes) {
        chain = chain.map(v -> add(result, first));
        continue;
      }
      Instant start = first.day().isBefore(from) ? from : first.day();
      Instant dayEnd = first.day().plus(1, ChronoUnit.DAYS);
      Instant end = dayEnd.isAfter(to) ? to : dayEnd;
      boolean rolledUp = tally.readPointByPoint(first.site(), first.day());
      chain =
          chain
              .compose(v -> readRuns(first.site(), first.day(), start, end, result, untagged))
              .map(
                  found -> {
                    if (!found && rolledUp) {
                      // the raw points are gone (retention): the rollup's sums per set stand,
                      // split at the day's start rather than at the point where the set changed
                      tally.keptRollup(first.site(), first.day());
                      result.addAll(sameDay);
                    }
                    return null;
                  });
      if (sameDay.size() > 1) {
        // which set this day ended with is known only after the read: the next day with data is
        // read point by point too
        previousDay.put(first.site(), unknownSet(first));
      }
    }
    return chain.map(v -> result);
  }

  private static Chunk unknownSet(Chunk day) {
    return new Chunk(
        day.site(),
        day.day(),
        null,
        null,
        Double.NaN,
        "",
        "?",
        new double[0],
        0,
        0,
        0,
        0,
        Double.NaN);
  }

  private static Void add(List<Chunk> result, Chunk chunk) {
    result.add(chunk);
    return null;
  }

  /** Reads the day's runs into {@code result}; whether it found any point. */
  private Future<Boolean> readRuns(
      String site,
      Instant day,
      Instant start,
      Instant end,
      List<Chunk> result,
      Map<String, SortedMap<String, String>> untagged) {
    String query =
        "SELECT * FROM "
            + identifier(Schema.EMISSIONS)
            + " WHERE "
            + InfluxFilters.tagEquals(Schema.TAG_SITE, site)
            + " AND "
            + InfluxFilters.timeRange(start, end);
    return influx
        .query(query)
        .map(
            results -> {
              Chunk run = null;
              for (ResultSeries series : ResultSeries.of(results, 0)) {
                for (int row = 0; row < series.rows().size(); row++) {
                  Chunk point = point(site, day, series, row, untagged);
                  if (run != null && run.sameSet(point)) {
                    run = merge(run, point);
                  } else {
                    if (run != null) {
                      result.add(run);
                    }
                    run = point;
                  }
                }
              }
              if (run != null) {
                result.add(run);
              }
              return run != null;
            });
  }

  private static Chunk point(
      String site,
      Instant day,
      ResultSeries series,
      int row,
      Map<String, SortedMap<String, String>> untagged) {
    Object tagged = series.value(row, Schema.TAG_PARAMETER_SET);
    String set = tagged == null ? "" : tagged.toString();
    if (set.isEmpty()) {
      SortedMap<String, String> parameters = series.prefixed(row, Schema.PARAMETER_PREFIX);
      set = SiteEmissionsParameters.idOf(parameters);
      untagged.putIfAbsent(set, parameters);
    }
    double[] sums = new double[Chunk.FIGURES.size()];
    for (int i = 0; i < sums.length; i++) {
      sums[i] = orZero(series.doubleValue(row, Chunk.FIGURES.get(i)));
    }
    Double span = series.doubleValue(row, Schema.FIELD_INTERVAL_SECONDS);
    Object methodology = series.value(row, Schema.TAG_METHODOLOGY);
    Instant time = Instant.ofEpochMilli(series.time(row));
    return new Chunk(
        site,
        day,
        time,
        time,
        span == null ? Double.NaN : span,
        methodology == null ? "" : methodology.toString(),
        set,
        sums,
        series.value(row, "avoided_tco2e") == null ? 0 : 1,
        span == null ? 0 : span,
        span == null ? 0 : 1,
        (long) orZero(series.doubleValue(row, Schema.FIELD_SPANS_OUTAGE)),
        orNaN(series.doubleValue(row, Schema.FIELD_VOLUME_RESOLUTION_CF)));
  }

  /** The two chunks as one: {@code a} first. */
  static Chunk merge(Chunk a, Chunk b) {
    double[] sums = a.sums().clone();
    for (int i = 0; i < sums.length; i++) {
      sums[i] += b.sums()[i];
    }
    return new Chunk(
        a.site(),
        a.day(),
        a.firstPoint(),
        b.lastPoint() == null ? a.lastPoint() : b.lastPoint(),
        a.firstSpanSeconds(),
        a.methodology(),
        a.parameterSet(),
        sums,
        a.intervals() + b.intervals(),
        a.spanSeconds() + b.spanSeconds(),
        a.spanned() + b.spanned(),
        a.outages() + b.outages(),
        finer(a.resolution(), b.resolution()));
  }

  /** The finer of two totalizer steps, either of which may be unknown (NaN). */
  static double finer(double a, double b) {
    if (Double.isNaN(a)) {
      return b;
    }
    return Double.isNaN(b) ? a : Math.min(a, b);
  }

  private static double orZero(Double value) {
    return value == null ? 0 : value;
  }

  private static double orNaN(Double value) {
    return value == null ? Double.NaN : value;
  }
}
