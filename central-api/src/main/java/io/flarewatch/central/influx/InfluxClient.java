package io.flarewatch.central.influx;

import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.wire.LineProtocol;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.UsernamePasswordCredentials;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * InfluxDB's v1 HTTP API: line protocol to {@code /write}, InfluxQL to {@code /query}.
 *
 * <p>Failures are typed: {@link InfluxUnavailableException} when the server cannot be reached or
 * fails (retry later), {@link InfluxRejectedException} when it refuses the request itself.
 */
public final class InfluxClient {

  private static final int TIMEOUT_MS = 30_000;

  private final WebClient web;
  private volatile boolean closed;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Promise<Void> drained = Promise.promise();
  private final InfluxConfig config;
  private final InfluxFailureCounts failures = new InfluxFailureCounts();

  public InfluxClient(Vertx vertx, InfluxConfig config) {
    this.config = config;
    this.web =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost(config.url().getHost())
                .setDefaultPort(config.port())
                .setSsl(config.ssl())
                .setKeepAlive(true)
                .setConnectTimeout(5_000),
            new PoolOptions().setHttp1MaxSize(16));
  }

  /** Writes and queries of this client that failed since it was created. */
  public InfluxFailureCounts failures() {
    return failures;
  }

  public String database() {
    return config.database();
  }

  /** Writes line protocol with millisecond timestamps; succeeds only once InfluxDB stored it. */
  public Future<Void> write(Buffer lineProtocol) {
    return write(lineProtocol, LineProtocol.PRECISION);
  }

  /** Writes line protocol whose timestamps have the given precision ({@code ms}, {@code ns}…). */
  public Future<Void> write(Buffer lineProtocol, String precision) {
    return tracked(
        () ->
            authenticated(web.post(path("/write")))
                .addQueryParam("db", config.database())
                .addQueryParam("precision", precision)
                .timeout(TIMEOUT_MS)
                .sendBuffer(lineProtocol)
                .recover(e -> Future.failedFuture(new InfluxUnavailableException(e)))
                .compose(response -> expect204(response, "write"))
                .onFailure(e -> failures.record(InfluxFailureCounts.Operation.WRITE, e)));
  }

  /** Runs InfluxQL (statements may be joined with ';') and returns InfluxDB's JSON result. */
  public Future<JsonArray> query(String influxql) {
    return tracked(
        () ->
            authenticated(web.get(path("/query")))
                .addQueryParam("db", config.database())
                .addQueryParam("epoch", LineProtocol.PRECISION)
                .addQueryParam("q", influxql)
                .timeout(TIMEOUT_MS)
                .send()
                .recover(e -> Future.failedFuture(new InfluxUnavailableException(e)))
                .compose(this::results)
                .onFailure(e -> failures.record(InfluxFailureCounts.Operation.QUERY, e)));
  }

  /** Creates the database if it does not exist (idempotent in InfluxDB 1.x). */
  public Future<Void> createDatabase() {
    return authenticated(web.post(path("/query")))
        .addQueryParam("q", "CREATE DATABASE " + InfluxQl.identifier(config.database()))
        .timeout(TIMEOUT_MS)
        .send()
        .recover(e -> Future.failedFuture(new InfluxUnavailableException(e)))
        .compose(this::results)
        .mapEmpty();
  }

  public Future<Boolean> ping() {
    return web.get(path("/ping"))
        .timeout(5_000)
        .send()
        .map(r -> r.statusCode() == 204)
        .otherwise(false);
  }

  /** Closes at once: operations in flight fail. */
  public void close() {
    closed = true;
    web.close();
  }

  /**
   * Refuses new operations, lets those in flight finish (an audit entry, a batch the edge waits
   * for) for at most {@code grace}, then closes.
   */
  public Future<Void> close(Duration grace) {
    closed = true;
    if (inFlight.get() == 0) {
      drained.tryComplete();
    }
    return drained
        .future()
        .timeout(grace.toMillis(), TimeUnit.MILLISECONDS)
        .otherwiseEmpty()
        .andThen(done -> web.close());
  }

  /** Runs an operation unless the client is closing, counting it while it is in flight. */
  private <T> Future<T> tracked(Supplier<Future<T>> operation) {
    inFlight.incrementAndGet();
    if (closed) {
      finished();
      return Future.failedFuture(new InfluxUnavailableException("central is stopping"));
    }
    return operation.get().andThen(done -> finished());
  }

  private void finished() {
    if (inFlight.decrementAndGet() == 0 && closed) {
      drained.tryComplete();
    }
  }

  private String path(String endpoint) {
    String base = config.url().getPath();
    if (base == null || base.isEmpty() || base.equals("/")) {
      return endpoint;
    }
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + endpoint;
  }

  private HttpRequest<Buffer> authenticated(HttpRequest<Buffer> request) {
    if (!config.username().isEmpty()) {
      request.authentication(new UsernamePasswordCredentials(config.username(), config.password()));
    }
    return request;
  }

  private Future<Void> expect204(HttpResponse<Buffer> response, String what) {
    int status = response.statusCode();
    if (status == 204 || status == 200) {
      return Future.succeededFuture();
    }
    String error = errorText(response);
    if (status >= 500) {
      return Future.failedFuture(
          new InfluxUnavailableException(what + ": " + status + " " + error));
    }
    return Future.failedFuture(new InfluxRejectedException(status, error));
  }

  private Future<JsonArray> results(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status != 200) {
      String error = errorText(response);
      return Future.failedFuture(
          status >= 500
              ? new InfluxUnavailableException("query: " + status + " " + error)
              : new InfluxRejectedException(status, error));
    }
    JsonArray results = response.bodyAsJsonObject().getJsonArray("results", new JsonArray());
    for (int i = 0; i < results.size(); i++) {
      String error = results.getJsonObject(i).getString("error");
      if (error != null) {
        return Future.failedFuture(new InfluxRejectedException(400, error));
      }
    }
    return Future.succeededFuture(results);
  }

  private static String errorText(HttpResponse<Buffer> response) {
    Buffer body = response.body();
    if (body == null || body.length() == 0) {
      return "(no body)";
    }
    try {
      JsonObject json = body.toJsonObject();
      return json.getString("error", body.toString());
    } catch (DecodeException notJson) {
      return body.toString();
    }
  }
}
