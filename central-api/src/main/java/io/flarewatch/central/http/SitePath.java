package io.flarewatch.central.http;

import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.SiteConfig;
import io.vertx.ext.web.RoutingContext;

/** The configured site a {@code /sites/:site/...} route names, or a 404 problem. */
public final class SitePath {

  private SitePath() {}

  public static SiteConfig site(RoutingContext ctx, CentralConfig config) {
    return known(config, ctx.pathParam("site"));
  }

  public static SiteConfig known(CentralConfig config, String siteId) {
    return config.site(siteId).orElseThrow(() -> unknown(siteId));
  }

  public static ApiException unknown(String siteId) {
    return ApiException.notFound("Unknown site '" + siteId + "'.");
  }
}
