package io.flarewatch.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an attacker on the site's path to central (or holding central's host) can do to the command
 * stream: it relays everything between the edge and the real central, and adds frames of its own
 * ({@link #inject}): captured commands again, commands signed with its own key, commands held past
 * their expiry. It pings the edge as central does, so the edge keeps the stream.
 */
final class CentralInTheMiddle implements AutoCloseable {

  private final Vertx vertx;
  private final int centralPort;
  private final HttpClient http;
  private final WebSocketClient webSockets;
  private final Set<ServerWebSocket> edges = ConcurrentHashMap.newKeySet();
  private HttpServer server;
  private long pinger;

  private CentralInTheMiddle(Vertx vertx, int centralPort) {
    this.vertx = vertx;
    this.centralPort = centralPort;
    this.http = vertx.createHttpClient();
    this.webSockets = vertx.createWebSocketClient();
  }

  static CentralInTheMiddle start(Vertx vertx, int centralPort) {
    CentralInTheMiddle mitm = new CentralInTheMiddle(vertx, centralPort);
    mitm.server = vertx.createHttpServer().requestHandler(mitm::handle);
    mitm.server.listen(0, "127.0.0.1").await();
    mitm.pinger =
        vertx.setPeriodic(1_000, t -> mitm.edges.forEach(ws -> ws.writePing(Buffer.buffer())));
    return mitm;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.actualPort());
  }

  /** Sends {@code signed} (a signed command's wire JSON) to every connected edge. */
  void inject(JsonObject signed) {
    String frame = new JsonObject().put("type", "command").put("command", signed).encode();
    edges.forEach(ws -> ws.writeTextMessage(frame));
  }

  boolean edgeConnected() {
    return !edges.isEmpty();
  }

  private void handle(HttpServerRequest request) {
    if (request.path().endsWith("/commands/stream")) {
      relayStream(request);
    } else {
      relayHttp(request);
    }
  }

  private void relayStream(HttpServerRequest request) {
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(centralPort)
            .setURI(request.uri())
            .addHeader("Authorization", request.getHeader("Authorization"));
    request.pause();
    webSockets
        .connect(options)
        .onSuccess(
            central ->
                request
                    .toWebSocket()
                    .onSuccess(
                        edge -> {
                          edges.add(edge);
                          central.textMessageHandler(edge::writeTextMessage);
                          central.closeHandler(v -> edge.close());
                          edge.closeHandler(
                              v -> {
                                edges.remove(edge);
                                central.close();
                              });
                        })
                    .onFailure(e -> central.close()))
        .onFailure(
            e -> {
              request.resume();
              request.response().setStatusCode(502).end();
            });
  }

  private void relayHttp(HttpServerRequest request) {
    RequestOptions options =
        new RequestOptions()
            .setHost("127.0.0.1")
            .setPort(centralPort)
            .setMethod(request.method())
            .setURI(request.uri())
            .setHeaders(request.headers());
    request
        .body()
        .compose(body -> http.request(options).compose(out -> out.send(body)))
        .compose(
            answer ->
                answer
                    .body()
                    .compose(
                        body -> {
                          request.response().setStatusCode(answer.statusCode());
                          request.response().headers().setAll(answer.headers());
                          request.response().headers().remove("transfer-encoding");
                          request.response().headers().remove("connection");
                          return request.response().end(body);
                        }))
        .onFailure(
            e -> {
              if (!request.response().ended()) {
                request.response().setStatusCode(502).end();
              }
            });
  }

  @Override
  public void close() {
    vertx.cancelTimer(pinger);
    Future.all(edges.stream().map(ServerWebSocket::close).toList()).await();
    server.close().await();
    http.close().await();
    webSockets.close().await();
  }
}
