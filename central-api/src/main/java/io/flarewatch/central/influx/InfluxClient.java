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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * InfluxDB's v1 HTTP API: line protocol to {@code /write}, InfluxQL to {@code /query}, on one
 * database: the one ingest writes the sites' data to, or ({@link #centralData()}) central's own.
 *
 * <p>Failures are typed: {@link InfluxUnavailableException} when the server cannot be reached or
 * fails (retry later), {@link InfluxRejectedException} when it refuses the request itself. What
 * InfluxDB said is logged here and never carried in the exception's message, which clients may see.
 */
public final class InfluxClient {

  private static final int TIMEOUT_MS = 30_000;
  private static final int MAX_LOGGED_ERROR_CHARS = 500;
  private static final Logger LOG = LoggerFactory.getLogger(InfluxClient.class);

  private final Connection connection;
  private final InfluxConfig config;
  private final String database;

  /** The HTTP client and what the views of one client share: in-flight count, failures. */
  private static final class Connection {
    final WebClient web;
    final AtomicInteger inFlight = new AtomicInteger();
    final Promise<Void> drained = Promise.promise();
    final InfluxFailureCounts failures = new InfluxFailureCounts();
    volatile boolean closed;

    Connection(WebClient web) {
      this.web = web;
    }
  }

  /** A client of the ingest database. */
  public InfluxClient(Vertx vertx, InfluxConfig config) {
    this(
        new Connection(
            WebClient.create(
                vertx,
                new WebClientOptions()
                    .setDefaultHost(config.url().getHost())
                    .setDefaultPort(config.port())
                    .setSsl(config.ssl())
                    .setKeepAlive(true)
                    .setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(16))),
        config,
        config.database());
  }

  private InfluxClient(Connection connection, InfluxConfig config, String database) {
    this.connection = connection;
    this.config = config;
    this.database = database;
  }

  /**
   * The same client on central's own database ({@code influx.centralDatabase}): the audit log and
   * whatever else only central writes. Ingest never writes there. Closing either closes both.
   */
  public InfluxClient centralData() {
    return new InfluxClient(connection, config, config.centralDatabase());
  }

  /** Writes and queries of this client (and its other database's view) that failed. */
  public InfluxFailureCounts failures() {
    return connection.failures;
  }

  public String database() {
    return database;
  }

  /** Writes line protocol with millisecond timestamps; succeeds only once InfluxDB stored it. */
  public Future<Void> write(Buffer lineProtocol) {
    return write(lineProtocol, LineProtocol.PRECISION);
  }

  /** Writes line protocol whose timestamps have the given precision ({@code ms}, {@code ns}…). */
  public Future<Void> write(Buffer lineProtocol, String precision) {
    return write(lineProtocol, precision, null);
  }

  /**
   * Writes line protocol to a retention policy ({@code rp}; null: the database's default), with
   * timestamps of the given precision.
   */
  public Future<Void> write(Buffer lineProtocol, String precision, String retentionPolicy) {
    return tracked(
        () -> {
          HttpRequest<Buffer> request =
              authenticated(connection.web.post(path("/write")))
                  .addQueryParam("db", database)
                  .addQueryParam("precision", precision);
          if (retentionPolicy != null) {
            request.addQueryParam("rp", retentionPolicy);
          }
          return request
              .timeout(TIMEOUT_MS)
              .sendBuffer(lineProtocol)
              .recover(e -> Future.failedFuture(new InfluxUnavailableException(e)))
              .compose(response -> expect204(response, "write"))
              .onFailure(e -> connection.failures.record(InfluxFailureCounts.Operation.WRITE, e));
        });
  }

  /** How long a write or query may take before it counts as failed, in milliseconds. */
  public static int timeoutMillis() {
    return TIMEOUT_MS;
  }

  /** Runs InfluxQL (statements may be joined with ';') and returns InfluxDB's JSON result. */
  public Future<JsonArray> query(String influxql) {
    return tracked(
        () ->
            authenticated(connection.web.get(path("/query")))
                .addQueryParam("db", database)
                .addQueryParam("epoch", LineProtocol.PRECISION)
                .addQueryParam("q", influxql)
                .timeout(TIMEOUT_MS)
                .send()
                .recover(e -> Future.failedFuture(new InfluxUnavailableException(e)))
                .compose(this::results)
                .onFailure(
                    e -> connection.failures.record(InfluxFailureCounts.Operation.QUERY, e)));
  }

  /**
   * Runs many statements, {@code perQuery} to a request one request after another, and returns
   * their results in order, as one answer to all of them would be.
   */
  public Future<JsonArray> queryEach(List<String> statements, int perQuery) {
    JsonArray all = new JsonArray();
    Future<Void> chain = Future.succeededFuture();
    for (int first = 0; first < statements.size(); first += perQuery) {
      List<String> batch = statements.subList(first, Math.min(statements.size(), first + perQuery));
      chain =
          chain.compose(
              v -> query(String.join("; ", batch)).map(results -> all.addAll(results)).mapEmpty());
    }
    return chain.map(all);
  }

  /** Creates the database if it does not exist (idempotent in InfluxDB 1.x). */
  public Future<Void> createDatabase() {
    return authenticated(connection.web.post(path("/query")))
        .addQueryParam("q", "CREATE DATABASE " + InfluxQl.identifier(database))
        .timeout(TIMEOUT_MS)
        .send()
        .recover(e -> Future.failedFuture(new InfluxUnavailableException(e)))
        .compose(this::results)
        .mapEmpty();
  }

  public Future<Boolean> ping() {
    return connection
        .web
        .get(path("/ping"))
        .timeout(5_000)
        .send()
        .map(r -> r.statusCode() == 204)
        .otherwise(false);
  }

  /** Closes at once: operations in flight fail. */
  public void close() {
    connection.closed = true;
    connection.web.close();
  }

  /**
   * Refuses new operations, lets those in flight finish (an audit entry, a batch the edge waits
   * for) for at most {@code grace}, then closes.
   */
  public Future<Void> close(Duration grace) {
    connection.closed = true;
    if (connection.inFlight.get() == 0) {
      connection.drained.tryComplete();
    }
    return connection
        .drained
        .future()
        .timeout(grace.toMillis(), TimeUnit.MILLISECONDS)
        .otherwiseEmpty()
        .andThen(done -> connection.web.close());
  }

  /** Runs an operation unless the client is closing, counting it while it is in flight. */
  private <T> Future<T> tracked(Supplier<Future<T>> operation) {
    connection.inFlight.incrementAndGet();
    if (connection.closed) {
      finished();
      return Future.failedFuture(new InfluxUnavailableException("central is stopping"));
    }
    return operation.get().andThen(done -> finished());
  }

  private void finished() {
    if (connection.inFlight.decrementAndGet() == 0 && connection.closed) {
      connection.drained.tryComplete();
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
    String error = logged(what, status, errorText(response));
    if (status >= 500) {
      return Future.failedFuture(new InfluxUnavailableException(what + ": " + status));
    }
    return Future.failedFuture(new InfluxRejectedException(status, error));
  }

  private Future<JsonArray> results(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status != 200) {
      String error = logged("query", status, errorText(response));
      return Future.failedFuture(
          status >= 500
              ? new InfluxUnavailableException("query: " + status)
              : new InfluxRejectedException(status, error));
    }
    JsonArray results = response.bodyAsJsonObject().getJsonArray("results", new JsonArray());
    for (int i = 0; i < results.size(); i++) {
      String error = results.getJsonObject(i).getString("error");
      if (error != null) {
        return Future.failedFuture(new InfluxRejectedException(400, logged("query", 400, error)));
      }
    }
    return Future.succeededFuture(results);
  }

  /** Logs what InfluxDB said (cut short: it may quote a whole line) and returns it. */
  private String logged(String what, int status, String error) {
    LOG.warn(
        "InfluxDB refused {} on database '{}' ({}): {}",
        what,
        database,
        status,
        error.length() <= MAX_LOGGED_ERROR_CHARS
            ? error
            : error.substring(0, MAX_LOGGED_ERROR_CHARS) + "... (" + error.length() + " chars)");
    return error;
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
