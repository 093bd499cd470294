package io.flarewatch.demo;

import io.flarewatch.central.config.CommandsConfig;
import io.flarewatch.config.Shutdown;
import io.flarewatch.influx.local.LocalInfluxd;
import io.flarewatch.simulator.MinerEndpoint;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code flarewatch demo}: InfluxDB, central on :8080, a simulated site with 300 miners, a ~1 MW
 * generator and two gas meters, and the site's edge, until Ctrl-C.
 *
 * <p>{@code INFLUX_URL} (with {@code INFLUX_USERNAME}, {@code INFLUX_PASSWORD}) uses a running
 * InfluxDB; otherwise influxd is started with its data under {@code .flarewatch/influxdb}. {@code
 * FLAREWATCH_PORT} changes central's port; {@code FLAREWATCH_MINERS_HOST} the loopback address of
 * the first simulated miner (default {@value DemoSite#MINERS_BASE_HOST}).
 *
 * <p>The edge takes central's signed commands; the demo prints curl lines that sleep and wake the
 * site's miners.
 */
public final class DemoCommand {

  private static final String SITE = "demo-site";
  private static final Path STATE = Path.of(".flarewatch");

  private DemoCommand() {}

  /** Runs the demo until Ctrl-C; it takes no arguments (exit code 2 when given some). */
  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (args.length != 0) {
      err.println("flarewatch demo takes no arguments (see flarewatch demo --help)");
      return 2;
    }
    runDemo();
    return 0;
  }

  private static void runDemo() throws Exception {
    int port = Integer.parseInt(System.getenv().getOrDefault("FLAREWATCH_PORT", "8080"));
    String influxUrl = System.getenv("INFLUX_URL");
    LocalInfluxd influxd = null;
    URI influx;
    if (influxUrl != null && !influxUrl.isBlank()) {
      influx = URI.create(influxUrl.strip());
    } else {
      System.out.println("Starting InfluxDB (data in " + STATE.resolve("influxdb") + ") ...");
      try {
        influxd = LocalInfluxd.start(STATE.resolve("influxdb"));
      } catch (IllegalStateException e) {
        System.err.println(e.getMessage());
        System.exit(1);
        return;
      }
      influx = influxd.url();
    }
    Vertx vertx = Vertx.vertx();
    LocalSystem system;
    try {
      system =
          LocalSystem.start(
                  vertx,
                  new LocalSystem.Options(
                          SITE,
                          influx,
                          "flarewatch",
                          System.getenv().getOrDefault("INFLUX_USERNAME", ""),
                          System.getenv().getOrDefault("INFLUX_PASSWORD", ""),
                          port,
                          DemoSite.simulator(
                              DemoSite.MINERS,
                              System.currentTimeMillis(),
                              System.getenv()
                                  .getOrDefault(
                                      "FLAREWATCH_MINERS_HOST", DemoSite.MINERS_BASE_HOST)),
                          5_000,
                          STATE.resolve("edge").resolve(SITE + ".db"),
                          DemoSite.emissions(),
                          null,
                          signingKey("report-signing-key.pem"))
                      .withCommands(
                          new CommandSettings(
                              signingKey("command-signing-key.pem"),
                              null,
                              null,
                              CommandsConfig.DEFAULT_PING_SECONDS,
                              null)))
              .await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println(
          "The demo could not start: "
              + e.getMessage()
              + " (is port "
              + port
              + " free? FLAREWATCH_PORT picks another)");
      vertx.close().await();
      if (influxd != null) {
        influxd.close();
      }
      System.exit(1);
      return;
    }
    printEndpoints(system, influx, port);
    LocalInfluxd ownInfluxd = influxd;
    Shutdown.await(
        "flarewatch-demo",
        () -> {
          System.out.println("\nStopping ...");
          try {
            system.stop().await(20, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
          } finally {
            if (ownInfluxd != null) {
              ownInfluxd.close();
            }
            System.out.println("Stopped.");
          }
        });
  }

  /**
   * One of the demo's signing keys, made once in {@code .flarewatch/} and kept, so reports signed
   * in one run still verify after the next and the edge's copy of central's command key stays
   * valid.
   */
  private static Path signingKey(String name) {
    Path key = STATE.resolve(name);
    if (!Files.exists(key)) {
      CommandSettings.writeNewKey(key);
    }
    return key;
  }

  private static void printEndpoints(LocalSystem system, URI influx, int port) {
    String central = "http://127.0.0.1:" + port;
    StringBuilder out = new StringBuilder();
    out.append("\nFlarewatch demo is running. Ctrl-C stops everything.\n\n");
    out.append("  Site status   ")
        .append(central)
        .append("/api/v1/sites/")
        .append(SITE)
        .append("/status\n");
    out.append("  Fleet         ").append(central).append("/api/v1/fleet\n");
    out.append("  Central health ").append(central).append("/health\n");
    out.append("  Emissions check ")
        .append(central)
        .append("/api/v1/sites/")
        .append(SITE)
        .append("/emissions/check?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z\n");
    out.append("  Site-local app http://127.0.0.1:")
        .append(system.edge().localAppPort().orElseThrow())
        .append("/  (the edge's own copy of the app; works with central stopped; user ")
        .append(LocalSystem.FIELD_USER)
        .append(")\n");
    out.append("  Edge metrics  http://127.0.0.1:")
        .append(system.edge().metricsPort().orElseThrow())
        .append("/metrics\n");
    out.append("  InfluxDB      ").append(influx).append("  (database flarewatch)\n");
    out.append("  Reports       ")
        .append(central)
        .append("/api/v1/reports/emissions?site=")
        .append(SITE)
        .append("&from=")
        .append(java.time.LocalDate.now(java.time.ZoneOffset.UTC))
        .append("&to=")
        .append(java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1))
        .append("&period=day&format=csv (csvw: its metadata)\n");
    out.append("  Public key    ").append(central).append("/api/v1/reports/public-key\n");
    out.append("  Command key   ").append(central).append("/api/v1/commands/public-key\n");
    out.append("  Simulated site: ").append(system.simulator().miners().size()).append(" miners\n");
    List<MinerEndpoint> miners = system.simulator().miners();
    for (MinerEndpoint miner : miners.subList(0, Math.min(3, miners.size()))) {
      out.append("    ")
          .append(miner.id())
          .append("  ")
          .append(miner.flavour())
          .append("  tcp://")
          .append(miner.host())
          .append(':')
          .append(miner.port())
          .append('\n');
    }
    if (miners.size() > 3) {
      out.append("    ... and ").append(miners.size() - 3).append(" more\n");
    }
    var generator = system.simulator().generator();
    out.append("    generator   modbus://")
        .append(generator.host())
        .append(':')
        .append(generator.port())
        .append('\n');
    var fuel = system.simulator().gensetFuelMeter();
    out.append("    genset-fuel modbus://")
        .append(fuel.host())
        .append(':')
        .append(fuel.port())
        .append('\n');
    var flare = system.simulator().flareMeter();
    out.append("    flare       modbus://")
        .append(flare.host())
        .append(':')
        .append(flare.port())
        .append('\n');
    out.append("\nThe edge polls every 5 s; status shows figures within about 10 s.\n");
    out.append("\nWeb app (tablet):  ")
        .append(central)
        .append("/\n  log in as ")
        .append(LocalSystem.USER)
        .append(" (or viewer, engineer, operator) with password ")
        .append(system.password())
        .append('\n');
    out.append("\nUser endpoints need a bearer token. Log in as ")
        .append(LocalSystem.USER)
        .append(" with password ")
        .append(system.password())
        .append(" (POST /api/v1/auth/token), or use this one:\n\n");
    out.append("  export TOKEN=").append(system.bearerToken()).append('\n');
    out.append("  curl -H \"Authorization: Bearer $TOKEN\" ")
        .append(central)
        .append("/api/v1/sites/")
        .append(SITE)
        .append("/status\n");
    appendCommands(out, central);
    System.out.println(out);
  }

  /**
   * The curl lines that sleep and wake every miner of the site, and where a command's state shows.
   * Each run has its own idempotency keys: the same key answers the command it first issued.
   */
  private static void appendCommands(StringBuilder out, String central) {
    String commands = central + "/api/v1/sites/" + SITE + "/commands";
    long run = Instant.now().getEpochSecond();
    out.append(
            "\nPut every miner of the site to sleep, then wake them (central signs each command,")
        .append(" the edge\nverifies it and confirms every miner by read-back; the load steps")
        .append(" stay within the site's\nmaxLoadStepKw):\n\n");
    for (String action : List.of("sleep", "wake")) {
      out.append("  curl -i -X POST -H \"Authorization: Bearer $TOKEN\"")
          .append(" -H \"Content-Type: application/json\" -H \"Idempotency-Key: ")
          .append(action)
          .append('-')
          .append(run)
          .append("\" -d '{\"action\":\"")
          .append(action)
          .append("\",\"targets\":\"all\"}' ")
          .append(commands)
          .append('\n');
    }
    out.append(
            "\nThe answer (201) carries the command's id; its Location header is its status:\n\n")
        .append("  curl -H \"Authorization: Bearer $TOKEN\" ")
        .append(commands)
        .append("/<id>\n");
  }
}
