package io.flarewatch.central.emissions;

import static io.flarewatch.central.influx.InfluxQl.identifier;

import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.http.ApiException;
import io.flarewatch.central.http.QueryParameters;
import io.flarewatch.central.http.SitePath;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.central.query.InfluxFilters;
import io.flarewatch.emissions.EmissionsCalculator;
import io.flarewatch.emissions.EmissionsResult;
import io.flarewatch.emissions.Methodology;
import io.flarewatch.emissions.SiteEmissionsParameters;
import io.flarewatch.wire.Schema;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code GET /api/v1/sites/{site}/emissions/check?from=&to=}: recomputes every interval of the
 * period from the raw genset fuel volume with the same methodology module and the parameter set
 * stored on that interval (checked to hash to the set's id), and reports where the edge's stored
 * figures differ by more than 0.1 %. A change of parameters therefore gives no false mismatches;
 * whether a set is the one central's configuration holds now is reported beside it.
 */
public final class EmissionsCheckHandler implements Function<RoutingContext, Future<JsonObject>> {

  /** Relative difference beyond which edge and central figures disagree. */
  public static final double TOLERANCE = 0.001;

  private static final Duration MAX_PERIOD = Duration.ofDays(366);
  private static final List<String> COMPARED =
      List.of(
          Schema.FIELD_GAS_VOLUME_SCF,
          Schema.FIELD_BASELINE_TCO2E,
          Schema.FIELD_PROJECT_TCO2E,
          Schema.FIELD_AVOIDED_TCO2E);

  private final InfluxClient influx;

  public EmissionsCheckHandler(InfluxClient influx) {
    this.influx = influx;
  }

  @Override
  public Future<JsonObject> apply(RoutingContext ctx) {
    SiteConfig site = SitePath.site(ctx);
    String siteId = site.id();
    QueryParameters query = QueryParameters.of(ctx, Set.of("from", "to"));
    Instant from = query.instant("from");
    Instant to = query.instant("to");
    if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
      throw ApiException.badRequest(
          "invalid-period", "'from' must be before 'to', at most 366 days apart.");
    }
    SiteEmissionsParameters configured = site.emissionsParameters().orElse(null);
    String where =
        " WHERE "
            + InfluxFilters.tagEquals(Schema.TAG_SITE, siteId)
            + " AND "
            + InfluxFilters.timeRange(from, to);
    String influxql =
        "SELECT "
            + identifier(Schema.FIELD_INTERVAL_VOLUME_SCF)
            + " FROM "
            + identifier(Schema.GAS_METER)
            + where
            + " AND "
            + InfluxFilters.tagEquals(Schema.TAG_ROLE, "genset_fuel_meter")
            + " AND "
            + identifier(Schema.FIELD_INTERVAL_VOLUME_SCF)
            + " >= 0; SELECT "
            + String.join(", ", COMPARED.stream().map(f -> identifier(f)).toList())
            + " FROM "
            + identifier(Schema.EMISSIONS)
            + where
            + " GROUP BY "
            + identifier(Schema.TAG_PARAMETER_SET);
    return influx
        .query(influxql)
        .compose(
            results ->
                storedSets(where, results)
                    .map(sets -> compare(siteId, from, to, configured, results, sets)));
  }

  /**
   * The parameters stored with the points of each set the check found, by set id: one point of each
   * tagged set, every point of untagged ones (their set is identified from the parameters).
   */
  private Future<Map<String, StoredSet>> storedSets(String where, JsonArray results) {
    List<String> ids = new ArrayList<>();
    for (ResultSeries series : ResultSeries.of(results, 1)) {
      ids.add(series.tag(Schema.TAG_PARAMETER_SET));
    }
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    List<String> statements = new ArrayList<>();
    for (String id : ids) {
      statements.add(
          "SELECT * FROM "
              + identifier(Schema.EMISSIONS)
              + where
              + " AND "
              + InfluxFilters.tagEquals(Schema.TAG_PARAMETER_SET, id)
              + (id.isEmpty() ? "" : " LIMIT 1"));
    }
    return influx
        .query(String.join("; ", statements))
        .map(
            stored -> {
              Map<String, StoredSet> sets = new HashMap<>();
              for (int i = 0; i < ids.size(); i++) {
                for (ResultSeries series : ResultSeries.of(stored, i)) {
                  for (int row = 0; row < series.rows().size(); row++) {
                    StoredSet set =
                        StoredSet.of(ids.get(i), series.prefixed(row, Schema.PARAMETER_PREFIX));
                    sets.putIfAbsent(
                        ids.get(i).isEmpty() ? untagged(series.time(row)) : ids.get(i), set);
                  }
                }
              }
              return sets;
            });
  }

  private static String untagged(long time) {
    return "@" + time;
  }

  private static JsonObject compare(
      String siteId,
      Instant from,
      Instant to,
      SiteEmissionsParameters configured,
      JsonArray results,
      Map<String, StoredSet> sets) {
    Map<Long, Double> volumes = new HashMap<>();
    for (JsonArray row : ResultSeries.allRows(results, 0)) {
      volumes.put(row.getLong(0), row.getDouble(1));
    }
    Map<Long, JsonArray> edgeRows = new HashMap<>();
    Map<Long, StoredSet> edgeSets = new HashMap<>();
    for (ResultSeries series : ResultSeries.of(results, 1)) {
      String id = series.tag(Schema.TAG_PARAMETER_SET);
      for (JsonArray row : series.rows()) {
        edgeRows.put(row.getLong(0), row);
        edgeSets.put(row.getLong(0), sets.get(id.isEmpty() ? untagged(row.getLong(0)) : id));
      }
    }
    double[] edgeTotals = new double[COMPARED.size()];
    double[] centralTotals = new double[COMPARED.size()];
    JsonArray mismatches = new JsonArray();
    Map<String, Integer> intervalsBySet = new TreeMap<>();
    int missingAtEdge = 0;
    int unusableParameters = 0;
    for (Map.Entry<Long, Double> interval : volumes.entrySet()) {
      JsonArray edge = edgeRows.remove(interval.getKey());
      if (edge == null) {
        missingAtEdge++;
        continue;
      }
      StoredSet set = edgeSets.get(interval.getKey());
      if (set == null || set.parameters() == null) {
        unusableParameters++;
        continue;
      }
      intervalsBySet.merge(set.id(), 1, Integer::sum);
      EmissionsResult recomputed =
          EmissionsCalculator.compute(interval.getValue(), set.parameters());
      for (int i = 0; i < COMPARED.size(); i++) {
        Double edgeValue = edge.getDouble(i + 1);
        double centralValue = recomputed.figures().get(COMPARED.get(i));
        edgeTotals[i] += edgeValue == null ? 0 : edgeValue;
        centralTotals[i] += centralValue;
        if (edgeValue == null || differs(edgeValue, centralValue)) {
          mismatches.add(
              new JsonObject()
                  .put("time", Instant.ofEpochMilli(interval.getKey()).toString())
                  .put("figure", COMPARED.get(i))
                  .put("parameterSet", set.id())
                  .put("edge", edgeValue)
                  .put("central", centralValue));
        }
      }
    }
    JsonObject edgeJson = new JsonObject();
    JsonObject centralJson = new JsonObject();
    boolean totalsAgree = true;
    for (int i = 0; i < COMPARED.size(); i++) {
      edgeJson.put(COMPARED.get(i), edgeTotals[i]);
      centralJson.put(COMPARED.get(i), centralTotals[i]);
      totalsAgree &= !differs(edgeTotals[i], centralTotals[i]);
    }
    String configuredId = configured == null ? null : configured.id();
    JsonArray setsJson = new JsonArray();
    Map<String, StoredSet> byId = new TreeMap<>();
    sets.values().forEach(set -> byId.putIfAbsent(set.id(), set));
    byId.forEach(
        (id, set) ->
            setsJson.add(
                new JsonObject()
                    .put("id", id)
                    .put("intervals", intervalsBySet.getOrDefault(id, 0))
                    .put("usable", set.parameters() != null)
                    .put("problem", set.problem())
                    .put("sameAsConfigured", id.equals(configuredId))));
    int missingVolume = edgeRows.size();
    return new JsonObject()
        .put("site", siteId)
        .put("from", from.toString())
        .put("to", to.toString())
        .put("methodology", Methodology.ID)
        .put("recomputedWith", "the parameter set stored on each interval")
        .put("parameterSets", setsJson)
        .put("configuredParameterSet", configuredId)
        .put(
            "parameters",
            configured == null
                ? null
                : new JsonObject(new LinkedHashMap<String, Object>(configured.describe())))
        .put("tolerance", TOLERANCE)
        .put("intervals", volumes.size())
        .put("intervalsWithoutEdgeFigures", missingAtEdge)
        .put("intervalsWithoutUsableParameters", unusableParameters)
        .put("edgeFiguresWithoutVolume", missingVolume)
        .put("edge", edgeJson)
        .put("central", centralJson)
        .put("mismatches", mismatches)
        .put(
            "agree",
            totalsAgree
                && mismatches.isEmpty()
                && missingAtEdge == 0
                && missingVolume == 0
                && unusableParameters == 0);
  }

  private static boolean differs(double edge, double central) {
    double scale = Math.max(Math.abs(edge), Math.abs(central));
    return scale > 0 && Math.abs(edge - central) > TOLERANCE * scale;
  }
}
