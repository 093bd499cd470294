package io.flarewatch.demo.bench;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Scrapes the edge's {@code GET /metrics} at a fixed interval, as a Prometheus server would. */
final class MetricsScraper {

  private final Vertx vertx;
  private final WebClient client;
  private final long timer;
  private final AtomicLong scrapes = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicReference<String> last = new AtomicReference<>("");

  private MetricsScraper(Vertx vertx, int port, Duration every) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
    this.timer = vertx.setPeriodic(every.toMillis(), id -> scrape(port));
  }

  static MetricsScraper start(Vertx vertx, int port, Duration every) {
    return new MetricsScraper(vertx, port, every);
  }

  private void scrape(int port) {
    client
        .get(port, "127.0.0.1", "/metrics")
        .send()
        .onSuccess(
            response -> {
              if (response.statusCode() == 200) {
                scrapes.incrementAndGet();
                last.set(response.bodyAsString());
              } else {
                failures.incrementAndGet();
              }
            })
        .onFailure(e -> failures.incrementAndGet());
  }

  long scrapes() {
    return scrapes.get();
  }

  long failures() {
    return failures.get();
  }

  String last() {
    return last.get();
  }

  /** A summary's quantile in the last scrape, as written there; "-" when absent. */
  String value(String summary, String quantile) {
    Matcher m =
        Pattern.compile(
                "(?m)^"
                    + Pattern.quote(summary)
                    + "\\{[^}]*quantile=\""
                    + Pattern.quote(quantile)
                    + "\"\\} (\\S+)$")
            .matcher(last.get());
    return m.find() ? m.group(1) : "-";
  }

  void stop() {
    vertx.cancelTimer(timer);
    client.close();
  }
}
