package io.flarewatch.central.http;

import io.flarewatch.central.audit.AuditRecorder;
import io.flarewatch.central.auth.Principal;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.SiteConfig;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The one place a {@code /sites/:site/...} route resolves its site: mounted after the route's
 * authorization, it looks the {@code site} path parameter up once and leaves the configured site in
 * the routing context for the route's handler ({@link #site(RoutingContext)}). A site central does
 * not know and a site outside the user's scope get the same 404 problem, so a user cannot learn
 * which other sites exist. The audit entry of the request names a configured site either way.
 */
public final class SitePath implements Handler<RoutingContext> {

  private static final String CONTEXT_KEY = "flarewatch.site";

  private final CentralConfig config;

  public SitePath(CentralConfig config) {
    this.config = config;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String siteId = ctx.pathParam("site");
    SiteConfig site = config.site(siteId).orElseThrow(() -> unknown(siteId));
    AuditRecorder.site(ctx, site.id());
    if (!Principal.of(ctx).sites().includes(site.id())) {
      throw unknown(siteId);
    }
    ctx.put(CONTEXT_KEY, site);
    ctx.next();
  }

  /** The site this handler resolved for the request. */
  public static SiteConfig site(RoutingContext ctx) {
    SiteConfig site = ctx.get(CONTEXT_KEY);
    if (site == null) {
      throw new IllegalStateException(
          ctx.request().path() + " is served without SitePath resolving its site");
    }
    return site;
  }

  public static ApiException unknown(String siteId) {
    return ApiException.notFound("Unknown site " + ApiException.quoted(siteId) + ".");
  }
}
