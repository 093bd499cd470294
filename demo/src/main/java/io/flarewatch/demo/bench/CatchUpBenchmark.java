package io.flarewatch.demo.bench;

import io.flarewatch.edge.EdgeApp;
import io.flarewatch.edge.buffer.SqliteSampleBuffer;
import io.flarewatch.edge.config.BufferConfig;
import io.flarewatch.edge.config.CentralLink;
import io.flarewatch.edge.config.EdgeConfig;
import io.flarewatch.edge.config.PollingConfig;
import io.flarewatch.edge.config.UplinkConfig;
import io.flarewatch.influx.local.LocalInfluxd;
import io.flarewatch.wire.LineProtocol;
import io.flarewatch.wire.Point;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * After an outage of {@code --backlog-minutes} (default 60) at a site of {@code --miners} (default
 * 1,000) polled every 10 s, how fast does the edge catch up? Fills the edge's buffer with the
 * backlog (miner points shaped as the edge writes them, collected over the past period), then
 * starts the edge against central and InfluxDB (separate processes) and times the drain.
 *
 * <p>{@code flarewatch bench catch-up [--miners 1000] [--backlog-minutes 60] [--catch-up-factor
 * 60]}
 */
public final class CatchUpBenchmark {

  private static final String SITE = "bench-site";
  private static final long INTERVAL_MILLIS = 10_000;

  /** Its options, each with its default and range; {@code --help} prints them. */
  static final BenchOptions OPTIONS =
      new BenchOptions(
          "catch-up",
          "Fills the edge's buffer with the backlog of an outage at a site polled every 10 s, then"
              + " starts the edge\nagainst central and InfluxDB (separate processes) and times"
              + " how fast it drains. Goal: >= 50x real time.",
          new BenchOptions.Option("--miners", 1000, 1, 10_000, "miners of the site"),
          new BenchOptions.Option(
              "--backlog-minutes", 60, 1, 10_080, "length of the outage, minutes"),
          new BenchOptions.Option(
              "--catch-up-factor", 60, 1, 100_000, "the edge's catch-up throttle, x real time"));

  private CatchUpBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchOptions.Values options = OPTIONS.readOrExit(args);
    if (options == null) {
      return;
    }
    int miners = options.get("--miners");
    int minutes = options.get("--backlog-minutes");
    int factor = options.get("--catch-up-factor");
    Path work = Files.createTempDirectory("flarewatch-catch-up-");
    Path bufferFile = work.resolve("edge.db");
    long now = System.currentTimeMillis();
    long start = now - minutes * 60_000L;
    int cycles = (int) (minutes * 60_000L / INTERVAL_MILLIS);
    long lines = fill(bufferFile, miners, start, cycles);
    System.out.printf(
        Locale.ROOT,
        "catch-up benchmark: %d lines (%d miners, %d cycles = %d min of backlog), catch-up factor %d%n",
        lines,
        miners,
        cycles,
        minutes,
        factor);
    String token = "bench-token";
    try (LocalInfluxd influxd = LocalInfluxd.start(work.resolve("influxdb"));
        BenchSupport.RunningCentral central = BenchSupport.startCentral(work, influxd, token)) {
      Vertx vertx = Vertx.vertx();
      EdgeConfig config =
          new EdgeConfig(
              SITE,
              new CentralLink(URI.create("http://127.0.0.1:" + central.port()), token),
              new PollingConfig(INTERVAL_MILLIS, 3_000L, 200, 1_000L),
              List.of(),
              List.of(),
              List.of(),
              new BufferConfig(bufferFile, 4L << 30),
              new UplinkConfig(null, null, null, null, null, (double) factor),
              null,
              null);
      long began = System.nanoTime();
      EdgeApp edge = EdgeApp.start(vertx, config).await(60, TimeUnit.SECONDS);
      while (edge.buffer().stats().await().lines() > 0) {
        Thread.sleep(200);
      }
      double seconds = (System.nanoTime() - began) / 1e9;
      long bytes = edge.uplinkStats().bytesSent();
      long fields = edge.uplinkStats().fieldValuesSent();
      edge.stop().await(30, TimeUnit.SECONDS);
      vertx.close().await(30, TimeUnit.SECONDS);
      System.out.printf(Locale.ROOT, "drained in             %.1f s%n", seconds);
      System.out.printf(
          Locale.ROOT, "catch-up rate          %.0f x real time%n", minutes * 60 / seconds);
      System.out.printf(Locale.ROOT, "lines per second       %.0f%n", lines / seconds);
      System.out.printf(
          Locale.ROOT,
          "bytes per field value  %.2f B%n",
          fields == 0 ? 0.0 : (double) bytes / fields);
    }
  }

  /** Appends the backlog one cycle per transaction, stamped as collected at its cycle time. */
  private static long fill(Path bufferFile, int miners, long start, int cycles) {
    Random random = new Random(42);
    long lines = 0;
    SettableClock clock = new SettableClock();
    try (SqliteSampleBuffer buffer = SqliteSampleBuffer.open(bufferFile, 4L << 30, clock)) {
      for (int c = 0; c < cycles; c++) {
        long t = start + c * INTERVAL_MILLIS;
        clock.millis = t;
        List<String> cycle = new ArrayList<>(miners + 1);
        for (int m = 1; m <= miners; m++) {
          cycle.add(
              LineProtocol.encode(
                  Point.builder("miner", t)
                      .tag("site", SITE)
                      .tag("miner", String.format("miner-%04d", m))
                      .tag(
                          "firmware", m % 3 == 0 ? "luxos" : m % 3 == 1 ? "antminer" : "braiins_os")
                      .field("up", 1L)
                      .field("state", "mining")
                      .field(
                          "hashrate_ths",
                          Math.round((100 + random.nextGaussian() * 3) * 1000) / 1000.0)
                      .field("temp_chip_max_c", (double) (70 + random.nextInt(8)))
                      .field("temp_board_max_c", (double) (60 + random.nextInt(6)))
                      .field("fan_rpm_max", 5400L + random.nextInt(300))
                      .field("uptime_s", 86_400L + c * 10L)
                      .field("pools_alive", 1L)
                      .field("pools_total", 1L)
                      .build()));
        }
        buffer.append(cycle);
        lines += cycle.size();
      }
    }
    return lines;
  }

  /** A clock the filler sets to each cycle's time, so lines look collected then. */
  private static final class SettableClock extends Clock {
    long millis;

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException("the filler clock has one zone");
    }
  }
}
