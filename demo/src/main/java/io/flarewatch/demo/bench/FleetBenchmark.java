package io.flarewatch.demo.bench;

import io.flarewatch.influx.local.LocalInfluxd;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Central's read side at fleet scale: seeds {@code --sites} sites with {@code --days} of data and
 * {@code --report-sites} of them with {@code --report-days} of emissions before that, then times,
 * through central's HTTP API (central in its own JVM, on a local influxd), the fleet overview
 * ({@code GET /api/v1/fleet}), the site screen (the five GETs the web app's site view sends at
 * once: detail, emissions summary and three 24 h series at 5 min) and the emissions report of the
 * report sites over their history, after building its daily rollups through central (the report
 * data is seeded straight into InfluxDB, without central's day-changed markers). Prints p50/p99
 * after uncounted warm-up rounds, the rollup build's time and points/s; asserts no timing.
 *
 * <p>{@code flarewatch bench fleet --help} prints the options ({@link FleetOptions#OPTIONS}).
 */
public final class FleetBenchmark {

  private static final String DATABASE = "bench";
  private static final String SERIES_CARDINALITY = "SHOW SERIES CARDINALITY ON " + DATABASE;
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final Duration REPORT_TIMEOUT = Duration.ofHours(2);
  private static final List<String> SITE_SERIES =
      List.of("generator.power_kw", "site_summary.hashrate_ths", "gas_meter.flow_rate_mscfd");

  private FleetBenchmark() {}

  /**
   * Runs the benchmark; {@code --help} prints the options on {@code out}; exit code 2 (and the
   * reason on {@code err}) for a bad argument.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (BenchOptions.asksForHelp(args)) {
      out.print(FleetOptions.OPTIONS.help());
      return 0;
    }
    FleetOptions options;
    try {
      options = FleetOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("flarewatch bench fleet: " + e.getMessage());
      return 2;
    }
    Path work = Files.createTempDirectory("flarewatch-fleet-");
    System.out.printf(Locale.ROOT, "fleet benchmark: %s%n", options);
    try (LocalInfluxd influxd =
        LocalInfluxd.start(work.resolve("influxdb"), 0, options.inmemIndex() ? "inmem" : "tsi1")) {
      influxQuery(influxd.url(), "CREATE DATABASE " + DATABASE);
      long now =
          System.currentTimeMillis()
              / (options.cycleSeconds() * 1000L)
              * (options.cycleSeconds() * 1000L);
      Instant reportTo =
          Instant.ofEpochMilli(now)
              .minus(options.days(), ChronoUnit.DAYS)
              .truncatedTo(ChronoUnit.DAYS);
      Instant reportFrom = reportTo.minus(options.reportDays(), ChronoUnit.DAYS);
      FleetSeeder.Seeded day = seed(influxd.url(), options, now, reportFrom);
      System.out.println(
          options.seeded(day, seriesCount(influxQuery(influxd.url(), SERIES_CARDINALITY))));
      System.out.printf(
          Locale.ROOT,
          "influxd: %s, data on disk %.0f MB%n",
          memory(influxd.pid()),
          diskBytes(influxd.directory()) / 1e6);
      int port = BenchSupport.freePort();
      Path config = work.resolve("central.yaml");
      String password =
          FleetCentralConfig.write(config, port, influxd.url().toString(), DATABASE, options);
      try (BenchSupport.RunningCentral central = BenchSupport.startCentral(config, port)) {
        ApiTimer operations =
            new ApiTimer(port, ApiTimer.login(port, FleetCentralConfig.OPERATIONS, password));
        screens(operations, options);
        if (options.reportSites() > 0) {
          ApiTimer admin =
              new ApiTimer(port, ApiTimer.login(port, FleetCentralConfig.ADMIN, password));
          buildRollups(admin, options, reportFrom, reportTo);
          ApiTimer analyst =
              new ApiTimer(port, ApiTimer.login(port, FleetCentralConfig.ANALYST, password));
          report(analyst, options, reportFrom, reportTo);
        }
        System.out.printf(Locale.ROOT, "influxd at the end: %s%n", memory(influxd.pid()));
      }
    }
    return 0;
  }

  /** Seeds the report's history, then the fleet's days; returns what the fleet's days wrote. */
  private static FleetSeeder.Seeded seed(
      URI influx, FleetOptions options, long now, Instant reportFrom) throws Exception {
    FleetData data = new FleetData();
    int cycleMillis = options.cycleSeconds() * 1000;
    long cycles = options.cyclesPerSite();
    long first = now - (cycles - 1) * cycleMillis;
    int cyclesPerBatch = FleetSeeder.FLEET_BATCH_POINTS / FleetData.POINTS_PER_CYCLE;
    try (FleetSeeder seeder = new FleetSeeder(influx, DATABASE)) {
      if (options.reportSites() > 0) {
        long interval = options.reportIntervalSeconds() * 1000L;
        long points = options.reportDays() * 86_400_000L / interval;
        List<Consumer<StringBuilder>> batches = new ArrayList<>();
        for (int site = 0; site < options.reportSites(); site++) {
          int s = site;
          for (long k0 = 0; k0 < points; k0 += FleetSeeder.BATCH_POINTS) {
            long from = k0;
            long to = Math.min(points, k0 + FleetSeeder.BATCH_POINTS);
            batches.add(
                lines -> {
                  for (long k = from; k < to; k++) {
                    long t = reportFrom.toEpochMilli() + k * interval;
                    int seconds = options.reportIntervalSeconds();
                    data.appendEmissions(lines, s, t, data.reportVolume(s, t, seconds), seconds);
                  }
                });
          }
        }
        seeder.seed(
            options.reportSites() + " sites' emissions over " + options.reportDays() + " days",
            options.reportPoints(),
            batches);
      }
      List<Consumer<StringBuilder>> day = new ArrayList<>();
      for (int site = 0; site < options.sites(); site++) {
        int s = site;
        for (long c0 = 0; c0 < cycles; c0 += cyclesPerBatch) {
          long from = c0;
          long to = Math.min(cycles, c0 + cyclesPerBatch);
          day.add(
              lines -> {
                for (long c = from; c < to; c++) {
                  data.appendCycle(lines, s, first + c * cycleMillis, options.cycleSeconds());
                }
              });
        }
        for (int c = options.minerCycles() - 1; c >= 0 && options.miners() > 0; c--) {
          long t = now - (long) c * cycleMillis;
          for (int m0 = 0; m0 < options.miners(); m0 += FleetSeeder.FLEET_BATCH_POINTS) {
            int from = m0;
            int to = Math.min(options.miners(), m0 + FleetSeeder.FLEET_BATCH_POINTS);
            day.add(lines -> data.appendMiners(lines, s, t, from, to));
          }
        }
      }
      return seeder.seed(
          options.sites() + " sites over " + options.days() + " day(s)",
          options.fleetPoints(),
          day);
    }
  }

  /** Fleet overview and site screen, warm-up rounds first. */
  private static void screens(ApiTimer api, FleetOptions options) {
    Random random = new Random(1);
    for (int round = -options.warmUp(); round < options.rounds(); round++) {
      if (round == 0) {
        api.reset();
      }
      ApiTimer.Timed fleet = api.get("/api/v1/fleet", TIMEOUT);
      api.record("fleet overview  GET /fleet", fleet.millis());
      if (round == -options.warmUp()) {
        checkFleet(fleet.body(), options);
      }
      String site = FleetData.siteId(random.nextInt(options.sites()));
      Instant to = Instant.now();
      String range = "&from=" + to.minus(1, ChronoUnit.DAYS) + "&to=" + to + "&step=5m";
      List<String> paths = new ArrayList<>();
      paths.add("/api/v1/sites/" + site);
      paths.add("/api/v1/sites/" + site + "/emissions/summary");
      SITE_SERIES.forEach(m -> paths.add("/api/v1/sites/" + site + "/series?metric=" + m + range));
      long began = System.nanoTime();
      List<ApiTimer.Timed> screen = api.getAll(paths, TIMEOUT);
      api.record("site screen (5 GETs at once)", (System.nanoTime() - began) / 1e6);
      api.record("  GET /sites/{site}", screen.get(0).millis());
      api.record("  GET .../emissions/summary", screen.get(1).millis());
      for (int i = 0; i < SITE_SERIES.size(); i++) {
        api.record("  GET .../series " + SITE_SERIES.get(i), screen.get(2 + i).millis());
      }
      if (round == -options.warmUp()) {
        checkDetail(screen.get(0).body(), options);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%d sites, %d miners each: %d rounds after %d of warm-up, one user, goal p99 < 300 ms%n",
        options.sites(),
        options.miners(),
        options.rounds(),
        options.warmUp());
    api.summary().forEach(System.out::println);
  }

  /**
   * Builds the daily rollups of the report range through central ({@code POST
   * /api/v1/reports/rollups}, as an operator does for data written straight into InfluxDB) and
   * waits for it: the report then reads them.
   */
  private static void buildRollups(ApiTimer admin, FleetOptions options, Instant from, Instant to)
      throws Exception {
    long began = System.nanoTime();
    ApiTimer.Timed started =
        admin.post("/api/v1/reports/rollups?from=" + from + "&to=" + to, 202, TIMEOUT);
    String progressPath = started.headers().firstValue("Location").orElseThrow();
    JsonObject progress = new JsonObject(started.body());
    while ("running".equals(progress.getString("state"))) {
      if (System.nanoTime() - began > REPORT_TIMEOUT.toNanos()) {
        throw new IllegalStateException("the rollup build did not end: " + progress.encode());
      }
      Thread.sleep(1_000);
      progress = new JsonObject(admin.get(progressPath, TIMEOUT).body());
    }
    if (!"done".equals(progress.getString("state"))) {
      throw new IllegalStateException("the rollup build failed: " + progress.encode());
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    long rawPoints = progress.getLong("rawPoints");
    System.out.printf(
        Locale.ROOT,
        "rollup build, %d site-months (%d sites x months of %d report days): %.1f s, %,d"
            + " site-days from %,d raw points (%,.0f points/s)%n",
        progress.getLong("siteMonths"),
        options.sites(),
        options.reportDays(),
        seconds,
        progress.getLong("siteDays"),
        rawPoints,
        rawPoints / seconds);
  }

  private static void report(ApiTimer api, FleetOptions options, Instant from, Instant to) {
    String path =
        "/api/v1/reports/emissions?from="
            + from.toString().substring(0, 10)
            + "&to="
            + to.toString().substring(0, 10)
            + "&period=month&format=csv";
    for (String run : List.of("first", "second")) {
      ApiTimer.Timed report = api.get(path, REPORT_TIMEOUT);
      long rows = report.body().lines().count() - 1;
      System.out.printf(
          Locale.ROOT,
          "emissions report, %d sites x %d days (%,d points at %d s), %s run: %.1f s"
              + " (%,.0f points/s), %d rows, %.0f kB, site-days %s%n",
          options.reportSites(),
          options.reportDays(),
          options.reportPoints(),
          options.reportIntervalSeconds(),
          run,
          report.millis() / 1000,
          options.reportPoints() / (report.millis() / 1000),
          rows,
          report.body().length() / 1e3,
          report.headers().firstValue("X-Report-Site-Days").orElse("(not said)"));
    }
  }

  /** Stops the run when the overview does not show the seeded sites: the seed would be wrong. */
  private static void checkFleet(String body, FleetOptions options) {
    JsonArray sites = new JsonObject(body).getJsonArray("sites");
    long shown =
        sites.stream().filter(s -> ((JsonObject) s).getValue("generatorKw") != null).count();
    if (sites.size() != options.sites() || shown != options.sites()) {
      throw new IllegalStateException(
          "the fleet shows "
              + sites.size()
              + " sites, "
              + shown
              + " with a generator, not "
              + options.sites());
    }
  }

  private static void checkDetail(String body, FleetOptions options) {
    int miners = new JsonObject(body).getJsonArray("miners").size();
    if (miners != options.miners()) {
      throw new IllegalStateException(
          "a site shows " + miners + " miners, not " + options.miners());
    }
  }

  /** The series InfluxDB counts (estimates) in an answer to {@link #SERIES_CARDINALITY}. */
  static long seriesCount(String answer) {
    long count = 0;
    JsonArray series =
        new JsonObject(answer).getJsonArray("results").getJsonObject(0).getJsonArray("series");
    for (Object row : series == null ? new JsonArray() : series) {
      for (Object values : ((JsonObject) row).getJsonArray("values")) {
        count += ((JsonArray) values).getLong(0);
      }
    }
    return count;
  }

  private static String influxQuery(URI influx, String query) throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        influx.resolve(
                            "/query?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(query + " answered " + answer.statusCode() + answer.body());
    }
    return answer.body();
  }

  /** Resident and peak memory of a process, from /proc. */
  private static String memory(long pid) throws IOException {
    List<String> status = Files.readAllLines(Path.of("/proc/" + pid + "/status"));
    return status.stream()
        .filter(l -> l.startsWith("VmRSS:") || l.startsWith("VmHWM:"))
        .map(l -> l.replaceAll("\\s+", " "))
        .reduce((a, b) -> a + ", " + b)
        .orElse("(memory unknown)");
  }

  private static long diskBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
