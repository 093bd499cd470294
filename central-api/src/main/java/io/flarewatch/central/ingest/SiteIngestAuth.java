package io.flarewatch.central.ingest;

import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.http.ApiException;
import io.flarewatch.central.http.SitePath;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Checks a site's ingest token: each site's token writes that site and no other. */
public final class SiteIngestAuth {

  private static final String BEARER = "Bearer ";
  private final CentralConfig config;

  public SiteIngestAuth(CentralConfig config) {
    this.config = config;
  }

  /** Returns the site the request may write, or throws 401/403/404 naming why not. */
  public SiteConfig authorize(RoutingContext ctx, String siteId) {
    SiteConfig site = config.site(siteId).orElseThrow(() -> SitePath.unknown(siteId));
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.startsWith(BEARER) || header.length() == BEARER.length()) {
      throw ApiException.unauthorized(
          "A site ingest token is required: Authorization: Bearer <token>.");
    }
    String token = header.substring(BEARER.length()).strip();
    if (site.acceptsToken(token)) {
      return site;
    }
    boolean otherSite = config.sites().stream().anyMatch(s -> s.acceptsToken(token));
    if (otherSite) {
      throw ApiException.forbidden("This token may not write site '" + siteId + "'.");
    }
    throw ApiException.unauthorized("The ingest token is not valid.");
  }
}
