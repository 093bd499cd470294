package io.flarewatch.central.reports.rollups;

import io.flarewatch.central.auth.Authz;
import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.http.ApiException;
import io.flarewatch.central.http.QueryParameters;
import io.flarewatch.central.reports.ReportRequest;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/v1/reports/rollups?from=&to=} (ADMIN): builds the daily rollups of every
 * configured site's days in [from, to) in the background (202, audited before it starts), and
 * {@code GET /api/v1/reports/rollups/{id}} (ADMIN): its progress.
 */
public final class RollupRoutes {

  static final String PATH = "/api/v1/reports/rollups";

  private final CentralConfig config;
  private final RollupRebuilds rebuilds;
  private final Authz authz;

  private RollupRoutes(CentralConfig config, RollupRebuilds rebuilds, Authz authz) {
    this.config = config;
    this.rebuilds = rebuilds;
    this.authz = authz;
  }

  public static void mount(
      Router router, CentralConfig config, RollupRebuilds rebuilds, Authz authz) {
    RollupRoutes routes = new RollupRoutes(config, rebuilds, authz);
    router.post(PATH).handler(authz.require(Role.ADMIN)).respond(routes::rebuild);
    router.get(PATH + "/:id").handler(authz.require(Role.ADMIN)).respond(routes::progress);
  }

  private Future<JsonObject> rebuild(RoutingContext ctx) {
    QueryParameters query = QueryParameters.of(ctx, Set.of("from", "to"));
    Instant from = query.dateOrInstant("from");
    Instant to = query.dateOrInstant("to");
    if (!from.isBefore(to)) {
      throw ApiException.badRequest("invalid-period", "'from' must be before 'to'.");
    }
    if (to.isAfter(from.atZone(ZoneOffset.UTC).plusYears(ReportRequest.MAX_YEARS).toInstant())) {
      throw ApiException.badRequest(
          "invalid-period",
          "A rebuild covers at most " + ReportRequest.MAX_YEARS + " years, as a report does.");
    }
    List<String> sites = config.sites().stream().map(SiteConfig::id).sorted().toList();
    return authz
        .auditAction(ctx, "rebuild daily rollups " + from + " to " + to)
        .recover(e -> Future.failedFuture(ApiException.storageUnavailable(e)))
        .compose(audited -> rebuilds.start(sites, from, to))
        .recover(
            e ->
                Future.failedFuture(
                    e instanceof ApiException ? e : ApiException.storageUnavailable(e)))
        .map(
            progress -> {
              ctx.response()
                  .setStatusCode(202)
                  .putHeader(HttpHeaders.LOCATION, PATH + "/" + progress.getString("id"));
              return progress;
            });
  }

  private Future<JsonObject> progress(RoutingContext ctx) {
    QueryParameters.of(ctx, Set.of());
    String id = ctx.pathParam("id");
    return rebuilds
        .progress(id)
        .recover(e -> Future.failedFuture(ApiException.storageUnavailable(e)))
        .map(
            found ->
                found.orElseThrow(
                    () ->
                        ApiException.notFound(
                            "No rollup rebuild " + ApiException.quoted(id) + " is known.")));
  }
}
