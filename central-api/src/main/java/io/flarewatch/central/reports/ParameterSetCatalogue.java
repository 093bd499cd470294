package io.flarewatch.central.reports;

import static io.flarewatch.central.influx.InfluxQl.identifier;

import io.flarewatch.central.config.RollupsConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.InfluxRejectedException;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.central.query.InfluxFilters;
import io.flarewatch.central.reports.rollups.DaySums;
import io.flarewatch.emissions.InvalidEmissionsParametersException;
import io.flarewatch.emissions.SiteEmissionsParameters;
import io.flarewatch.wire.Schema;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The parameter sets a report uses: their stored parameters (read from one point each, checked to
 * hash to the set's id and rebuilt into parameters central can compute with) and, per site, the
 * first and last interval computed with each within the range.
 */
final class ParameterSetCatalogue {

  /**
   * One parameter set.
   *
   * @param id content id
   * @param parameters the stored {@code param_*} values
   * @param rebuilt the parameters to compute with; null when they cannot be rebuilt
   * @param problem why not, or null
   * @param periods per site: first and last interval computed with the set, in the range
   */
  record Entry(
      String id,
      SortedMap<String, String> parameters,
      SiteEmissionsParameters rebuilt,
      String problem,
      List<Period> periods) {}

  /** The first and last interval (point times) of a set at a site. */
  record Period(String site, Instant first, Instant last) {}

  private final InfluxClient influx;
  private final RollupsConfig rollups;

  ParameterSetCatalogue(InfluxClient influx, RollupsConfig rollups) {
    this.influx = influx;
    this.rollups = rollups;
  }

  /** Entries of every set of the chunks, by id in id order. */
  Future<Map<String, Entry>> read(
      List<String> sites, Instant from, Instant to, EmissionsChunks.Read data) {
    Map<String, SortedMap<String, String>> stored = new TreeMap<>(data.untaggedSets());
    List<String> tagged = new ArrayList<>();
    for (Chunk chunk : data.chunks()) {
      if (!stored.containsKey(chunk.parameterSet()) && !tagged.contains(chunk.parameterSet())) {
        tagged.add(chunk.parameterSet());
      }
    }
    if (data.chunks().isEmpty()) {
      return Future.succeededFuture(new TreeMap<>());
    }
    String where =
        " FROM "
            + identifier(Schema.EMISSIONS)
            + " WHERE "
            + InfluxFilters.sites(sites)
            + " AND "
            + InfluxFilters.timeRange(from, to);
    List<String> statements = new ArrayList<>();
    for (String id : tagged) {
      statements.add(
          "SELECT *"
              + where
              + " AND "
              + InfluxFilters.tagEquals(Schema.TAG_PARAMETER_SET, id)
              + " LIMIT 1");
    }
    return periods(data.chunks(), from, to)
        .compose(
            periods ->
                influx
                    .queryEach(statements, STATEMENTS_PER_QUERY)
                    .compose(results -> keptBesideRollups(results, tagged))
                    .map(results -> entries(results, tagged, stored, periods, data.chunks())));
  }

  /**
   * The answer with, for each tagged set no raw point in range describes (they expired), the {@code
   * param_*} fields kept beside the daily rollups ({@link Schema#EMISSIONS_PARAMETER_SET}) in its
   * place.
   */
  private Future<JsonArray> keptBesideRollups(JsonArray results, List<String> tagged) {
    List<Integer> missing = new ArrayList<>();
    List<String> statements = new ArrayList<>();
    for (int i = 0; i < tagged.size(); i++) {
      if (ResultSeries.of(results, i).stream().allMatch(series -> series.rows().isEmpty())) {
        missing.add(i);
        statements.add(
            "SELECT * FROM "
                + DaySums.in(rollups.retentionPolicy(), Schema.EMISSIONS_PARAMETER_SET)
                + " WHERE "
                + InfluxFilters.tagEquals(Schema.TAG_PARAMETER_SET, tagged.get(i))
                + " LIMIT 1");
      }
    }
    if (statements.isEmpty()) {
      return Future.succeededFuture(results);
    }
    return influx
        .queryEach(statements, STATEMENTS_PER_QUERY)
        .map(
            kept -> {
              JsonArray merged = results.copy();
              for (int k = 0; k < missing.size(); k++) {
                merged.set(missing.get(k), kept.getJsonObject(k));
              }
              return merged;
            })
        .recover(
            e ->
                e instanceof InfluxRejectedException
                    ? Future.succeededFuture(results)
                    : Future.failedFuture(e));
  }

  /**
   * Per tagged set, per site: its first and last interval in [from, to). The first lies in the
   * first day the chunks hold the set on, the last in the last such day, so InfluxDB reads those
   * two days of the site, not the range; a set not found there (no point with the tag and a figure
   * on that day) is read over the whole range.
   */
  private Future<Map<String, List<Period>>> periods(List<Chunk> chunks, Instant from, Instant to) {
    Map<String, Instant[]> days = new LinkedHashMap<>();
    for (Chunk chunk : chunks) {
      if (!chunk.parameterSet().isEmpty()) {
        days.merge(
            chunk.site() + "|" + chunk.parameterSet(),
            new Instant[] {chunk.day(), chunk.day()},
            (a, b) ->
                new Instant[] {
                  a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]
                });
      }
    }
    List<String> statements = new ArrayList<>();
    days.forEach(
        (key, firstAndLast) -> {
          String site = key.substring(0, key.indexOf('|'));
          String set = key.substring(key.indexOf('|') + 1);
          statements.add(bound("first", site, set, within(firstAndLast[0], from, to)));
          statements.add(bound("last", site, set, within(firstAndLast[1], from, to)));
        });
    Map<String, List<Period>> periods = new TreeMap<>();
    return influx
        .queryEach(statements, STATEMENTS_PER_QUERY)
        .compose(
            results -> {
              List<String> wholeRange = new ArrayList<>();
              List<String> wholeRangeKeys = new ArrayList<>();
              List<String> keys = new ArrayList<>(days.keySet());
              for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                Long first = time(results, 2 * i);
                Long last = time(results, 2 * i + 1);
                if (first == null || last == null) {
                  String site = key.substring(0, key.indexOf('|'));
                  String set = key.substring(key.indexOf('|') + 1);
                  ReportPeriod.Span range = new ReportPeriod.Span(from, to);
                  wholeRange.add(bound("first", site, set, range));
                  wholeRange.add(bound("last", site, set, range));
                  wholeRangeKeys.add(key);
                } else {
                  add(periods, key, first, last);
                }
              }
              return influx
                  .queryEach(wholeRange, STATEMENTS_PER_QUERY)
                  .map(
                      more -> {
                        for (int i = 0; i < wholeRange.size(); i += 2) {
                          Long first = time(more, i);
                          Long last = time(more, i + 1);
                          if (first != null && last != null) {
                            add(periods, wholeRangeKeys.get(i / 2), first, last);
                          }
                        }
                        return periods;
                      });
            });
  }

  private static final int STATEMENTS_PER_QUERY = 20;

  private static ReportPeriod.Span within(Instant day, Instant from, Instant to) {
    Instant end = day.plus(1, java.time.temporal.ChronoUnit.DAYS);
    return new ReportPeriod.Span(day.isBefore(from) ? from : day, end.isAfter(to) ? to : end);
  }

  /** {@code first} or {@code last} interval of a tagged set at a site in a span. */
  private static String bound(String selector, String site, String set, ReportPeriod.Span span) {
    return "SELECT "
        + selector
        + "("
        + identifier("avoided_tco2e")
        + ") FROM "
        + identifier(Schema.EMISSIONS)
        + " WHERE "
        + InfluxFilters.tagEquals(Schema.TAG_SITE, site)
        + " AND "
        + InfluxFilters.tagEquals(Schema.TAG_PARAMETER_SET, set)
        + " AND "
        + InfluxFilters.timeRange(span.start(), span.end());
  }

  private static Long time(JsonArray results, int statement) {
    for (ResultSeries series : ResultSeries.of(results, statement)) {
      if (!series.rows().isEmpty()) {
        return series.time(0);
      }
    }
    return null;
  }

  private static void add(Map<String, List<Period>> periods, String key, long first, long last) {
    periods
        .computeIfAbsent(key.substring(key.indexOf('|') + 1), s -> new ArrayList<>())
        .add(
            new Period(
                key.substring(0, key.indexOf('|')),
                Instant.ofEpochMilli(first),
                Instant.ofEpochMilli(last)));
  }

  private static Map<String, Entry> entries(
      JsonArray results,
      List<String> tagged,
      Map<String, SortedMap<String, String>> stored,
      Map<String, List<Period>> periods,
      List<Chunk> chunks) {
    for (int i = 0; i < tagged.size(); i++) {
      SortedMap<String, String> parameters = new TreeMap<>();
      for (ResultSeries series : ResultSeries.of(results, i)) {
        if (!series.rows().isEmpty()) {
          parameters.putAll(series.prefixed(0, Schema.PARAMETER_PREFIX));
        }
      }
      stored.put(tagged.get(i), parameters);
    }
    untaggedPeriods(chunks, stored, periods);
    Map<String, Entry> entries = new TreeMap<>();
    stored.forEach(
        (id, parameters) -> {
          SiteEmissionsParameters rebuilt = null;
          String problem = null;
          if (parameters.isEmpty()) {
            problem = "no param_* fields are stored with its points";
          } else if (!SiteEmissionsParameters.idOf(parameters).equals(id)) {
            problem =
                "its stored parameters hash to "
                    + SiteEmissionsParameters.idOf(parameters)
                    + ", not to its id";
          } else {
            try {
              rebuilt = SiteEmissionsParameters.fromDescription(parameters);
            } catch (InvalidEmissionsParametersException e) {
              problem = "its stored parameters cannot be used: " + e.getMessage();
            }
          }
          entries.put(
              id, new Entry(id, parameters, rebuilt, problem, periods.getOrDefault(id, List.of())));
        });
    return entries;
  }

  /** Sets identified from untagged points: their periods come from the runs read point by point. */
  private static void untaggedPeriods(
      List<Chunk> chunks,
      Map<String, SortedMap<String, String>> stored,
      Map<String, List<Period>> periods) {
    java.util.Set<String> tagged = new java.util.HashSet<>();
    periods.forEach((set, list) -> list.forEach(p -> tagged.add(set + "|" + p.site())));
    Map<String, Period> bySiteAndSet = new TreeMap<>();
    for (Chunk chunk : chunks) {
      if (chunk.firstPoint() == null
          || tagged.contains(chunk.parameterSet() + "|" + chunk.site())) {
        continue;
      }
      bySiteAndSet.merge(
          chunk.parameterSet() + "|" + chunk.site(),
          new Period(chunk.site(), chunk.firstPoint(), chunk.lastPoint()),
          (a, b) ->
              new Period(
                  a.site(),
                  a.first().isBefore(b.first()) ? a.first() : b.first(),
                  a.last().isAfter(b.last()) ? a.last() : b.last()));
    }
    bySiteAndSet.forEach(
        (key, period) -> {
          String set = key.substring(0, key.indexOf('|'));
          if (stored.containsKey(set)) {
            periods.computeIfAbsent(set, s -> new ArrayList<>()).add(period);
          }
        });
    periods.values().forEach(list -> list.sort(java.util.Comparator.comparing(Period::site)));
  }
}
