package io.flarewatch.edge.commands;

import io.flarewatch.wire.command.SignedCommand;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Central's command stream as the edge sees it: {@code GET /api/v1/sites/{site}/commands/stream}
 * upgraded to a WebSocket for the site's token (401 otherwise). On every connect it sends, oldest
 * first, the commands the test left pending (as central does until it has an event of them), then
 * whatever the test pushes. It pings only when asked to. Any other request (the uplink's) is
 * answered 503, so lines stay in the edge's buffer for the test to read.
 */
final class FakeCommandStream implements AutoCloseable {

  private final HttpServer server;
  private final String path;
  private final String token;
  private final List<SignedCommand> pending = new CopyOnWriteArrayList<>();
  private final List<ServerWebSocket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger connects = new AtomicInteger();
  private final AtomicInteger refusedTokens = new AtomicInteger();

  FakeCommandStream(Vertx vertx, String site, String token, long pingMillis) {
    this(vertx, site, token, pingMillis, new HttpServerOptions());
  }

  /** A stream served with these options (e.g. TLS). */
  FakeCommandStream(
      Vertx vertx, String site, String token, long pingMillis, HttpServerOptions options) {
    this.path = "/api/v1/sites/" + site + "/commands/stream";
    this.token = token;
    server =
        vertx
            .createHttpServer(options)
            .requestHandler(request -> request.response().setStatusCode(503).end())
            .webSocketHandshakeHandler(
                handshake -> {
                  if (!handshake.path().equals(path)) {
                    handshake.reject(404);
                  } else if (!("Bearer " + token)
                      .equals(handshake.headers().get("Authorization"))) {
                    refusedTokens.incrementAndGet();
                    handshake.reject(401);
                  } else {
                    handshake.accept();
                  }
                })
            .webSocketHandler(
                ws -> {
                  connects.incrementAndGet();
                  open.add(ws);
                  ws.closeHandler(v -> open.remove(ws));
                  pending.forEach(command -> ws.writeTextMessage(frame(command)));
                  if (pingMillis > 0) {
                    long timer =
                        vertx.setPeriodic(
                            pingMillis,
                            t -> {
                              if (!ws.isClosed()) {
                                ws.writePing(io.vertx.core.buffer.Buffer.buffer());
                              }
                            });
                    ws.closeHandler(
                        v -> {
                          open.remove(ws);
                          vertx.cancelTimer(timer);
                        });
                  }
                })
            .listen(0, "127.0.0.1")
            .await();
  }

  static String frame(SignedCommand command) {
    return new JsonObject()
        .put("type", "command")
        .put("command", new JsonObject(command.toJson().toString()))
        .encode();
  }

  int port() {
    return server.actualPort();
  }

  /** Sent on every connect from now on (and now, to an open link). */
  void addPending(SignedCommand command) {
    pending.add(command);
    push(command);
  }

  /** Sent once, now, to every open link. */
  void push(SignedCommand command) {
    pushText(frame(command));
  }

  void pushText(String text) {
    for (ServerWebSocket ws : new ArrayList<>(open)) {
      ws.writeTextMessage(text);
    }
  }

  /** Closes every open link with 1001 (going away), as a stopping central does. */
  void dropLinks() {
    for (ServerWebSocket ws : new ArrayList<>(open)) {
      ws.close((short) 1001, "central is stopping");
    }
  }

  int connects() {
    return connects.get();
  }

  int openLinks() {
    return open.size();
  }

  int refusedTokens() {
    return refusedTokens.get();
  }

  @Override
  public void close() {
    server.close().await();
  }
}
