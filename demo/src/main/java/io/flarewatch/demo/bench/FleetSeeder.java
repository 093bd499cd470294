package io.flarewatch.demo.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Writes the fleet's history straight to InfluxDB's {@code /write}, a few batches in flight, and
 * prints its progress. Straight, not through central's ingest: central checks that a batch is the
 * token's site, so seeding through it would take a token per site and one request per site and
 * batch, and what central adds to a write is measured on its own by {@code bench ingest}.
 */
final class FleetSeeder implements AutoCloseable {

  /**
   * Points per request. An emissions point is about 2 kB (every figure and every parameter), so a
   * batch is about 2 MB at most, well within InfluxDB's 10 s write timeout on a busy machine.
   */
  static final int BATCH_POINTS = 1000;

  /**
   * Points per request of the fleet's day: a site's cycles (about 3 kB each, 5 points) and its
   * miners (about 250 B each), so a request is 1 to 3 MB. InfluxData advises batches of 5,000 to
   * 10,000 points; a few times fewer requests than at 1,000.
   */
  static final int FLEET_BATCH_POINTS = 5000;

  /** Attempts of a batch: InfluxDB may time a write out under load; a replay stores it once. */
  private static final int ATTEMPTS = 3;

  /**
   * Requests in flight, each built by its own thread: influxd takes concurrent writes on every core
   * it has, and parses one request while another's WAL write is synced.
   */
  private static final int IN_FLIGHT = Math.max(4, Runtime.getRuntime().availableProcessors());

  private static final long PROGRESS_NANOS = 15_000_000_000L;

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI write;
  private final ExecutorService writers = Executors.newFixedThreadPool(IN_FLIGHT);
  private final List<Future<?>> pending = new ArrayList<>();
  private final AtomicLong lines = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private long started;
  private long lastProgress;

  FleetSeeder(URI influx, String database) {
    this.write =
        influx.resolve(
            "/write?precision=ms&db=" + URLEncoder.encode(database, StandardCharsets.UTF_8));
  }

  /** What a seeding wrote: points (lines), bytes of line protocol, and how long it took. */
  record Seeded(long points, long bytes, double seconds) {
    double pointsPerSecond() {
      return points / Math.max(seconds, 1e-3);
    }
  }

  /** Seeds what {@code batches} makes: each appends one batch of lines. */
  Seeded seed(String what, long expectedLines, List<Consumer<StringBuilder>> batches)
      throws Exception {
    System.out.printf(Locale.ROOT, "seeding %s: %,d points ...%n", what, expectedLines);
    started = System.nanoTime();
    lastProgress = started;
    lines.set(0);
    bytes.set(0);
    for (Consumer<StringBuilder> batch : batches) {
      while (pending.size() >= IN_FLIGHT * 2) {
        pending.remove(0).get();
        progress(expectedLines);
      }
      pending.add(writers.submit(() -> write(batch)));
    }
    while (!pending.isEmpty()) {
      pending.remove(0).get();
      progress(expectedLines);
    }
    Seeded seeded = new Seeded(lines.get(), bytes.get(), (System.nanoTime() - started) / 1e9);
    System.out.printf(
        Locale.ROOT,
        "seeded %s: %,d points, %.0f MB of line protocol in %.0f s (%,.0f points/s)%n",
        what,
        seeded.points(),
        seeded.bytes() / 1e6,
        seeded.seconds(),
        seeded.pointsPerSecond());
    return seeded;
  }

  private Void write(Consumer<StringBuilder> batch) throws Exception {
    StringBuilder body = new StringBuilder(BATCH_POINTS * 2000);
    batch.accept(body);
    byte[] bytesOut = body.toString().getBytes(StandardCharsets.UTF_8);
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(write)
                  .timeout(Duration.ofMinutes(5))
                  .header("Content-Type", "text/plain")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(bytesOut))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 204) {
        break;
      }
      if (response.statusCode() < 500 || attempt == ATTEMPTS) {
        throw new IllegalStateException(
            "InfluxDB answered " + response.statusCode() + " to a write: " + response.body());
      }
      System.out.printf(
          Locale.ROOT,
          "  a write answered %d %s, sent again%n",
          response.statusCode(),
          response.body().strip());
    }
    long count = 0;
    for (int i = 0; i < body.length(); i++) {
      if (body.charAt(i) == '\n') {
        count++;
      }
    }
    lines.addAndGet(count);
    bytes.addAndGet(bytesOut.length);
    return null;
  }

  private void progress(long expectedLines) {
    long now = System.nanoTime();
    if (now - lastProgress >= PROGRESS_NANOS) {
      lastProgress = now;
      double seconds = (now - started) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "  %,d of %,d points (%.0f %%), %.0f s, %,.0f points/s%n",
          lines.get(),
          expectedLines,
          100.0 * lines.get() / Math.max(1, expectedLines),
          seconds,
          lines.get() / seconds);
    }
  }

  @Override
  public void close() {
    writers.shutdownNow();
  }
}
