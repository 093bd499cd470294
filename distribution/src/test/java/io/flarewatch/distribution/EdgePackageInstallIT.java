package io.flarewatch.distribution;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Installs the edge's Debian package on this machine with {@code dpkg -i}, checks its files, user
 * and systemd unit, runs the installed edge (the unit's ExecStart as the unit's User and Group, as
 * systemd would) against a simulated site and central for one cycle, and purges the package. It
 * needs root and dpkg: elsewhere it says why it did not run; in CI it fails instead.
 */
class EdgePackageInstallIT {

  private static final String PACKAGE = "flarewatch-edge";
  private static final String UNIT = "/lib/systemd/system/flarewatch-edge.service";
  private static final String SITE = "packaged-site";
  private static final String TOKEN = "packaged-site-ingest-token";
  private static final int MINERS = 5;

  @Test
  void installsChecksAndRunsTheEdgeForOneCycle() throws Exception {
    EdgePackage.requireDpkg("install the edge's Debian package");
    EdgePackage.requireRoot("install the edge's Debian package");
    boolean installedAlready =
        Commands.run("dpkg-query", "-W", "-f=${Status}", PACKAGE)
            .output()
            .equals("install ok installed");
    EdgePackage.require(
        !installedAlready,
        "NOT RUN: "
            + PACKAGE
            + " is installed on this machine already; this test installs and purges its own"
            + " copy, so it leaves an installed one alone");
    boolean userExisted = Commands.run("getent", "passwd", "flarewatch").exitCode() == 0;
    Path deb = DistributionArtifactsIT.deb();
    try {
      Commands.ok("dpkg", "-i", deb.toString());
      checkInstalledFiles();
      checkUnit();
      runOneCycle();
    } finally {
      Commands.ok("dpkg", "--purge", PACKAGE);
      if (!userExisted) {
        Commands.ok("deluser", "--system", "flarewatch");
      }
    }
    assertFalse(Files.exists(Path.of("/usr/share/flarewatch")), "purge removes the programs");
    assertFalse(Files.exists(Path.of(EdgeUnitTest.STATE)), "purge removes the state");
  }

  private static void checkInstalledFiles() {
    assertEquals("install ok installed", Commands.ok("dpkg-query", "-W", "-f=${Status}", PACKAGE));
    String[] user = Commands.ok("getent", "passwd", "flarewatch").strip().split(":");
    assertTrue(Integer.parseInt(user[2]) < 1000, "a system user: " + String.join(":", user));
    assertEquals(EdgeUnitTest.STATE, user[5], "its home");
    assertTrue(user[6].endsWith("nologin") || user[6].endsWith("false"), "no login: " + user[6]);
    assertEquals(
        "flarewatch:flarewatch 750",
        Commands.ok("stat", "-c", "%U:%G %a", EdgeUnitTest.STATE).strip());
    assertEquals(
        "root:flarewatch 640",
        Commands.ok("stat", "-c", "%U:%G %a", EdgeUnitTest.CONFIG).strip(),
        "the config (it holds the site's token) is the service's to read, nobody else's");
    assertEquals(
        "/usr/share/flarewatch/bin/flarewatch",
        Commands.ok("readlink", "-f", "/usr/bin/flarewatch").strip());
    String help = Commands.ok("/usr/bin/flarewatch", "edge", "--help");
    assertTrue(help.startsWith("usage: flarewatch edge --config"), help);
  }

  private static void checkUnit() {
    EdgePackage.require(
        Commands.available("systemd-analyze"),
        "NOT RUN: systemd-analyze (package systemd) is needed to verify the installed unit");
    Commands verify = Commands.run("systemd-analyze", "verify", UNIT);
    assertEquals(0, verify.exitCode(), "systemd-analyze verify " + UNIT + ":\n" + verify.output());
    assertFalse(
        verify.output().contains("flarewatch-edge.service:"),
        "no complaint about the unit:\n" + verify.output());
  }

  /**
   * Central (in this JVM) on a real InfluxDB, a simulated site, and the installed edge started as
   * the unit starts it, with the installed config edited to point at them.
   */
  private static void runOneCycle() throws Exception {
    SystemdUnit unit = SystemdUnit.parse(Files.readString(Path.of(UNIT)));
    InfluxTarget influx = InfluxTestServer.shared();
    String database = InfluxTestServer.uniqueDatabase("packaged");
    Vertx vertx = Vertx.vertx();
    Process edge = null;
    Path log = DistributionArtifactsIT.target().resolve("installed-edge.log");
    try {
      CentralApp central =
          CentralApp.start(vertx, centralConfig(influx, database)).await(30, TimeUnit.SECONDS);
      SiteSimulator simulator =
          SiteSimulator.start(vertx, SimulatorConfig.defaults(MINERS, 7))
              .await(30, TimeUnit.SECONDS);
      Path config = Path.of(EdgeUnitTest.CONFIG);
      Files.writeString(config, edgeConfig(Files.readString(config), central.port(), simulator));

      // as systemd starts it: the unit's command, exec'd as its user and group
      String user = unit.get("Service.User");
      List<String> command =
          new ArrayList<>(
              List.of(
                  "setpriv",
                  "--reuid=" + user,
                  "--regid=" + unit.get("Service.Group"),
                  "--init-groups",
                  "--"));
      command.addAll(unit.execStart());
      edge =
          new ProcessBuilder(command)
              .directory(new File(unit.get("Service.WorkingDirectory")))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Process running = edge;
      InfluxQuery query = new InfluxQuery(influx, database);
      await("a cycle of the installed edge stored through central (log: " + log + ")")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .failFast("the installed edge exited", () -> !running.isAlive())
          .until(
              () ->
                  query.count("SELECT count(hashrate_ths) FROM miner WHERE site = '" + SITE + "'")
                      >= MINERS);
      assertEquals(
          "flarewatch",
          Commands.ok("stat", "-c", "%U", EdgeUnitTest.STATE + "/edge-buffer.db").strip(),
          "the buffer is the service user's");
    } finally {
      if (edge != null) {
        edge.destroy();
        if (!edge.waitFor(60, TimeUnit.SECONDS)) {
          edge.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
      vertx.close().await(30, TimeUnit.SECONDS);
    }
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

  /** The installed config, pointed at this test's central and simulator, polling every 2 s. */
  private static String edgeConfig(String installed, int centralPort, SiteSimulator simulator)
      throws Exception {
    ObjectNode tree = (ObjectNode) Repository.yaml(installed);
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
    String yaml = Repository.YAML.writeValueAsString(tree);
    DeployConfigs.edge(yaml); // what the installed edge will accept
    return yaml;
  }
}
