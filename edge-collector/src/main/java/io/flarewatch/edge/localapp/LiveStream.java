package io.flarewatch.edge.localapp;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/sites/{site}/live} at the edge: server-sent events, event {@code site} with
 * the same JSON as {@code GET /api/v1/sites/{site}}, sent at once and then after each stored cycle
 * ({@link LatestCycle#STORED}). A comment every {@value #KEEP_ALIVE_SECONDS} s keeps the stream
 * open; it ends when the user's token expires or after {@code maxMillis}, and the app reconnects
 * with its token.
 */
final class LiveStream {

  static final int KEEP_ALIVE_SECONDS = 15;

  private final Vertx vertx;
  private final LatestCycle latest;
  private final HttpServerResponse response;
  private MessageConsumer<Long> cycles;
  private long keepAlive;
  private long end;
  private boolean closed;

  private LiveStream(Vertx vertx, LatestCycle latest, HttpServerResponse response) {
    this.vertx = vertx;
    this.latest = latest;
    this.response = response;
  }

  /** Starts a stream on the request's response, ending within {@code maxMillis}. */
  static void start(RoutingContext ctx, LatestCycle latest, long maxMillis) {
    HttpServerResponse response = ctx.response();
    response
        .setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY);
    new LiveStream(ctx.vertx(), latest, response).run(Math.max(1, maxMillis));
  }

  private void run(long maxMillis) {
    response.closeHandler(v -> close());
    response.exceptionHandler(e -> close());
    response.write("retry: 3000\n\n");
    cycles = vertx.eventBus().localConsumer(LatestCycle.STORED, m -> send());
    keepAlive = vertx.setPeriodic(KEEP_ALIVE_SECONDS * 1000L, t -> write(": alive\n\n"));
    end =
        vertx.setTimer(
            maxMillis,
            t -> {
              if (!closed) {
                close();
                response.end();
              }
            });
    send();
  }

  private void send() {
    latest.latest().ifPresent(s -> write("event: site\ndata: " + s.detail().encode() + "\n\n"));
  }

  private void write(String text) {
    if (!closed && !response.writeQueueFull()) {
      response.write(text);
    }
  }

  private void close() {
    if (closed) {
      return;
    }
    closed = true;
    vertx.cancelTimer(keepAlive);
    vertx.cancelTimer(end);
    cycles.unregister();
  }
}
