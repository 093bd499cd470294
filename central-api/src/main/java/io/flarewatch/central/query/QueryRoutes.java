package io.flarewatch.central.query;

import io.flarewatch.central.auth.Authz;
import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.reports.ReportHandlers;
import io.vertx.ext.web.Router;
import java.time.Clock;

/** Mounts the read side of the API: fleet, site detail, series and reports. */
public final class QueryRoutes {

  private QueryRoutes() {}

  /** Mounts the read routes, each open to every role from VIEWER up. */
  public static void mount(Router router, CentralConfig config, InfluxClient influx, Authz authz) {
    router
        .get("/api/v1/fleet")
        .handler(authz.require(Role.VIEWER))
        .handler(new FleetHandler(config, influx, Clock.systemUTC()));
    router
        .get("/api/v1/sites/:site")
        .handler(authz.require(Role.VIEWER))
        .handler(new SiteDetailHandler(config, influx));
    router
        .get("/api/v1/sites/:site/series")
        .handler(authz.require(Role.VIEWER))
        .handler(new SeriesHandler(config, influx));
    ReportHandlers reports = new ReportHandlers(config, influx);
    router
        .get("/api/v1/reports/emissions")
        .handler(authz.require(Role.VIEWER))
        .handler(reports::emissions);
    router
        .get("/api/v1/reports/compliance")
        .handler(authz.require(Role.VIEWER))
        .handler(reports::compliance);
    router.get("/api/v1/reports/public-key").handler(reports::publicKey);
  }
}
