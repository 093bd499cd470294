package io.flarewatch.central.http;

import io.flarewatch.central.auth.Authz;
import io.flarewatch.central.auth.UserRoutes;
import io.flarewatch.central.commands.CommandRoutes;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.TlsConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.ingest.IngestHandler;
import io.flarewatch.central.operations.CentralMetrics;
import io.flarewatch.central.operations.OperationsRoutes;
import io.flarewatch.central.query.QueryRoutes;
import io.flarewatch.central.reports.rollups.DailyRollupVerticle;
import io.flarewatch.central.reports.rollups.DailyRollups;
import io.flarewatch.central.reports.rollups.RollupRebuilds;
import io.flarewatch.central.reports.rollups.RollupRoutes;
import io.flarewatch.webapp.SecurityHeaders;
import io.flarewatch.webapp.WebAppRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Central's HTTP API: routes, body limits and the one failure handler that writes problems.
 *
 * <p>Ingest is mounted ahead of the body handler and reads its own body after checking the
 * request's head ({@link IngestHandler}); the server inflates nothing itself, so no body is read or
 * inflated before its sender is known. Every other route takes JSON bodies of at most {@value
 * #MAX_JSON_BODY_BYTES} bytes.
 */
public final class HttpApiVerticle extends VerticleBase {

  /** Bodies of the user routes (a login, later commands): small JSON documents. */
  static final int MAX_JSON_BODY_BYTES = 64 * 1024;

  /** How long a stop waits for requests in progress, then again for InfluxDB operations. */
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  private final CentralConfig config;
  private InfluxClient influx;
  private Router router;
  private HttpServer server;

  public HttpApiVerticle(CentralConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    influx = new InfluxClient(vertx, config.influx());
    router = Router.router(vertx);
    ProblemFailureHandler problems = new ProblemFailureHandler();
    router.errorHandler(404, problems);
    router.errorHandler(405, problems);
    router.route().failureHandler(problems);
    SecurityHeaders.mount(router, config.http().tls() != null);
    router
        .post("/api/v1/sites/:site/samples")
        .handler(new IngestHandler(config, influx, Clock.systemUTC()));
    RequestHeadDeadline heads =
        new RequestHeadDeadline(
            vertx,
            config.http().requestHeadTimeoutSeconds() * 1000L,
            config.http().idleTimeoutSeconds() * 1000L);
    CommandRoutes commands = CommandRoutes.create(vertx, config, influx);
    commands.mountStream(router, heads::upgraded);
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_JSON_BODY_BYTES));
    Authz authz =
        UserRoutes.mount(
            vertx,
            router,
            config.auth(),
            new ClientAddress(config.http().trustedProxies()),
            influx);
    QueryRoutes.mount(router, config, influx, authz);
    commands.mount(router, authz);
    router.get("/health").respond(this::health);
    DailyRollups rollups = new DailyRollups(influx, config.reports().rollups(), Clock.systemUTC());
    RollupRoutes.mount(
        router,
        config,
        new RollupRebuilds(rollups, influx.centralData(), Clock.systemUTC()),
        authz);
    CentralMetrics metrics = OperationsRoutes.mount(vertx, router, influx, authz);
    WebAppRoutes.mount(router);
    // a child of this verticle: undeployed with it, before its InfluxDB client closes
    Future<String> roller =
        vertx.deployVerticle(
            new DailyRollupVerticle(influx, rollups, metrics.registry(), Clock.systemUTC()));
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.http().host())
            .setPort(config.http().port())
            .setIdleTimeout(config.http().idleTimeoutSeconds())
            .setIdleTimeoutUnit(TimeUnit.SECONDS)
            // cleartext HTTP/2 off: no client uses it, and with it Vert.x makes a connection
            // known only once its first request head is whole, too late for a head deadline
            .setHttp2ClearTextEnabled(false)
            .setCompressionSupported(true);
    TlsConfig tls = config.http().tls();
    if (tls != null) {
      options
          .setSsl(true)
          .setKeyCertOptions(
              new PemKeyCertOptions()
                  .setKeyPath(tls.keyPath().toString())
                  .setCertPath(tls.certPath().toString()));
    }
    server = vertx.createHttpServer(options);
    return roller.compose(
        deployed ->
            server
                .connectionHandler(heads::connected)
                .requestHandler(
                    request -> {
                      heads.headReceived(request);
                      router.handle(request);
                    })
                .listen());
  }

  /**
   * Stops taking requests, lets those in progress finish, then lets InfluxDB operations still in
   * flight (the audit entries of answered requests among them) complete before closing. Long-lived
   * streams, which would never finish, close themselves as the shutdown starts (each has a shutdown
   * handler on its connection): the edge's command stream with 1001, a live view by ending its
   * events, so their clients reconnect at once.
   */
  @Override
  public Future<?> stop() {
    Future<Void> serverDone =
        server == null
            ? Future.succeededFuture()
            : server.shutdown(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    return serverDone
        .otherwiseEmpty()
        .compose(done -> influx == null ? Future.succeededFuture() : influx.close(SHUTDOWN_GRACE));
  }

  /** The port actually listened on (useful when the configured port is 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /** The routes served, e.g. for checking the API's OpenAPI document against them. */
  public Router router() {
    return router;
  }

  private Future<JsonObject> health(RoutingContext ctx) {
    return influx
        .ping()
        .map(
            up -> {
              ctx.response().setStatusCode(up ? 200 : 503);
              String state = up ? "UP" : "DOWN";
              return new JsonObject().put("status", state).put("influx", state);
            });
  }
}
