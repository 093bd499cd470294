package io.flarewatch.demo.bench;

import io.flarewatch.edge.EdgeApp;
import io.flarewatch.edge.config.BufferConfig;
import io.flarewatch.edge.config.CentralLink;
import io.flarewatch.edge.config.EdgeConfig;
import io.flarewatch.edge.config.MetricsConfig;
import io.flarewatch.edge.config.MinerRangeConfig;
import io.flarewatch.edge.config.ModbusConfig;
import io.flarewatch.edge.config.PollingConfig;
import io.flarewatch.edge.config.UplinkConfig;
import io.flarewatch.edge.polling.PollingStats;
import io.flarewatch.influx.local.LocalInfluxd;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Polls a simulated site of N miners (each on its own loopback address, port 4028) every interval
 * for a while and prints cycle p50/p99, the edge's CPU use and its resident memory.
 *
 * <p>The simulator, central and InfluxDB run as separate processes, so the figures are the edge's
 * alone: polling, buffering in SQLite and streaming to central.
 *
 * <p>It also prints the uplink's steady-state cost on the wire: gzip request-body bytes per field
 * value central acknowledged.
 *
 * <p>The edge serves {@code GET /metrics} as deployed, scraped every 15 s as a Prometheus server
 * would; the last scrape's cycle quantiles are printed beside the benchmark's own.
 *
 * <p>{@code flarewatch bench polling [--miners 1000] [--interval-ms 10000] [--duration-s 130]}
 */
public final class PollingBenchmark {

  /** Its options, each with its default and range; {@code --help} prints them. */
  static final BenchOptions OPTIONS =
      new BenchOptions(
          "polling",
          "Polls a simulated site of N miners (each on its own loopback address, port 4028) every"
              + " interval and prints\ncycle p50/p99, the edge's CPU use, its resident memory and"
              + " the uplink's bytes per field value.\nSimulator, central and InfluxDB run as"
              + " separate processes; the edge JVM runs as deployed.",
          new BenchOptions.Option("--miners", 1000, 1, 10_000, "miners of the simulated site"),
          new BenchOptions.Option(
              "--interval-ms", 10_000, 100, 3_600_000, "the edge's poll interval, ms"),
          new BenchOptions.Option(
              "--duration-s",
              130,
              1,
              86_400,
              "how long to poll, s; the first cycle is not counted"));

  private PollingBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchOptions.Values options = OPTIONS.readOrExit(args);
    if (options == null) {
      return;
    }
    int miners = options.get("--miners");
    long intervalMillis = options.get("--interval-ms");
    long durationSeconds = options.get("--duration-s");
    Path work = Files.createTempDirectory("flarewatch-bench-");
    int modbusPort = BenchSupport.freePort();
    String token = "bench-token";
    System.out.printf(
        "polling benchmark: %d miners every %d ms for %d s (warm-up cycle excluded)%n",
        miners, intervalMillis, durationSeconds);
    try (LocalInfluxd influxd = LocalInfluxd.start(work.resolve("influxdb"));
        ChildProcess simulator =
            ChildProcess.start(
                "io.flarewatch.simulator.SimulatorMain",
                List.of(
                    "--miners", Integer.toString(miners),
                    "--seed", "7",
                    "--addressing", "LOOPBACK_RANGE",
                    "--base-host", "127.0.1.1",
                    "--base-port", "4028",
                    "--modbus-port", Integer.toString(modbusPort)),
                "ready",
                Duration.ofSeconds(120));
        BenchSupport.RunningCentral central = BenchSupport.startCentral(work, influxd, token)) {
      Vertx vertx = Vertx.vertx();
      EdgeApp edge =
          EdgeApp.start(
                  vertx,
                  edgeConfig(work, miners, intervalMillis, modbusPort, central.port(), token))
              .await(60, TimeUnit.SECONDS);
      PollingStats stats = edge.pollingStats();
      MetricsScraper scraper =
          MetricsScraper.start(vertx, edge.metricsPort().orElseThrow(), Duration.ofSeconds(15));
      awaitCycles(stats, 1, Duration.ofMillis(intervalMillis * 3));
      int warmUp = stats.recentCycleMillis().size();
      long cpuStart = ProcessFigures.cpuNanos();
      long wallStart = System.nanoTime();
      Thread.sleep(durationSeconds * 1000);
      long cpu = ProcessFigures.cpuNanos() - cpuStart;
      long wall = System.nanoTime() - wallStart;
      List<Long> cycles = new ArrayList<>(stats.recentCycleMillis());
      cycles = cycles.subList(warmUp, cycles.size());
      double rss = ProcessFigures.statusMib("VmRSS");
      double peakRss = ProcessFigures.statusMib("VmHWM");
      long sent = edge.uplinkStats().linesSent();
      long bytesSent = edge.uplinkStats().bytesSent();
      long fieldValues = edge.uplinkStats().fieldValuesSent();
      long failures = stats.deviceFailures();
      scraper.stop();
      edge.stop().await(30, TimeUnit.SECONDS);
      vertx.close().await(30, TimeUnit.SECONDS);
      List<Long> sorted = new ArrayList<>(cycles);
      sorted.sort(null);
      System.out.printf(Locale.ROOT, "cycles measured        %d%n", cycles.size());
      System.out.printf(Locale.ROOT, "cycle p50              %d ms%n", quantile(sorted, 0.50));
      System.out.printf(Locale.ROOT, "cycle p99              %d ms%n", quantile(sorted, 0.99));
      System.out.printf(Locale.ROOT, "cycle max              %d ms%n", quantile(sorted, 1.0));
      System.out.printf(Locale.ROOT, "skipped cycles         %d%n", stats.skippedCycles());
      System.out.printf(
          Locale.ROOT,
          "miners online (last)   %d of %d%n",
          stats.lastMinersOnline(),
          stats.lastMinersTotal());
      System.out.printf(Locale.ROOT, "device poll failures   %d%n", failures);
      System.out.printf(
          Locale.ROOT, "edge CPU               %.1f %% of one core%n", 100.0 * cpu / wall);
      System.out.printf(
          Locale.ROOT, "edge RSS               %.0f MiB (peak %.0f MiB)%n", rss, peakRss);
      System.out.printf(Locale.ROOT, "lines sent to central  %d%n", sent);
      System.out.printf(
          Locale.ROOT,
          "uplink bytes per field value %.2f B (%d gzip body bytes / %d field values)%n",
          fieldValues == 0 ? 0.0 : (double) bytesSent / fieldValues,
          bytesSent,
          fieldValues);
      System.out.printf(
          Locale.ROOT,
          "metrics scrapes        %d every 15 s (last %d B), failed %d%n",
          scraper.scrapes(),
          scraper.last().length(),
          scraper.failures());
      System.out.printf(
          Locale.ROOT,
          "metrics cycle p50/p99  %s / %s s (Micrometer, about the last 10 minutes)%n",
          scraper.value("flarewatch_edge_poll_cycle_seconds", "0.5"),
          scraper.value("flarewatch_edge_poll_cycle_seconds", "0.99"));
    }
  }

  private static EdgeConfig edgeConfig(
      Path work, int miners, long intervalMillis, int modbusPort, int centralPort, String token) {
    return new EdgeConfig(
        "bench-site",
        new CentralLink(java.net.URI.create("http://127.0.0.1:" + centralPort), token),
        new PollingConfig(intervalMillis, 3_000L, 200, 1_000L),
        List.of(),
        List.of(new MinerRangeConfig("127.0.1.1", miners, 4028, "miner-", 1)),
        List.of(
            modbus("generator", ModbusConfig.Role.GENERATOR, modbusPort, "generator"),
            modbus("genset-fuel", ModbusConfig.Role.GENSET_FUEL_METER, modbusPort + 1, "gas-meter"),
            modbus("flare", ModbusConfig.Role.FLARE_METER, modbusPort + 2, "gas-meter")),
        new BufferConfig(work.resolve("edge.db"), null),
        UplinkConfig.defaults(),
        null,
        new MetricsConfig("127.0.0.1", 0));
  }

  private static ModbusConfig modbus(String id, ModbusConfig.Role role, int port, String map) {
    return new ModbusConfig(
        id,
        role,
        "127.0.0.1",
        port,
        1,
        "classpath:register-maps/flarewatch-sim-" + map + ".json",
        null,
        null);
  }

  private static void awaitCycles(PollingStats stats, int cycles, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (stats.recentCycleMillis().size() < cycles) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no poll cycle completed within " + limit);
      }
      Thread.sleep(100);
    }
  }

  private static long quantile(List<Long> sorted, double q) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }
}
