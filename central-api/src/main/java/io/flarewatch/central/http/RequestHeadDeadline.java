package io.flarewatch.central.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes HTTP/1 connections that do not deliver a whole request head in time: a new connection has
 * {@code firstMillis} for its first head, and a kept-alive one {@code nextMillis} after a head for
 * the next (while a response is still being made, the clock waits). Vert.x's idle timeout alone
 * would let a client that sends a byte every second hold a connection forever.
 *
 * <p>Its methods run on the HTTP verticle's event loop (the server's handlers), one thread.
 */
final class RequestHeadDeadline {

  private static final Logger LOG = LoggerFactory.getLogger(RequestHeadDeadline.class);

  private final Vertx vertx;
  private final long firstMillis;
  private final long nextMillis;
  private final Map<HttpConnection, Watch> watched = new HashMap<>();

  /** One connection's timer and the last request whose head it delivered. */
  private static final class Watch {
    long timer = -1;
    HttpServerRequest last;
  }

  RequestHeadDeadline(Vertx vertx, long firstMillis, long nextMillis) {
    this.vertx = vertx;
    this.firstMillis = firstMillis;
    this.nextMillis = nextMillis;
  }

  /** A connection was accepted: its first head is due within {@code firstMillis}. */
  void connected(HttpConnection connection) {
    Watch watch = new Watch();
    watched.put(connection, watch);
    connection.closeHandler(
        closed -> {
          Watch gone = watched.remove(connection);
          if (gone != null) {
            vertx.cancelTimer(gone.timer);
          }
        });
    arm(connection, watch, firstMillis);
  }

  /** A request's head arrived whole: the connection's next one is due within {@code nextMillis}. */
  void headReceived(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    Watch watch = watched.get(connection);
    if (watch == null) {
      return;
    }
    vertx.cancelTimer(watch.timer);
    if (request.version() == HttpVersion.HTTP_2) {
      watched.remove(connection);
      return;
    }
    watch.last = request;
    arm(connection, watch, nextMillis);
  }

  /**
   * The connection was upgraded (a WebSocket): no request head follows, so it is no longer watched;
   * the idle timeout and the stream's own pings keep it in check.
   */
  void upgraded(HttpConnection connection) {
    Watch watch = watched.remove(connection);
    if (watch != null) {
      vertx.cancelTimer(watch.timer);
    }
  }

  private void arm(HttpConnection connection, Watch watch, long millis) {
    watch.timer = vertx.setTimer(millis, t -> due(connection, watch));
  }

  private void due(HttpConnection connection, Watch watch) {
    if (watch.last != null && !watch.last.response().ended()) {
      arm(connection, watch, nextMillis);
      return;
    }
    LOG.debug("closing {}: no whole request head in time", connection.remoteAddress());
    watched.remove(connection);
    connection.close();
  }
}
