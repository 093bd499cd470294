package io.flarewatch.demo;

import static org.awaitility.Awaitility.await;

import io.flarewatch.influx.testkit.InfluxTarget;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.flarewatch.simulator.Flavour;
import io.flarewatch.simulator.MinerEndpoint;
import io.flarewatch.simulator.SimulatorConfig;
import io.flarewatch.simulator.SiteSimulator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A whole local system that takes commands ({@link LocalSystem} with {@link CommandSettings}): the
 * operator's API, the simulator's truth (each miner's state and the commands it received).
 */
public final class CommandSystem implements AutoCloseable {

  /**
   * The edge's poll interval; its miner requests time out after half of it, so a machine busy with
   * a build does not time out a miner's reply that did arrive.
   */
  static final long POLL_INTERVAL_MILLIS = 2_000;

  final Vertx vertx;
  final LocalSystem system;
  final CommandApi api;
  final String site;
  private final String database;

  private CommandSystem(Vertx vertx, LocalSystem system, String site, String database) {
    this.vertx = vertx;
    this.system = system;
    this.site = site;
    this.database = database;
    this.api = new CommandApi(site, system.central().port(), system.bearerToken());
  }

  /**
   * Starts central (on {@code centralPort}, 0 for any), the simulator and the edge (reaching
   * central at {@code edgeCentralUrl}, null for directly), and waits until central has seen every
   * miner (commands resolve their targets from the latest samples).
   */
  static CommandSystem start(
      Path dir,
      String site,
      SimulatorConfig simulator,
      CommandSettings settings,
      int centralPort,
      URI edgeCentralUrl) {
    InfluxTarget influx = InfluxTestServer.shared();
    Vertx vertx = Vertx.vertx();
    LocalSystem.Options options =
        new LocalSystem.Options(
                site,
                influx.url(),
                InfluxTestServer.uniqueDatabase("cmd"),
                "",
                "",
                centralPort,
                simulator,
                POLL_INTERVAL_MILLIS,
                dir.resolve("edge.db"),
                null,
                null,
                null)
            .withCommands(settings)
            .withEdgeCentralUrl(edgeCentralUrl);
    LocalSystem system = LocalSystem.start(vertx, options).await();
    CommandSystem started = new CommandSystem(vertx, system, site, options.influxDatabase());
    awaitMinersAtCentral(
        system.central().port(), system.bearerToken(), site, simulator.miners().count());
    return started;
  }

  /**
   * A simulated site with every firmware that takes commands, in turn: stock Antminer (web
   * interface, both API generations), Braiins OS, LuxOS, Whatsminer; miners on their own loopback
   * addresses, as in the field.
   */
  static SimulatorConfig everyFirmware(int miners, long seed) {
    SimulatorConfig config = DemoSite.simulator(miners, seed, randomLoopbackHost());
    Map<Flavour, Integer> mix = new EnumMap<>(Flavour.class);
    for (Flavour f : Flavour.values()) {
      mix.put(f, 1);
    }
    return config.withMiners(config.miners().withFlavourMix(mix));
  }

  /**
   * A base address in 127.64.0.0/10 picked at random, so tests running at once on one machine do
   * not share miner addresses.
   */
  public static String randomLoopbackHost() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "127." + random.nextInt(64, 128) + "." + random.nextInt(0, 256) + ".1";
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The site's data database (where the edge's reports land). */
  String database() {
    return database;
  }

  SiteSimulator simulator() {
    return system.simulator();
  }

  /** Sleep and wake commands each miner received, by miner id. */
  Map<String, Long> commandsReceived() {
    Map<String, Long> counts = new TreeMap<>();
    for (MinerEndpoint m : simulator().miners()) {
      counts.put(m.id(), simulator().sleepWakeCommands(m.id()));
    }
    return counts;
  }

  /** Each miner's state in the simulator, by miner id. */
  Map<String, String> minerStates() {
    Map<String, String> states = new TreeMap<>();
    simulator().snapshot().miners().forEach(m -> states.put(m.id(), m.state().name()));
    return states;
  }

  /** Waits until central's status of the site counts {@code miners} online. */
  static void awaitMinersAtCentral(int port, String bearer, String site, int miners) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest status =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/sites/" + site + "/status"))
            .header("Authorization", "Bearer " + bearer)
            .build();
    await("central has seen every miner")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              HttpResponse<String> response =
                  http.send(status, HttpResponse.BodyHandlers.ofString());
              if (response.statusCode() != 200) {
                return false;
              }
              Integer online = new JsonObject(response.body()).getInteger("minersOnline");
              return online != null && online == miners;
            });
  }

  @Override
  public void close() {
    try {
      system.stop().await();
    } finally {
      vertx.close().await();
    }
  }
}
