package io.flarewatch.central.commands;

import io.flarewatch.central.auth.Authz;
import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.http.SitePath;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.ingest.SiteIngestAuth;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Mounts the command routes: the edge's stream (ahead of the body handler, like ingest, since a
 * WebSocket upgrade has no body to read), and the user routes (OPERATOR to issue and cancel, VIEWER
 * to read, each site resolved and scoped by {@link SitePath}).
 */
public final class CommandRoutes {

  static final String STREAM = "/api/v1/sites/:site/commands/stream";

  private final CentralConfig config;
  private final CommandService service;
  private final CommandSigner signer;
  private final Clock clock = Clock.systemUTC();

  private CommandRoutes(Vertx vertx, CentralConfig config, InfluxClient influx) {
    this.config = config;
    this.signer = CommandSigner.from(config.commands());
    this.service = new CommandService(influx, signer, config.commands(), vertx.eventBus());
  }

  public static CommandRoutes create(Vertx vertx, CentralConfig config, InfluxClient influx) {
    return new CommandRoutes(vertx, config, influx);
  }

  /**
   * The edge's WebSocket; mount before any body handler. {@code upgraded} learns of each connection
   * that became a stream.
   */
  public void mountStream(Router router, Consumer<HttpConnection> upgraded) {
    router
        .get(STREAM)
        .handler(new CommandStream(new SiteIngestAuth(config), service, clock, upgraded));
  }

  /** The user routes. */
  public void mount(Router router, Authz authz) {
    SitePath site = new SitePath(config);
    CommandHandlers handlers = new CommandHandlers(service, signer, authz, clock);
    router.get("/api/v1/commands/public-key").respond(handlers::publicKey);
    router
        .post("/api/v1/auth/site-token")
        .handler(authz.require(Role.VIEWER))
        .respond(new SiteTokenHandler(signer, clock));
    router
        .post("/api/v1/sites/:site/commands")
        .handler(authz.require(Role.OPERATOR))
        .handler(site)
        .respond(handlers::issue);
    router
        .get("/api/v1/sites/:site/commands")
        .handler(authz.require(Role.VIEWER))
        .handler(site)
        .respond(new CommandHistory(service, clock));
    router
        .get("/api/v1/sites/:site/commands/:id")
        .handler(authz.require(Role.VIEWER))
        .handler(site)
        .respond(handlers::get);
    router
        .post("/api/v1/sites/:site/commands/:id/cancel")
        .handler(authz.require(Role.OPERATOR))
        .handler(site)
        .respond(handlers::cancel);
  }
}
