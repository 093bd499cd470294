package io.flarewatch.demo.bench;

import io.flarewatch.influx.local.LocalInfluxd;
import io.flarewatch.wire.LineProtocol;
import io.flarewatch.wire.Point;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Central's ingest throughput next to writing the same line protocol straight to InfluxDB, in one
 * run on one InfluxDB: the same batches, the same number in flight, alternating rounds (and which
 * path goes first in a round) so drift and InfluxDB's background work affect both alike. Central
 * runs in its own JVM as deployed.
 *
 * <p>A warm-up of many small batches each way is not counted: it takes central's per-request code
 * through the JIT, which at 5,000-line batches would take minutes, so the rounds measure central as
 * a long-running service runs, not its first minutes.
 *
 * <p>{@code flarewatch bench ingest [--batches 200] [--lines 5000] [--in-flight 8] [--rounds 6]
 * [--warm-up-batches 20000]}
 */
public final class IngestBenchmark {

  /** Lines per warm-up batch: many small requests take central's request path through the JIT. */
  private static final int WARM_UP_LINES = 100;

  /** Its options, each with its default and range; {@code --help} prints them. */
  static final BenchOptions OPTIONS =
      new BenchOptions(
          "ingest",
          "Writes the same batches of line protocol straight to InfluxDB and through central (in"
              + " its own JVM),\nin alternating rounds, and prints both throughputs and their"
              + " ratio. Goal: central >= 90 % of direct.",
          new BenchOptions.Option("--batches", 200, 1, 1_000_000, "batches per round and path"),
          new BenchOptions.Option("--lines", 5000, 1, 100_000, "lines (miner points) per batch"),
          new BenchOptions.Option("--in-flight", 8, 1, 256, "requests in flight"),
          new BenchOptions.Option("--rounds", 6, 1, 1000, "rounds, each path once per round"),
          new BenchOptions.Option(
              "--warm-up-batches",
              20_000,
              0,
              10_000_000,
              "small uncounted batches each way first"));

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchOptions.Values options = OPTIONS.readOrExit(args);
    if (options == null) {
      return;
    }
    int batches = options.get("--batches");
    int linesPerBatch = options.get("--lines");
    int inFlight = options.get("--in-flight");
    int rounds = options.get("--rounds");
    int warmUpBatches = options.get("--warm-up-batches");
    Path work = Files.createTempDirectory("flarewatch-ingest-");
    String token = "bench-token";
    System.out.printf(
        "ingest benchmark: %d rounds of %d batches x %d lines, %d in flight%n",
        rounds, batches, linesPerBatch, inFlight);
    try (LocalInfluxd influxd = LocalInfluxd.start(work.resolve("influxdb"));
        BenchSupport.RunningCentral central = BenchSupport.startCentral(work, influxd, token)) {
      Vertx vertx = Vertx.vertx();
      WebClient client = WebClient.create(vertx);
      URI influx = influxd.url();
      client
          .post(influx.getPort(), "127.0.0.1", "/query")
          .addQueryParam("q", "CREATE DATABASE direct")
          .send()
          .await();
      Function<Buffer, HttpRequest<Buffer>> direct =
          body ->
              client
                  .post(influx.getPort(), "127.0.0.1", "/write")
                  .addQueryParam("db", "direct")
                  .addQueryParam("precision", "ms")
                  .putHeader("Content-Type", "text/plain");
      Function<Buffer, HttpRequest<Buffer>> viaCentral =
          body ->
              client
                  .post(central.port(), "127.0.0.1", "/api/v1/sites/bench-site/samples")
                  .bearerTokenAuthentication(token)
                  .putHeader("Content-Type", "text/plain");
      System.out.printf(
          "warming up: %d batches x %d lines each way ...%n", warmUpBatches, WARM_UP_LINES);
      List<Buffer> warmUp = bodies(warmUpBatches, WARM_UP_LINES, 0);
      double warmUpDirect = run(warmUp, inFlight, direct, 204);
      double warmUpCentral = run(warmUp, inFlight, viaCentral, 200);
      System.out.printf(
          Locale.ROOT,
          "warm-up (not counted): direct %.1f s, via central %.1f s%n",
          warmUpDirect,
          warmUpCentral);
      double directTotal = 0;
      double centralTotal = 0;
      long linesTotal = 0;
      for (int round = 1; round <= rounds; round++) {
        List<Buffer> bodies = bodies(batches, linesPerBatch, round);
        double directSeconds;
        double centralSeconds;
        if (round % 2 == 1) {
          directSeconds = run(bodies, inFlight, direct, 204);
          centralSeconds = run(bodies, inFlight, viaCentral, 200);
        } else {
          centralSeconds = run(bodies, inFlight, viaCentral, 200);
          directSeconds = run(bodies, inFlight, direct, 204);
        }
        long lines = (long) batches * linesPerBatch;
        System.out.printf(
            Locale.ROOT,
            "round %d: direct %.0f lines/s, via central %.0f lines/s, ratio %.1f %%%n",
            round,
            lines / directSeconds,
            lines / centralSeconds,
            100 * directSeconds / centralSeconds);
        directTotal += directSeconds;
        centralTotal += centralSeconds;
        linesTotal += lines;
      }
      System.out.printf(
          Locale.ROOT, "direct to InfluxDB     %.0f lines/s%n", linesTotal / directTotal);
      System.out.printf(
          Locale.ROOT, "through central        %.0f lines/s%n", linesTotal / centralTotal);
      System.out.printf(
          Locale.ROOT, "central / direct       %.1f %%%n", 100 * directTotal / centralTotal);
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** Sends every body with {@code inFlight} requests at a time; returns the seconds taken. */
  private static double run(
      List<Buffer> bodies,
      int inFlight,
      Function<Buffer, HttpRequest<Buffer>> request,
      int expectedStatus) {
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < inFlight; lane++) {
      Promise<Void> done = Promise.promise();
      sendNext(bodies, next, request, expectedStatus, done);
      lanes.add(done.future());
    }
    Future.all(lanes).await();
    return (System.nanoTime() - start) / 1e9;
  }

  private static void sendNext(
      List<Buffer> bodies,
      AtomicInteger next,
      Function<Buffer, HttpRequest<Buffer>> request,
      int expectedStatus,
      Promise<Void> done) {
    int index = next.getAndIncrement();
    if (index >= bodies.size()) {
      done.complete();
      return;
    }
    Buffer body = bodies.get(index);
    request
        .apply(body)
        .sendBuffer(body)
        .onSuccess(
            response -> {
              if (response.statusCode() != expectedStatus) {
                done.fail("answered " + response.statusCode() + ": " + response.bodyAsString());
              } else {
                sendNext(bodies, next, request, expectedStatus, done);
              }
            })
        .onFailure(done::fail);
  }

  /**
   * Miner points as the edge writes them, a new time range per round (about 12 days apart, each in
   * its own shard), all in the past: central refuses points dated ahead of its clock.
   */
  private static List<Buffer> bodies(int batches, int linesPerBatch, int round) {
    Random random = new Random(round);
    long start = 1_600_000_000_000L + round * 1_000_000_000L;
    List<Buffer> bodies = new ArrayList<>(batches);
    int miners = 1000;
    long line = 0;
    for (int b = 0; b < batches; b++) {
      StringBuilder body = new StringBuilder(linesPerBatch * 200);
      for (int l = 0; l < linesPerBatch; l++, line++) {
        long t = start + (line / miners) * 10_000;
        LineProtocol.appendTo(
            body,
            Point.builder("miner", t)
                .tag("site", "bench-site")
                .tag("miner", String.format("miner-%04d", line % miners + 1))
                .tag("firmware", "antminer")
                .field("up", 1L)
                .field("state", "mining")
                .field(
                    "hashrate_ths", Math.round((100 + random.nextGaussian() * 3) * 1000) / 1000.0)
                .field("temp_chip_max_c", (double) (70 + random.nextInt(8)))
                .field("fan_rpm_max", 5400L + random.nextInt(300))
                .field("uptime_s", 86_400L + line)
                .build());
        body.append('\n');
      }
      bodies.add(Buffer.buffer(body.toString()));
    }
    return bodies;
  }
}
