package io.flarewatch.central.commands;

import io.flarewatch.central.http.ApiException;
import io.flarewatch.central.ingest.SiteIngestAuth;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/sites/{site}/commands/stream}: the WebSocket the site's edge opens to receive
 * its commands, authenticated from the request's head with the site's ingest token exactly as
 * ingest is ({@link SiteIngestAuth}: 401 for a token no site has, 403 for another site's; user
 * tokens are not site tokens). On connect it sends every pending command of the site, oldest first
 * ({@link CommandService#pending}); then each new command and cancel published on {@code
 * flarewatch.commands.<site>}, by any replica when they are clustered (the event bus spans them).
 * Every {@code commands.pingSeconds} it pings the edge and sends whatever became pending meanwhile
 * and was not sent on this socket yet: a safety net for a message the bus did not deliver (an
 * unclustered replica's command). Duplicates are normal: the edge keeps every id it saw.
 *
 * <p>When central stops, the stream is closed at once with status {@value #GOING_AWAY} ("going
 * away"), not held for the server's shutdown grace: it would never end on its own, and the edge
 * opens it again (to another replica behind a load balancer) and is sent whatever is pending.
 */
final class CommandStream implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(CommandStream.class);

  /** RFC 6455's close status for an endpoint going away, such as a server going down. */
  static final short GOING_AWAY = 1001;

  private final SiteIngestAuth auth;
  private final CommandService commands;
  private final Clock clock;
  private final Consumer<HttpConnection> upgraded;

  CommandStream(
      SiteIngestAuth auth,
      CommandService commands,
      Clock clock,
      Consumer<HttpConnection> upgraded) {
    this.auth = auth;
    this.commands = commands;
    this.clock = clock;
    this.upgraded = upgraded;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String site = ctx.pathParam("site");
    try {
      auth.authorize(ctx.request(), site);
    } catch (ApiException refused) {
      if (refused.status() == 401) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
      }
      throw refused;
    }
    String upgrade = ctx.request().getHeader(HttpHeaders.UPGRADE);
    if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
      ctx.response().putHeader(HttpHeaders.UPGRADE, "websocket");
      throw new ApiException(
          426,
          "upgrade-required",
          "Upgrade required",
          "The command stream is a WebSocket: open it with an Upgrade: websocket request.");
    }
    HttpConnection connection = ctx.request().connection();
    ctx.request()
        .toWebSocket()
        .onSuccess(
            socket -> {
              upgraded.accept(connection);
              new Session(ctx.vertx(), socket, site).start();
            })
        .onFailure(e -> LOG.warn("command stream of {} not opened: {}", site, e.getMessage()));
  }

  /** One edge's open stream. */
  private final class Session {
    private final Vertx vertx;
    private final ServerWebSocket socket;
    private final String site;
    private final Set<String> sent = new HashSet<>();
    private List<JsonObject> held = new ArrayList<>();
    private MessageConsumer<JsonObject> consumer;
    private long pinger = -1;
    private boolean closed;

    Session(Vertx vertx, ServerWebSocket socket, String site) {
      this.vertx = vertx;
      this.socket = socket;
      this.site = site;
    }

    void start() {
      LOG.info("command stream of {} opened from {}", site, socket.remoteAddress());
      socket.closeHandler(v -> close());
      // the server is stopping: the edge should reconnect now, not after the shutdown grace
      socket.shutdownHandler(v -> socket.close(GOING_AWAY, "central is stopping"));
      socket.exceptionHandler(e -> LOG.debug("command stream of {}: {}", site, e.toString()));
      socket.textMessageHandler(text -> LOG.debug("command stream of {} ignores a text", site));
      // subscribe first, hold what arrives until the pending commands are out: nothing slips by
      consumer = vertx.eventBus().consumer(CommandService.address(site), m -> arrived(m.body()));
      long interval = commands.config().pingSeconds() * 1000L;
      pinger = vertx.setPeriodic(interval, t -> tick());
      sendPending();
    }

    private void arrived(JsonObject message) {
      if (held != null) {
        held.add(message);
      } else {
        send(message.getString("id"), message.getString("frame"));
      }
    }

    private void sendPending() {
      commands
          .pending(site, clock.instant())
          .onComplete(
              pending -> {
                if (pending.failed()) {
                  LOG.warn(
                      "pending commands of {} not read: {}", site, pending.cause().getMessage());
                } else {
                  pending.result().forEach(o -> send(o.id(), CommandService.frame(o.signed())));
                }
                if (held != null) {
                  List<JsonObject> arrivedMeanwhile = held;
                  held = null;
                  arrivedMeanwhile.forEach(this::arrived);
                }
              });
    }

    private void tick() {
      if (closed) {
        return;
      }
      socket.writePing(Buffer.buffer());
      commands
          .pending(site, clock.instant())
          .onSuccess(
              pending -> pending.forEach(o -> send(o.id(), CommandService.frame(o.signed()))));
    }

    private void send(String id, String frame) {
      if (closed || !sent.add(id)) {
        return;
      }
      socket.writeTextMessage(frame);
    }

    private void close() {
      closed = true;
      if (pinger >= 0) {
        vertx.cancelTimer(pinger);
      }
      if (consumer != null) {
        consumer.unregister();
      }
      LOG.info("command stream of {} closed", site);
    }
  }
}
