package io.flarewatch.edge.commands;

import io.flarewatch.edge.config.CentralLink;
import io.flarewatch.edge.uplink.Backoff;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PemTrustOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's end of the command stream: a WebSocket it opens to central ({@code GET
 * /api/v1/sites/{site}/commands/stream}, the site's ingest token, the uplink's TLS trust), so a
 * site behind NAT needs no inbound port. Every text frame goes to the intake, in order. The edge
 * sends nothing but pongs (Vert.x answers central's pings). A link that stays silent for three of
 * central's ping intervals is dead; a closed or dead link is opened again after a backoff with
 * jitter.
 */
public final class CommandLinkVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CommandLinkVerticle.class);

  /** A command naming thousands of miners is one message of some hundred kB. */
  private static final int MAX_MESSAGE_BYTES = 8 << 20;

  private final CentralLink central;
  private final String streamPath;
  private final Duration deadAfter;
  private final Backoff backoff;
  private final Function<String, Future<Void>> frames;
  private final CommandStats stats;
  private WebSocketClient client;
  private WebSocket socket;
  private Future<Void> lastFrame = Future.succeededFuture();
  private boolean running;

  /**
   * @param deadAfter no frame or ping for this long: the link is dead
   * @param frames takes each text frame; the next is handed over once its future completed
   */
  CommandLinkVerticle(
      String site,
      CentralLink central,
      Duration deadAfter,
      Backoff backoff,
      Function<String, Future<Void>> frames,
      CommandStats stats) {
    this.central = central;
    this.streamPath =
        central.url().getPath().replaceAll("/+$", "")
            + "/api/v1/sites/"
            + site
            + "/commands/stream";
    this.deadAfter = deadAfter;
    this.backoff = backoff;
    this.frames = frames;
    this.stats = stats;
  }

  @Override
  public Future<?> start() {
    WebSocketClientOptions options =
        new WebSocketClientOptions()
            .setSsl(central.ssl())
            .setConnectTimeout(10_000)
            .setMaxMessageSize(MAX_MESSAGE_BYTES)
            .setReadIdleTimeout((int) deadAfter.toMillis())
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    if (central.caCertPath() != null) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(central.caCertPath().toString()));
    }
    client = vertx.createWebSocketClient(options);
    running = true;
    connect();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    running = false;
    stats.linkUp = false;
    return client.close();
  }

  private void connect() {
    if (!running) {
      return;
    }
    WebSocketConnectOptions request =
        new WebSocketConnectOptions()
            .setHost(central.url().getHost())
            .setPort(central.port())
            .setSsl(central.ssl())
            .setURI(streamPath)
            // a link that accepts the connection and then carries nothing (a satellite outage
            // behind a TCP accelerator) must not hold the handshake forever
            .setTimeout(deadAfter.toMillis())
            .addHeader("Authorization", "Bearer " + central.token());
    client
        .connect(request)
        .onSuccess(this::opened)
        .onFailure(e -> reconnectLater("cannot open the command stream: " + reason(e)));
  }

  private void opened(WebSocket ws) {
    socket = ws;
    stats.linkUp = true;
    stats.linkConnects.incrementAndGet();
    backoff.reset();
    LOG.info("command stream to central open ({})", streamPath);
    ws.textMessageHandler(this::handOver);
    ws.exceptionHandler(e -> LOG.warn("command stream: {}", e.toString()));
    ws.closeHandler(
        v -> {
          if (socket == ws) {
            socket = null;
            stats.linkUp = false;
            reconnectLater(
                "the command stream closed"
                    + (ws.closeStatusCode() == null ? "" : " (" + ws.closeStatusCode() + ")"));
          }
        });
  }

  /** Frames are handled one after the other, in the order central sent them. */
  private void handOver(String frame) {
    lastFrame =
        lastFrame
            .transform(previous -> frames.apply(frame))
            .onFailure(e -> LOG.error("command frame not handled: {}", e.toString()));
  }

  private void reconnectLater(String why) {
    if (!running) {
      return;
    }
    long delay = backoff.nextDelayMillis();
    LOG.warn("{}; opening it again in {} ms", why, delay);
    vertx.setTimer(delay, t -> connect());
  }

  private static String reason(Throwable e) {
    if (e instanceof UpgradeRejectedException rejected) {
      return switch (rejected.getStatus()) {
        case 401 -> "central refused the site token (401)";
        case 403 -> "the token is another site's (403)";
        default -> "central answered " + rejected.getStatus();
      };
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
