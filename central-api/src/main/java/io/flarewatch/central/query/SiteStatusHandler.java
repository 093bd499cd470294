package io.flarewatch.central.query;

import static io.flarewatch.central.influx.InfluxQl.identifier;

import io.flarewatch.central.http.QueryParameters;
import io.flarewatch.central.http.SitePath;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.wire.Schema;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code GET /api/v1/sites/{site}/status}: the latest generator output, total hashrate and miners
 * online, read back from InfluxDB.
 */
public final class SiteStatusHandler implements Function<RoutingContext, Future<JsonObject>> {

  private final InfluxClient influx;

  public SiteStatusHandler(InfluxClient influx) {
    this.influx = influx;
  }

  @Override
  public Future<JsonObject> apply(RoutingContext ctx) {
    String siteId = SitePath.site(ctx).id();
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
    return influx.query(query).map(results -> status(siteId, results));
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
