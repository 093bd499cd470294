package io.flarewatch.demo.bench;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A user at central's HTTP API, timing GETs: each answer must be 200, else the run stops naming the
 * path, status and body. Times are milliseconds from sending until the whole body is read.
 */
final class ApiTimer {

  /** One answer, its headers, and how long it took. */
  record Timed(String path, String body, double millis, HttpHeaders headers) {}

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String bearer;
  private final Map<String, List<Double>> samples = new LinkedHashMap<>();

  ApiTimer(int port, String bearer) {
    this.base = "http://127.0.0.1:" + port;
    this.bearer = bearer;
  }

  /** Logs in as {@code user} and returns the bearer token. */
  static String login(int port, String user, String password) throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/auth/token"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            new JsonObject()
                                .put("username", user)
                                .put("password", password)
                                .encode()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "login of " + user + " answered " + answer.statusCode() + ": " + answer.body());
    }
    return new JsonObject(answer.body()).getString("token");
  }

  /** GETs every path at once, as a screen does, and waits for all; the last is the slowest. */
  List<Timed> getAll(List<String> paths, Duration timeout) {
    List<CompletableFuture<Timed>> answers = new ArrayList<>();
    for (String path : paths) {
      long began = System.nanoTime();
      answers.add(
          http.sendAsync(request(path, timeout), HttpResponse.BodyHandlers.ofString())
              .thenApply(answer -> timed(path, answer, began)));
    }
    return answers.stream().map(CompletableFuture::join).toList();
  }

  /** One GET. */
  Timed get(String path, Duration timeout) {
    return getAll(List.of(path), timeout).get(0);
  }

  /** One POST without a body, which must be answered {@code expectedStatus}. */
  Timed post(String path, int expectedStatus, Duration timeout) throws Exception {
    long began = System.nanoTime();
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + bearer)
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != expectedStatus) {
      throw new IllegalStateException(
          "POST " + path + " answered " + answer.statusCode() + ": " + answer.body());
    }
    return new Timed(path, answer.body(), (System.nanoTime() - began) / 1e6, answer.headers());
  }

  /** Keeps {@code millis} under {@code name}, for {@link #summary}. */
  void record(String name, double millis) {
    samples.computeIfAbsent(name, k -> new ArrayList<>()).add(millis);
  }

  /** One line per name: p50, p99 (nearest rank) and max, in the order first recorded. */
  List<String> summary() {
    List<String> lines = new ArrayList<>();
    samples.forEach(
        (name, values) -> {
          List<Double> sorted = values.stream().sorted().toList();
          lines.add(
              String.format(
                  Locale.ROOT,
                  "  %-42s p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  (%d rounds)",
                  name,
                  CommandsBenchmark.percentile(sorted, 50),
                  CommandsBenchmark.percentile(sorted, 99),
                  sorted.get(sorted.size() - 1),
                  sorted.size()));
        });
    return lines;
  }

  void reset() {
    samples.clear();
  }

  private HttpRequest request(String path, Duration timeout) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + bearer)
        .timeout(timeout)
        .build();
  }

  private static Timed timed(String path, HttpResponse<String> answer, long began) {
    double millis = (System.nanoTime() - began) / 1e6;
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "GET " + path + " answered " + answer.statusCode() + ": " + answer.body());
    }
    return new Timed(path, answer.body(), millis, answer.headers());
  }
}
