package io.flarewatch.central.emissions;

import static io.flarewatch.central.influx.InfluxQl.stringLiteral;

import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.http.ApiException;
import io.flarewatch.central.http.JsonReply;
import io.flarewatch.central.http.QueryParameters;
import io.flarewatch.central.http.SitePath;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.emissions.EmissionsCalculator;
import io.flarewatch.emissions.EmissionsResult;
import io.flarewatch.emissions.Methodology;
import io.flarewatch.emissions.SiteEmissionsParameters;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/sites/{site}/emissions/check?from=&to=}: recomputes the site's emissions for
 * the period from the raw genset fuel volumes with the same methodology module and central's copy
 * of the site's parameters, and reports where the edge's stored figures differ by more than 0.1 %.
 */
public final class EmissionsCheckHandler implements Handler<RoutingContext> {

  /** Relative difference beyond which edge and central figures disagree. */
  public static final double TOLERANCE = 0.001;

  private static final Duration MAX_PERIOD = Duration.ofDays(366);
  private static final List<String> COMPARED =
      List.of("gas_volume_scf", "baseline_tco2e", "project_tco2e", "avoided_tco2e");

  private final CentralConfig config;
  private final InfluxClient influx;

  public EmissionsCheckHandler(CentralConfig config, InfluxClient influx) {
    this.config = config;
    this.influx = influx;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String siteId = ctx.pathParam("site");
    SiteConfig site = SitePath.known(config, siteId);
    QueryParameters query = QueryParameters.of(ctx, Set.of("from", "to"));
    Instant from = query.instant("from");
    Instant to = query.instant("to");
    if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
      throw ApiException.badRequest(
          "invalid-period", "'from' must be before 'to', at most 366 days apart.");
    }
    SiteEmissionsParameters parameters =
        site.emissionsParameters()
            .orElseThrow(
                () ->
                    new ApiException(
                        409,
                        "no-emissions-parameters",
                        "No emissions parameters",
                        "Central has no emissions parameters for site '" + siteId + "'."));
    String where =
        " WHERE \"site\" = "
            + stringLiteral(siteId)
            + " AND time >= "
            + from.toEpochMilli()
            + "ms AND time < "
            + to.toEpochMilli()
            + "ms";
    String influxql =
        "SELECT \"interval_volume_scf\" FROM \"gas_meter\""
            + where
            + " AND \"role\" = 'genset_fuel_meter' AND \"interval_volume_scf\" >= 0"
            + "; SELECT "
            + String.join(", ", COMPARED.stream().map(f -> "\"" + f + "\"").toList())
            + " FROM \"emissions\""
            + where;
    influx
        .query(influxql)
        .map(results -> compare(siteId, from, to, parameters, results))
        .onComplete(JsonReply.to(ctx));
  }

  private static JsonObject compare(
      String siteId,
      Instant from,
      Instant to,
      SiteEmissionsParameters parameters,
      JsonArray results) {
    Map<Long, Double> volumes = new HashMap<>();
    for (JsonArray row : ResultSeries.allRows(results, 0)) {
      volumes.put(row.getLong(0), row.getDouble(1));
    }
    Map<Long, JsonArray> edgeRows = new HashMap<>();
    for (JsonArray row : ResultSeries.allRows(results, 1)) {
      edgeRows.put(row.getLong(0), row);
    }
    double[] edgeTotals = new double[COMPARED.size()];
    List<EmissionsResult> central = new ArrayList<>();
    JsonArray mismatches = new JsonArray();
    int missingAtEdge = 0;
    for (Map.Entry<Long, Double> interval : volumes.entrySet()) {
      EmissionsResult recomputed = EmissionsCalculator.compute(interval.getValue(), parameters);
      central.add(recomputed);
      JsonArray edge = edgeRows.remove(interval.getKey());
      if (edge == null) {
        missingAtEdge++;
        continue;
      }
      for (int i = 0; i < COMPARED.size(); i++) {
        Double edgeValue = edge.getDouble(i + 1);
        double centralValue = recomputed.figures().get(COMPARED.get(i));
        edgeTotals[i] += edgeValue == null ? 0 : edgeValue;
        if (edgeValue == null || differs(edgeValue, centralValue)) {
          mismatches.add(
              new JsonObject()
                  .put("time", Instant.ofEpochMilli(interval.getKey()).toString())
                  .put("figure", COMPARED.get(i))
                  .put("edge", edgeValue)
                  .put("central", centralValue));
        }
      }
    }
    JsonObject edgeJson = new JsonObject();
    JsonObject centralJson = new JsonObject();
    boolean totalsAgree = true;
    EmissionsResult centralTotal = central.isEmpty() ? null : EmissionsResult.sum(central);
    for (int i = 0; i < COMPARED.size(); i++) {
      String figure = COMPARED.get(i);
      double centralValue = centralTotal == null ? 0 : centralTotal.figures().get(figure);
      edgeJson.put(figure, edgeTotals[i]);
      centralJson.put(figure, centralValue);
      totalsAgree &= !differs(edgeTotals[i], centralValue);
    }
    int missingVolume = edgeRows.size();
    return new JsonObject()
        .put("site", siteId)
        .put("from", from.toString())
        .put("to", to.toString())
        .put("methodology", Methodology.ID)
        .put(
            "parameters",
            new JsonObject(new java.util.LinkedHashMap<String, Object>(parameters.describe())))
        .put("tolerance", TOLERANCE)
        .put("intervals", volumes.size())
        .put("intervalsWithoutEdgeFigures", missingAtEdge)
        .put("edgeFiguresWithoutVolume", missingVolume)
        .put("edge", edgeJson)
        .put("central", centralJson)
        .put("mismatches", mismatches)
        .put(
            "agree",
            totalsAgree && mismatches.isEmpty() && missingAtEdge == 0 && missingVolume == 0);
  }

  private static boolean differs(double edge, double central) {
    double scale = Math.max(Math.abs(edge), Math.abs(central));
    return scale > 0 && Math.abs(edge - central) > TOLERANCE * scale;
  }
}
