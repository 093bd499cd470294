package io.flarewatch.edge.uplink;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Central's ingest endpoint as the uplink sees it: records every request's lines and answers with
 * the status the test chooses per request. (InfluxDB is not involved here.)
 */
final class FakeCentral implements AutoCloseable {

  /** What to answer: a status and an optional Retry-After in seconds. */
  record Answer(int status, Integer retryAfterSeconds) {
    static final Answer OK = new Answer(200, null);
  }

  private final HttpServer server;
  private final List<List<String>> requests = new ArrayList<>();
  private final List<List<String>> accepted = new ArrayList<>();
  private volatile Function<List<String>, Answer> answer = lines -> Answer.OK;

  FakeCentral(Vertx vertx) {
    server =
        vertx
            .createHttpServer(new HttpServerOptions().setDecompressionSupported(true))
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            body -> {
                              List<String> lines =
                                  Arrays.stream(body.toString().split("\n"))
                                      .filter(l -> !l.isEmpty())
                                      .toList();
                              Answer reply = answer.apply(lines);
                              synchronized (this) {
                                requests.add(lines);
                                if (reply.status() == 200) {
                                  accepted.add(lines);
                                }
                              }
                              if (reply.retryAfterSeconds() != null) {
                                request
                                    .response()
                                    .putHeader("Retry-After", reply.retryAfterSeconds().toString());
                              }
                              request.response().setStatusCode(reply.status()).end("{}");
                            }))
            .listen(0, "127.0.0.1")
            .await();
  }

  int port() {
    return server.actualPort();
  }

  void answer(Function<List<String>, Answer> answer) {
    this.answer = answer;
  }

  synchronized List<List<String>> requests() {
    return new ArrayList<>(requests);
  }

  /** Every line of every accepted request, in the order received. */
  synchronized List<String> acceptedLines() {
    return accepted.stream().flatMap(List::stream).toList();
  }

  @Override
  public void close() {
    server.close().await();
  }
}
