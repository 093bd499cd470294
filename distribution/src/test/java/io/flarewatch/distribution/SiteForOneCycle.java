package io.flarewatch.distribution;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flarewatch.central.CentralApp;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.influx.testkit.InfluxTarget;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.flarewatch.simulator.MinerEndpoint;
import io.flarewatch.simulator.ModbusEndpoint;
import io.flarewatch.simulator.SimulatorConfig;
import io.flarewatch.simulator.SiteSimulator;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Central (in this JVM) on a real InfluxDB and a simulated site, for an edge started from a package
 * (installed or unpacked) to store its first cycle through: the package's config is pointed at
 * them, and {@link #awaitCycle} waits until a cycle is in InfluxDB.
 */
final class SiteForOneCycle implements AutoCloseable {

  static final String SITE = "packaged-site";
  private static final String TOKEN = "packaged-site-ingest-token";
  private static final int MINERS = 5;

  private final Vertx vertx;
  private final InfluxQuery query;
  private final int centralPort;
  private final SiteSimulator simulator;

  private SiteForOneCycle(Vertx vertx, InfluxQuery query, int port, SiteSimulator simulator) {
    this.vertx = vertx;
    this.query = query;
    this.centralPort = port;
    this.simulator = simulator;
  }

  static SiteForOneCycle start() throws Exception {
    InfluxTarget influx = InfluxTestServer.shared();
    String database = InfluxTestServer.uniqueDatabase("packaged");
    Vertx vertx = Vertx.vertx();
    try {
      CentralApp central =
          CentralApp.start(vertx, centralConfig(influx, database)).await(30, TimeUnit.SECONDS);
      SiteSimulator simulator =
          SiteSimulator.start(vertx, SimulatorConfig.defaults(MINERS, 7))
              .await(30, TimeUnit.SECONDS);
      return new SiteForOneCycle(
          vertx, new InfluxQuery(influx, database), central.port(), simulator);
    } catch (Exception | AssertionError e) {
      vertx.close().await(30, TimeUnit.SECONDS);
      throw e;
    }
  }

  /**
   * The package's edge config pointed at this central and simulator, polling every 2 s, its metrics
   * and site-local app on free loopback ports, then edited by {@code change}; checked as the edge
   * will check it.
   */
  String edgeConfig(String packaged, Consumer<ObjectNode> change) throws IOException {
    ObjectNode tree = (ObjectNode) Repository.yaml(packaged);
    tree.put("site", SITE);
    tree.putObject("central").put("url", "http://127.0.0.1:" + centralPort).put("token", TOKEN);
    tree.withObjectProperty("polling")
        .put("intervalMillis", 2000)
        .put("deviceTimeoutMillis", 1000)
        .put("jitterMillis", 100);
    tree.remove("minerRanges");
    ArrayNode miners = tree.putArray("miners");
    for (MinerEndpoint miner : simulator.miners()) {
      miners.addObject().put("id", miner.id()).put("host", miner.host()).put("port", miner.port());
    }
    for (JsonNode device : tree.path("modbus")) {
      ModbusEndpoint endpoint =
          switch (device.path("role").asText()) {
            case "GENERATOR" -> simulator.generator();
            case "GENSET_FUEL_METER" -> simulator.gensetFuelMeter();
            default -> simulator.flareMeter();
          };
      ((ObjectNode) device)
          .put("host", endpoint.host())
          .put("port", endpoint.port())
          .put("unitId", endpoint.unitId())
          .put("registerMap", "classpath:" + endpoint.registerMap());
    }
    tree.withObjectProperty("metrics").put("host", "127.0.0.1").put("port", 0);
    if (tree.has("localApp")) {
      tree.withObjectProperty("localApp").put("host", "127.0.0.1").put("port", 0);
    }
    change.accept(tree);
    String yaml = Repository.YAML.writeValueAsString(tree);
    DeployConfigs.edge(yaml); // what the packaged edge will accept
    return yaml;
  }

  /** Waits until the edge stored a whole cycle through central; fails at once if it exits. */
  void awaitCycle(Process edge, Path log) {
    await("a cycle of the packaged edge stored through central (log: " + log + ")")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .failFast("the packaged edge exited", () -> !edge.isAlive())
        .until(
            () ->
                query.count("SELECT count(hashrate_ths) FROM miner WHERE site = '" + SITE + "'")
                    >= MINERS);
  }

  /** Stops the edge (SIGTERM, as systemd does), then central and the simulator. */
  static void stop(Process edge) throws InterruptedException {
    if (edge != null) {
      edge.destroy();
      if (!edge.waitFor(60, TimeUnit.SECONDS)) {
        edge.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private static CentralConfig centralConfig(InfluxTarget influx, String database) {
    String yaml =
        String.join(
            "\n",
            "http: {host: 127.0.0.1, port: 0}",
            "influx:",
            "  url: \"" + influx.url() + "\"",
            "  database: " + database,
            "  centralDatabase: " + database + "_central",
            "  username: \"" + influx.username() + "\"",
            "  password: \"" + influx.password() + "\"",
            "sites:",
            "  - id: " + SITE,
            "    name: Packaged edge site",
            "    ingestTokenSha256: \"" + SiteConfig.sha256Hex(TOKEN) + "\"",
            "auth:",
            "  jwtSecret: \"a-secret-of-this-test-only-at-least-32-bytes-long\"",
            "  users: []");
    return DeployConfigs.central(yaml);
  }
}
