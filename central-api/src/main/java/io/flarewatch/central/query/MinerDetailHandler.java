package io.flarewatch.central.query;

import static io.flarewatch.central.influx.InfluxQl.identifier;

import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.http.ApiException;
import io.flarewatch.central.http.QueryParameters;
import io.flarewatch.central.http.SitePath;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.wire.Schema;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code GET /api/v1/sites/{site}/miners/{miner}}: a miner's latest sample, every field (power
 * source, temperatures, fans, pools, error and its detail) and its firmware tag. {@code latest} is
 * null while central holds no sample of the miner (central does not know a site's miners before
 * they report).
 */
public final class MinerDetailHandler implements Function<RoutingContext, Future<JsonObject>> {

  private final InfluxClient influx;

  public MinerDetailHandler(InfluxClient influx) {
    this.influx = influx;
  }

  @Override
  public Future<JsonObject> apply(RoutingContext ctx) {
    SiteConfig site = SitePath.site(ctx);
    QueryParameters.of(ctx, Set.of());
    String miner = ctx.pathParam("miner");
    if (miner == null || !Schema.ID.matcher(miner).matches()) {
      throw ApiException.badRequest(
          "invalid-parameter",
          "Miner id "
              + ApiException.quoted(String.valueOf(miner))
              + " is not an id: lower-case letters, digits, '-' and '_', at most 64.");
    }
    String query =
        "SELECT * FROM "
            + identifier(Schema.MINER)
            + " WHERE "
            + InfluxFilters.tagEquals(Schema.TAG_SITE, site.id())
            + " AND "
            + InfluxFilters.tagEquals(Schema.TAG_MINER, miner)
            + " GROUP BY "
            + identifier(Schema.TAG_FIRMWARE)
            + " ORDER BY time DESC LIMIT 1";
    return influx
        .query(query)
        .map(
            results -> {
              List<ResultSeries> series = ResultSeries.of(results, 0);
              ResultSeries newest = null;
              for (ResultSeries one : series) {
                if (!one.rows().isEmpty() && (newest == null || one.time(0) > newest.time(0))) {
                  newest = one;
                }
              }
              JsonObject latest = null;
              if (newest != null) {
                latest = newest.rowObject(0);
                latest.remove(Schema.TAG_SITE);
                latest.remove(Schema.TAG_MINER);
                latest.put(Schema.TAG_FIRMWARE, newest.tag(Schema.TAG_FIRMWARE));
              }
              return new JsonObject()
                  .put("site", site.id())
                  .put("miner", miner)
                  .put("latest", latest);
            });
  }
}
