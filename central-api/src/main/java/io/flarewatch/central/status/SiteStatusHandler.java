package io.flarewatch.central.status;

import static io.flarewatch.central.influx.InfluxQl.identifier;

import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.http.JsonReply;
import io.flarewatch.central.http.QueryParameters;
import io.flarewatch.central.http.SitePath;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.central.query.InfluxFilters;
import io.flarewatch.central.query.LatestSiteSummary;
import io.flarewatch.wire.Schema;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Set;

/**
 * {@code GET /api/v1/sites/{site}/status}: the latest generator output, total hashrate and miners
 * online, read back from InfluxDB.
 */
public final class SiteStatusHandler implements Handler<RoutingContext> {

  private final CentralConfig config;
  private final InfluxClient influx;

  public SiteStatusHandler(CentralConfig config, InfluxClient influx) {
    this.config = config;
    this.influx = influx;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String siteId = ctx.pathParam("site");
    SitePath.known(config, siteId);
    QueryParameters.of(ctx, Set.of());
    String siteFilter = InfluxFilters.tagEquals(Schema.TAG_SITE, siteId);
    String query =
        "SELECT last("
            + identifier(Schema.FIELD_GENERATOR_KW)
            + ") FROM "
            + identifier(Schema.GENERATOR)
            + " WHERE "
            + siteFilter
            + "; "
            + LatestSiteSummary.where(siteFilter);
    influx.query(query).map(results -> status(siteId, results)).onComplete(JsonReply.to(ctx));
  }

  private static JsonObject status(String siteId, JsonArray results) {
    JsonArray generator = ResultSeries.firstRow(results, 0);
    JsonArray summary = ResultSeries.firstRow(results, 1);
    Long generatorTime = generator == null ? null : generator.getLong(0);
    Long summaryTime = summary == null ? null : summary.getLong(0);
    Long lastSeen = generatorTime;
    if (summaryTime != null && (lastSeen == null || summaryTime > lastSeen)) {
      lastSeen = summaryTime;
    }
    return new JsonObject()
        .put("site", siteId)
        .put("generatorKw", generator == null ? null : generator.getValue(1))
        .put("hashrateThs", summary == null ? null : summary.getValue(1))
        .put("minersOnline", summary == null ? null : summary.getValue(2))
        .put("minersTotal", summary == null ? null : summary.getValue(3))
        .put("lastSeen", lastSeen == null ? null : Instant.ofEpochMilli(lastSeen).toString());
  }
}
