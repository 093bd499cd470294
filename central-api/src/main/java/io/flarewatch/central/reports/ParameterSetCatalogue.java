package io.flarewatch.central.reports;

import static io.flarewatch.central.influx.InfluxQl.identifier;

import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.central.query.InfluxFilters;
import io.flarewatch.emissions.InvalidEmissionsParametersException;
import io.flarewatch.emissions.SiteEmissionsParameters;
import io.flarewatch.wire.Schema;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.time.Instant;
import java.util.ArrayList;
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

  ParameterSetCatalogue(InfluxClient influx) {
    this.influx = influx;
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
    String bySet =
        " GROUP BY " + identifier(Schema.TAG_SITE) + ", " + identifier(Schema.TAG_PARAMETER_SET);
    List<String> statements = new ArrayList<>();
    statements.add("SELECT first(" + identifier("avoided_tco2e") + ")" + where + bySet);
    statements.add("SELECT last(" + identifier("avoided_tco2e") + ")" + where + bySet);
    for (String id : tagged) {
      statements.add(
          "SELECT *"
              + where
              + " AND "
              + InfluxFilters.tagEquals(Schema.TAG_PARAMETER_SET, id)
              + " LIMIT 1");
    }
    return influx
        .query(String.join("; ", statements))
        .map(results -> entries(results, tagged, stored, data.chunks()));
  }

  private static Map<String, Entry> entries(
      JsonArray results,
      List<String> tagged,
      Map<String, SortedMap<String, String>> stored,
      List<Chunk> chunks) {
    for (int i = 0; i < tagged.size(); i++) {
      SortedMap<String, String> parameters = new TreeMap<>();
      for (ResultSeries series : ResultSeries.of(results, 2 + i)) {
        if (!series.rows().isEmpty()) {
          parameters.putAll(series.prefixed(0, Schema.PARAMETER_PREFIX));
        }
      }
      stored.put(tagged.get(i), parameters);
    }
    Map<String, List<Period>> periods = new TreeMap<>();
    List<ResultSeries> firsts = ResultSeries.of(results, 0);
    List<ResultSeries> lasts = ResultSeries.of(results, 1);
    for (ResultSeries first : firsts) {
      String set = first.tag(Schema.TAG_PARAMETER_SET);
      String site = first.tag(Schema.TAG_SITE);
      for (ResultSeries last : lasts) {
        if (!set.isEmpty()
            && last.tag(Schema.TAG_PARAMETER_SET).equals(set)
            && last.tag(Schema.TAG_SITE).equals(site)) {
          periods
              .computeIfAbsent(set, s -> new ArrayList<>())
              .add(
                  new Period(
                      site,
                      Instant.ofEpochMilli(first.time(0)),
                      Instant.ofEpochMilli(last.time(0))));
        }
      }
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
