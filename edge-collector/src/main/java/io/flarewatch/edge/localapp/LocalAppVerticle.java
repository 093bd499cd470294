package io.flarewatch.edge.localapp;

import io.flarewatch.edge.config.LocalAppConfig;
import io.flarewatch.login.LoginThrottle;
import io.flarewatch.webapp.SecurityHeaders;
import io.flarewatch.webapp.WebAppRoutes;
import io.flarewatch.wire.SiteAudit;
import io.flarewatch.wire.access.SiteAccessToken;
import io.flarewatch.wire.access.SiteAccessToken.InvalidAccessTokenException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;

/**
 * The site's own copy of the web app, for the tablets on the site's network: the same files central
 * serves ({@link WebAppRoutes}) and a site-local API of the same shape as the central endpoints the
 * site and miner screens use, answered from the edge's own data ({@link LocalData}), so the app
 * works while the uplink is down. Every API answer says {@code X-Flarewatch-Source: site-local},
 * which the app shows; {@code GET /api/v1/source} also says how old the data is.
 *
 * <p>Routes: {@code POST /api/v1/auth/token} (public), {@code GET /api/v1/source} (public), and,
 * with a bearer token ({@link LocalAuth}): VIEWER {@code GET /api/v1/fleet}, {@code
 * /api/v1/sites/{site}}, {@code .../live}, {@code .../miners/{miner}}, {@code .../series}, {@code
 * .../commands}; ENGINEER {@code POST .../commands}. Another site is a 404.
 *
 * <p>Logins, bearer tokens or roles refused, and commands given are recorded in the site's audit
 * ({@link SiteAuditLog}), which reaches central's audit log through the buffer.
 */
public final class LocalAppVerticle extends VerticleBase {

  /** The header naming where an answer comes from. */
  public static final String SOURCE_HEADER = "X-Flarewatch-Source";

  static final long MAX_BODY_BYTES = 64 * 1024;
  static final long MAX_STREAM_MILLIS = 10 * 60 * 1000L;

  private final LocalAppConfig config;
  private final String site;
  private final LocalData data;
  private final LocalAuth auth;
  private final LocalCommandRoutes commands;
  private final LocalReads reads;
  private final SiteAuditLog audit;
  private final Clock clock;
  private HttpServer server;

  public LocalAppVerticle(
      LocalAppConfig config,
      String site,
      long offlineAfterMillis,
      LocalData data,
      LocalAuth auth,
      LocalCommandRoutes commands,
      SiteAuditLog audit,
      Clock clock) {
    this.config = config;
    this.audit = audit;
    this.site = site;
    this.data = data;
    this.auth = auth;
    this.commands = commands;
    this.reads = new LocalReads(site, data, offlineAfterMillis, clock);
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    SecurityHeaders.mount(router, false);
    router.route("/api/*").handler(LocalAppVerticle::sourceHeader);
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router
        .post("/api/v1/auth/token")
        .respond(new LocalLogin(auth, new LoginThrottle(clock, auth.accountNames()), audit));
    router.get("/api/v1/source").respond(ctx -> Future.succeededFuture(reads.source(ctx)));
    router
        .get("/api/v1/fleet")
        .handler(require("VIEWER"))
        .respond(ctx -> Future.succeededFuture(reads.fleet(ctx)));
    String sitePath = "/api/v1/sites/:site";
    router.route(sitePath + "*").handler(this::ownSite);
    router
        .get(sitePath)
        .handler(require("VIEWER"))
        .respond(ctx -> Future.succeededFuture(reads.site(ctx)));
    router.get(sitePath + "/live").handler(require("VIEWER")).handler(ctx -> live(ctx));
    router
        .get(sitePath + "/miners/:miner")
        .handler(require("VIEWER"))
        .respond(ctx -> Future.succeededFuture(reads.miner(ctx)));
    router.get(sitePath + "/series").handler(require("VIEWER")).respond(reads::series);
    router.get(sitePath + "/commands").handler(require("VIEWER")).respond(commands::list);
    router
        .post(sitePath + "/commands")
        .handler(require("ENGINEER"))
        .respond(ctx -> commands.issue(ctx, ctx.get(USER), via(ctx.get(USER))));
    router
        .route("/api/*")
        .handler(
            ctx ->
                ctx.fail(
                    LocalProblem.notFound(
                        "The site-local API has no " + ctx.request().path() + ".")));
    WebAppRoutes.mount(router);
    router.route().failureHandler(LocalProblem::handle);
    server =
        vertx
            .createHttpServer(new HttpServerOptions().setCompressionSupported(true))
            .requestHandler(router);
    return server.listen(config.port(), config.host());
  }

  public int actualPort() {
    return server.actualPort();
  }

  private static void sourceHeader(RoutingContext ctx) {
    ctx.response().putHeader(SOURCE_HEADER, LocalReads.SOURCE);
    ctx.next();
  }

  private void ownSite(RoutingContext ctx) {
    if (!site.equals(ctx.pathParam("site"))) {
      ctx.fail(
          LocalProblem.notFound(
              "This edge serves site '" + site + "' only; ask central for other sites."));
      return;
    }
    ctx.next();
  }

  private void live(RoutingContext ctx) {
    LocalReads.noParameters(ctx, java.util.Set.of());
    SiteAccessToken user = ctx.get(USER);
    long untilExpiry = user.expiresAt().toEpochMilli() - clock.millis();
    LiveStream.start(ctx, data.latest(), Math.min(MAX_STREAM_MILLIS, untilExpiry));
  }

  private static final String USER = "flarewatch.site-user";

  /** Lets through a bearer token for this site whose role includes {@code minimum}. */
  private Handler<RoutingContext> require(String minimum) {
    return ctx -> {
      String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
      if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        ctx.fail(
            LocalProblem.unauthorized(
                "A bearer token is required: Authorization: Bearer <token>, from POST"
                    + " /api/v1/auth/token."));
        return;
      }
      SiteAccessToken user;
      try {
        user = auth.verify(header.substring(7).strip());
      } catch (InvalidAccessTokenException e) {
        audit.recordOrCount(
            SiteAuditLog.entry(
                ctx,
                null,
                null,
                null,
                SiteAudit.ACTION_REQUEST,
                SiteAudit.OUTCOME_REFUSED,
                401,
                null,
                "bearer token refused: " + e.getMessage()));
        ctx.fail(
            LocalProblem.unauthorized(
                "The bearer token is not valid here: " + e.getMessage() + "."));
        return;
      }
      if (!user.mayActAs(minimum)) {
        audit.recordOrCount(
            SiteAuditLog.entry(
                ctx,
                user.subject(),
                user.role(),
                via(user),
                SiteAudit.ACTION_REQUEST,
                SiteAudit.OUTCOME_REFUSED,
                403,
                null,
                "needs the role " + minimum));
        ctx.fail(
            LocalProblem.forbidden(
                "This needs the role "
                    + minimum
                    + "; "
                    + user.subject()
                    + " has "
                    + user.role()
                    + "."));
        return;
      }
      ctx.put(USER, user);
      ctx.next();
    };
  }

  /** How the user got in: a local account (a token this edge signed) or central's site token. */
  String via(SiteAccessToken user) {
    return auth.issuer().equals(user.issuer()) ? SiteAudit.VIA_LOCAL : SiteAudit.VIA_SITE_TOKEN;
  }
}
