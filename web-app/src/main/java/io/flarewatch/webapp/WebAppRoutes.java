package io.flarewatch.webapp;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Serves the web app (this module's {@code webroot/} on the classpath) to browsers, the same files
 * from central and from each edge: {@code GET /} is the app's page, {@code GET /app/*} its scripts
 * and styles, and {@code GET /app/vendor/*} the WebJars on the classpath (the chart library), under
 * their versioned paths.
 *
 * <p>Caching: the page, scripts and styles keep their names across releases, so they are {@code
 * no-cache} (the browser revalidates with {@code If-Modified-Since} and gets a 304 while
 * unchanged); WebJar files have the version in their path and are cached for a year as immutable.
 * Every other header (central's Content-Security-Policy among them: scripts and styles from this
 * origin only, which ES modules keep) comes from the server that mounts these routes. These routes
 * are not API operations and are not in central's OpenAPI document.
 */
public final class WebAppRoutes {

  /** Where the web app's files are on the classpath. */
  public static final String WEBROOT = "webroot";

  static final long VENDOR_MAX_AGE_SECONDS = 365L * 24 * 3600;

  private WebAppRoutes() {}

  public static void mount(Router router) {
    StaticHandler page =
        StaticHandler.create(WEBROOT).setCachingEnabled(true).setDirectoryListing(false);
    // a wildcard route's handler sees the path below the route's prefix: /app/x is webroot/app/x
    StaticHandler files =
        StaticHandler.create(WEBROOT + "/app").setCachingEnabled(true).setDirectoryListing(false);
    StaticHandler vendor =
        StaticHandler.create("META-INF/resources/webjars")
            .setCachingEnabled(true)
            .setDirectoryListing(false);
    router.get("/").handler(WebAppRoutes::revalidate).handler(page);
    router.get("/app/vendor/*").handler(WebAppRoutes::keep).handler(vendor);
    router.get("/app/*").handler(WebAppRoutes::revalidate).handler(files);
  }

  /** Files with their version in their path: never changed, so cached for a year. */
  private static void keep(RoutingContext ctx) {
    ctx.addHeadersEndHandler(
        v ->
            ctx.response()
                .headers()
                .set(
                    HttpHeaders.CACHE_CONTROL,
                    "public, max-age=" + VENDOR_MAX_AGE_SECONDS + ", immutable"));
    ctx.next();
  }

  /** Files without a version in their name: cache, but ask every time whether they changed. */
  private static void revalidate(RoutingContext ctx) {
    ctx.addHeadersEndHandler(
        v -> ctx.response().headers().set(HttpHeaders.CACHE_CONTROL, "no-cache"));
    ctx.next();
  }
}
