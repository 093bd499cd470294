package io.flarewatch.webapp;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CSPHandler;
import io.vertx.ext.web.handler.HSTSHandler;
import io.vertx.ext.web.handler.XFrameHandler;

/**
 * The headers every response carries, whichever route or failure answers it: {@code
 * X-Content-Type-Options: nosniff}, {@code Cache-Control: no-store} (a handler serving something
 * cacheable sets its own), {@code Referrer-Policy: no-referrer}, {@code X-Frame-Options: DENY} and
 * a Content-Security-Policy that lets the web app load from its own server only (central, or the
 * site's edge) and never be framed; with TLS also {@code Strict-Transport-Security}. Central and
 * the edge's site-local app both mount them.
 */
public final class SecurityHeaders {

  private SecurityHeaders() {}

  /** Mounts the headers ahead of every route; call before mounting the routes. */
  public static void mount(Router router, boolean tls) {
    CSPHandler csp =
        CSPHandler.create()
            .setDirective("default-src", "'self'")
            .setDirective("object-src", "'none'")
            .setDirective("base-uri", "'self'")
            .setDirective("form-action", "'self'")
            .setDirective("frame-ancestors", "'none'");
    router
        .route()
        .handler(csp)
        .handler(XFrameHandler.create(XFrameHandler.DENY))
        .handler(SecurityHeaders::common);
    if (tls) {
      router.route().handler(HSTSHandler.create());
    }
  }

  private static void common(RoutingContext ctx) {
    ctx.response()
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .putHeader("Referrer-Policy", "no-referrer");
    ctx.next();
  }
}
