package io.flarewatch.central.query;

import io.flarewatch.central.app.LiveSiteHandler;
import io.flarewatch.central.auth.Authz;
import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.emissions.EmissionsCheckHandler;
import io.flarewatch.central.http.SitePath;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.reports.ReportHandlers;
import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * Mounts the read side of the API: fleet, the site routes (detail, live stream, miner, status,
 * series, emissions check and summary) and reports. Every site route resolves its {@code {site}}
 * once, in {@link SitePath}.
 */
public final class QueryRoutes {

  /** A live stream ends after this long; the client reconnects, its token checked again. */
  static final long LIVE_STREAM_MAX_MILLIS = 5 * 60 * 1000L;

  private final Router router;
  private final Handler<RoutingContext> viewer;
  private final SitePath site;

  private QueryRoutes(Router router, Authz authz, CentralConfig config) {
    this.router = router;
    this.viewer = authz.require(Role.VIEWER);
    this.site = new SitePath(config);
  }

  /** Mounts the read routes, each open to every role from VIEWER up. */
  public static void mount(Router router, CentralConfig config, InfluxClient influx, Authz authz) {
    QueryRoutes routes = new QueryRoutes(router, authz, config);
    routes.get("/api/v1/fleet").respond(new FleetHandler(config, influx, Clock.systemUTC()));
    SiteDetailHandler detail =
        new SiteDetailHandler(
            influx, config.influx().sharedReadsMaxAge(), config.sites().size(), Clock.systemUTC());
    routes.siteGet("/api/v1/sites/:site").respond(detail);
    routes
        .siteGet("/api/v1/sites/:site/live")
        .handler(new LiveSiteHandler(detail, LIVE_STREAM_MAX_MILLIS));
    routes.siteGet("/api/v1/sites/:site/miners/:miner").respond(new MinerDetailHandler(influx));
    routes
        .siteGet("/api/v1/sites/:site/emissions/summary")
        .respond(new EmissionsSummaryHandler(influx, Clock.systemUTC()));
    routes.siteGet("/api/v1/sites/:site/status").respond(new SiteStatusHandler(influx));
    routes.siteGet("/api/v1/sites/:site/series").respond(new SeriesHandler(influx));
    routes
        .siteGet("/api/v1/sites/:site/emissions/check")
        .respond(new EmissionsCheckHandler(influx));
    ReportHandlers reports = new ReportHandlers(config, influx);
    routes.get("/api/v1/reports/emissions").respond(reports::emissions);
    routes.get("/api/v1/reports/compliance").respond(reports::compliance);
    router.get("/api/v1/reports/public-key").respond(reports::publicKey);
  }

  private Route get(String path) {
    return router.get(path).handler(viewer);
  }

  /** A GET of a site route: authorized, then its site resolved. */
  private Route siteGet(String path) {
    return get(path).handler(site);
  }
}
