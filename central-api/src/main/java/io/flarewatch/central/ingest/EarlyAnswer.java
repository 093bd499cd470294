package io.flarewatch.central.ingest;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers an ingest request whose body was not read (or not read whole): refused from its headers,
 * or its body stopped at a limit. The answer goes out at once, with {@code Connection: close}; what
 * still arrives of the body is dropped as it comes, never kept, and the connection is closed once
 * the body has ended, or when more than {@code maxDiscardBytes} or {@link #LINGER_MILLIS} have
 * passed. Closing right away would make the client's kernel lose the answer (a reset) while it is
 * still sending; lingering a little lets a well-behaved client read why it was refused.
 */
final class EarlyAnswer {

  static final long LINGER_MILLIS = 5_000;

  private EarlyAnswer() {}

  static void fail(RoutingContext ctx, Throwable failure, long maxDiscardBytes) {
    HttpServerRequest request = ctx.request();
    if (!request.isEnded() && request.version() != HttpVersion.HTTP_2) {
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
      HttpConnection connection = request.connection();
      Vertx vertx = ctx.vertx();
      long timer = vertx.setTimer(LINGER_MILLIS, t -> connection.close());
      long[] discarded = {0};
      request
          .exceptionHandler(e -> vertx.cancelTimer(timer))
          .handler(
              chunk -> {
                discarded[0] += chunk.length();
                if (discarded[0] > maxDiscardBytes) {
                  vertx.cancelTimer(timer);
                  connection.close();
                }
              })
          .endHandler(
              end -> {
                vertx.cancelTimer(timer);
                connection.close();
              });
    }
    ctx.fail(failure);
  }
}
