package io.flarewatch.demo.bench;

import io.flarewatch.demo.CommandSettings;
import io.flarewatch.demo.DemoSite;
import io.flarewatch.demo.LocalSystem;
import io.flarewatch.influx.local.LocalInfluxd;
import io.flarewatch.simulator.SimulatorConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * From an operator's POST to every targeted miner confirmed asleep (or awake) by read-back, as
 * central's GET shows it: {@code --rounds} (default 20) commands on the whole site, sleep and wake
 * in turn, each timed from the POST until the GET answers {@code succeeded} with every miner
 * confirmed. Stagger off, a site whose load step is its whole rating (one ramp group) and an edge
 * that acts on every miner at once, so the figures are the command path's own. The whole system
 * (central, the simulated site on loopback addresses, its edge) runs in this JVM as the demo does,
 * on a local influxd.
 *
 * <p>{@code --warm-up} (default 2) uncounted rounds first take the path through the JIT, as in a
 * system that has run for a while.
 *
 * <p>{@code flarewatch bench commands [--miners 100] [--rounds 20] [--warm-up 2]}; without {@code
 * --miners}, 100 and then 1,000 miners.
 */
public final class CommandsBenchmark {

  private static final String SITE = "bench-site";
  private static final Set<String> FINAL =
      Set.of("succeeded", "partially_succeeded", "failed", "rejected", "expired", "canceled");

  /** Its options, each with its default and range; {@code --help} prints them. */
  static final BenchOptions OPTIONS =
      new BenchOptions(
          "commands",
          "Times an operator's sleep or wake command on the whole site, from the POST until the"
              + " GET shows it\nsucceeded with every miner confirmed by read-back; prints every"
              + " round and p50/p99. Central, the\nsimulated site and its edge run in this JVM on"
              + " a local influxd. Goals: p99 < 2 s (100 miners), < 5 s (1,000).",
          new BenchOptions.Option(
              "--miners", 0, 0, 10_000, "miners of the site; 0 runs 100 and then 1,000"),
          new BenchOptions.Option(
              "--rounds", 20, 1, 10_000, "measured commands, sleep and wake in turn"),
          new BenchOptions.Option("--warm-up", 2, 0, 1000, "uncounted rounds first"));

  private CommandsBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchOptions.Values options = OPTIONS.readOrExit(args);
    if (options == null) {
      return;
    }
    int rounds = options.get("--rounds");
    int warmUp = options.get("--warm-up");
    int only = options.get("--miners");
    List<Integer> sizes = only > 0 ? List.of(only) : List.of(100, 1000);
    Path work = Files.createTempDirectory("flarewatch-commands-");
    List<String> summaries = new ArrayList<>();
    try (LocalInfluxd influxd = LocalInfluxd.start(work.resolve("influxdb"))) {
      for (int miners : sizes) {
        summaries.add(run(influxd, work.resolve("site-" + miners), miners, warmUp, rounds));
      }
    }
    System.out.println();
    summaries.forEach(System.out::println);
    System.exit(0);
  }

  private static String run(LocalInfluxd influxd, Path dir, int miners, int warmUp, int rounds)
      throws Exception {
    Files.createDirectories(dir);
    SimulatorConfig simulator = DemoSite.simulator(miners, 7, DemoSite.MINERS_BASE_HOST);
    double ratedKw = simulator.physics().ratedKw();
    Vertx vertx = Vertx.vertx();
    LocalSystem system =
        LocalSystem.start(
                vertx,
                new LocalSystem.Options(
                        SITE,
                        influxd.url(),
                        "bench_commands_" + miners,
                        "",
                        "",
                        0,
                        simulator,
                        5_000,
                        dir.resolve("edge.db"),
                        null,
                        null,
                        null)
                    .withCommands(new CommandSettings(null, ratedKw, 1, 20, miners)))
            .await(120, TimeUnit.SECONDS);
    try {
      Operator operator = new Operator(system.central().port(), system.bearerToken());
      operator.awaitMinersOnline(miners);
      System.out.printf(
          Locale.ROOT,
          "commands benchmark: %d miners, %d rounds after %d of warm-up (sleep and wake in turn),"
              + " stagger off, load step %.0f kW (the whole site), edge acting on %d miners at"
              + " once%n",
          miners,
          rounds,
          warmUp,
          ratedKw,
          miners);
      for (int round = 0; round < warmUp; round++) {
        String action = round % 2 == 0 ? "sleep" : "wake";
        System.out.printf(
            Locale.ROOT,
            "  warm-up %d %-5s %.3f s%n",
            round + 1,
            action,
            operator.timeCommand(action, miners));
      }
      List<Double> seconds = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        String action = round % 2 == 0 ? "sleep" : "wake";
        double took = operator.timeCommand(action, miners);
        seconds.add(took);
        System.out.printf(Locale.ROOT, "  round %2d %-5s %.3f s%n", round + 1, action, took);
      }
      List<Double> sorted = seconds.stream().sorted().toList();
      return String.format(
          Locale.ROOT,
          "%5d miners: POST -> all confirmed at central  p50 %.3f s  p99 %.3f s  max %.3f s"
              + "  (%d rounds, nearest rank)",
          miners,
          percentile(sorted, 50),
          percentile(sorted, 99),
          sorted.get(sorted.size() - 1),
          rounds);
    } finally {
      system.stop().await(60, TimeUnit.SECONDS);
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(List<Double> sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  /** The operator at central's API. */
  private static final class Operator {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String bearer;

    Operator(int port, String bearer) {
      this.base = "http://127.0.0.1:" + port + "/api/v1/sites/" + SITE;
      this.bearer = bearer;
    }

    void awaitMinersOnline(int miners) throws Exception {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (System.nanoTime() < until) {
        HttpResponse<String> status = get(base + "/status");
        Integer online =
            status.statusCode() == 200
                ? new JsonObject(status.body()).getInteger("minersOnline")
                : null;
        if (online != null && online == miners) {
          return;
        }
        Thread.sleep(500);
      }
      throw new IllegalStateException("central did not see " + miners + " miners within 120 s");
    }

    /** POST → the GET shows every miner confirmed; seconds. */
    double timeCommand(String action, int miners) throws Exception {
      long began = System.nanoTime();
      HttpResponse<String> posted =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/commands"))
                  .header("Authorization", "Bearer " + bearer)
                  .header("Idempotency-Key", UUID.randomUUID().toString())
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          new JsonObject().put("action", action).put("targets", "all").encode()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (posted.statusCode() != 201) {
        throw new IllegalStateException("POST answered " + posted.statusCode() + posted.body());
      }
      String id = new JsonObject(posted.body()).getString("id");
      long until = began + TimeUnit.SECONDS.toNanos(300);
      while (System.nanoTime() < until) {
        HttpResponse<String> got = get(base + "/commands/" + id);
        if (got.statusCode() != 200) {
          throw new IllegalStateException(
              "GET command " + id + " answered " + got.statusCode() + ": " + got.body());
        }
        JsonObject command = new JsonObject(got.body());
        String state = command.getString("state");
        if (FINAL.contains(state)) {
          double seconds = (System.nanoTime() - began) / 1e9;
          JsonObject counts = command.getJsonObject("counts", new JsonObject());
          if (!"succeeded".equals(state) || counts.getInteger("confirmed", -1) != miners) {
            throw new IllegalStateException(
                action + " ended " + state + " with " + counts + " of " + miners + " miners");
          }
          return seconds;
        }
        Thread.sleep(20);
      }
      throw new IllegalStateException(action + " " + id + " not final within 300 s");
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
      return http.send(
          HttpRequest.newBuilder(URI.create(url))
              .header("Authorization", "Bearer " + bearer)
              .timeout(Duration.ofSeconds(30))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
