package io.flarewatch.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.CentralApp;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.HttpConfig;
import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.influx.testkit.InfluxTarget;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.flarewatch.simulator.MinerEndpoint;
import io.flarewatch.simulator.ModbusEndpoint;
import io.flarewatch.simulator.SimulatorConfig;
import io.flarewatch.simulator.SiteSimulator;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge as its own process, killed with SIGKILL at random moments twelve times and restarted on
 * the same buffer: every cycle it reported stored reaches InfluxDB, complete and once.
 */
class EdgeKillIT {

  private static final String SITE = "kill-site";
  private static final String TOKEN = "kill-site-token";
  private static final int MINERS = 10;
  private static final int KILLS = 12;
  private static final Pattern STORED = Pattern.compile("cycle (\\d+) stored");

  @TempDir Path dir;
  private Vertx vertx;
  private SiteSimulator simulator;
  private final List<Process> edges = new java.util.ArrayList<>();

  @AfterEach
  void stop() {
    edges.forEach(Process::destroyForcibly); // none left polling after a failed wait
    if (simulator != null) {
      simulator.close().await();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void killedAtRandomTheEdgeLosesNoStoredCycleAndDuplicatesNone() throws Exception {
    InfluxTarget target = InfluxTestServer.shared();
    String database = InfluxTestServer.uniqueDatabase("kill");
    vertx = Vertx.vertx();
    CentralApp central =
        CentralApp.start(
                vertx,
                new CentralConfig(
                    new HttpConfig("127.0.0.1", 0, null),
                    new InfluxConfig(target.url(), database, "", ""),
                    List.of(new SiteConfig(SITE, null, SiteConfig.sha256Hex(TOKEN)))))
            .await();
    simulator = SiteSimulator.start(vertx, SimulatorConfig.defaults(MINERS, 5)).await();
    Path config = writeEdgeConfig(central.port());
    Random random = new Random(20261124);
    TreeSet<Long> reportedStored = new TreeSet<>();

    for (int run = 0; run < KILLS; run++) {
      Path log = dir.resolve("edge-" + run + ".log");
      Process edge = startEdge(config, log);
      await("run " + run + " stores its first cycle")
          .atMost(Duration.ofSeconds(60))
          .until(() -> !storedCycles(log).isEmpty() || !edge.isAlive());
      assertTrue(edge.isAlive(), () -> "the edge exited: " + readLog(log));
      Thread.sleep(random.nextInt(2_000));
      edge.destroyForcibly();
      assertTrue(edge.waitFor(10, TimeUnit.SECONDS));
      assertEquals(137, edge.exitValue(), "killed with SIGKILL");
      reportedStored.addAll(storedCycles(log));
    }
    Path lastLog = dir.resolve("edge-last.log");
    Process edge = startEdge(config, lastLog);
    InfluxClient influx = new InfluxClient(vertx, new InfluxConfig(target.url(), database, "", ""));
    try {
      await("every reported cycle stored")
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                TreeSet<Long> stored = new TreeSet<>(InfluxRows.summaryCycles(influx));
                return stored.containsAll(reportedStored)
                    && stored.containsAll(storedCycles(lastLog));
              });
      edge.destroy();
      assertTrue(edge.waitFor(30, TimeUnit.SECONDS));
      reportedStored.addAll(storedCycles(lastLog));
    } finally {
      edge.destroyForcibly();
    }

    assertTrue(reportedStored.size() >= KILLS, "cycles stored before kills: " + reportedStored);
    StoredCycles.assertCompleteAndIncluding(influx, MINERS, reportedStored);
    assertGasVolumeContinuesAcrossRestarts(influx);
  }

  /**
   * The genset fuel volumes of the stored intervals add up to exactly what the totalizer advanced
   * from the first stored reading to the last: the gas burnt while the edge was dead is in the
   * first interval after each restart, none is lost and none is counted twice.
   */
  private static void assertGasVolumeContinuesAcrossRestarts(InfluxClient influx) {
    List<io.vertx.core.json.JsonObject> rows =
        InfluxRows.rows(
            influx,
            "SELECT volume_total_scf, interval_volume_scf FROM gas_meter"
                + " WHERE device = 'genset-fuel'");
    assertTrue(rows.size() > KILLS, "meter readings stored: " + rows.size());
    double summed = 0;
    for (int i = 1; i < rows.size(); i++) {
      Double interval = rows.get(i).getDouble("interval_volume_scf");
      assertTrue(interval != null, "every reading after the first has a volume: " + rows.get(i));
      summed += interval;
    }
    double advanced =
        rows.get(rows.size() - 1).getDouble("volume_total_scf")
            - rows.get(0).getDouble("volume_total_scf");
    assertTrue(advanced > 0, "the simulated genset burnt gas");
    assertEquals(advanced, summed, 1e-6);
  }

  private Process startEdge(Path config, Path log) throws IOException {
    Process edge =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.log.io.flarewatch.edge.polling.CycleStore=debug",
                "-cp",
                Path.of("target", "flarewatch.jar").toAbsolutePath().toString(),
                "io.flarewatch.edge.EdgeMain",
                "--config",
                config.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    edges.add(edge);
    return edge;
  }

  private static String readLog(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static TreeSet<Long> storedCycles(Path log) {
    TreeSet<Long> cycles = new TreeSet<>();
    try {
      Matcher m = STORED.matcher(Files.readString(log));
      while (m.find()) {
        cycles.add(Long.parseLong(m.group(1)));
      }
    } catch (IOException e) {
      throw new AssertionError("cannot read " + log, e);
    }
    return cycles;
  }

  private Path writeEdgeConfig(int centralPort) throws IOException {
    StringBuilder yaml = new StringBuilder();
    yaml.append("site: ").append(SITE).append('\n');
    yaml.append("central: {url: \"http://127.0.0.1:")
        .append(centralPort)
        .append("\", token: ")
        .append(TOKEN)
        .append("}\n");
    yaml.append("polling: {intervalMillis: 1000, deviceTimeoutMillis: 400, jitterMillis: 100}\n");
    yaml.append("miners:\n");
    for (MinerEndpoint m : simulator.miners()) {
      yaml.append("  - {id: ")
          .append(m.id())
          .append(", host: ")
          .append(m.host())
          .append(", port: ")
          .append(m.port())
          .append("}\n");
    }
    yaml.append("modbus:\n");
    appendModbus(yaml, simulator.generator(), "GENERATOR");
    appendModbus(yaml, simulator.gensetFuelMeter(), "GENSET_FUEL_METER");
    appendModbus(yaml, simulator.flareMeter(), "FLARE_METER");
    yaml.append("buffer: {path: \"").append(dir.resolve("edge.db")).append("\"}\n");
    yaml.append("uplink: {minBackoffMillis: 50, maxBackoffMillis: 500}\n");
    Path file = dir.resolve("edge.yaml");
    Files.writeString(file, yaml.toString());
    return file;
  }

  private static void appendModbus(StringBuilder yaml, ModbusEndpoint device, String role) {
    yaml.append("  - {id: ")
        .append(device.id())
        .append(", role: ")
        .append(role)
        .append(", host: ")
        .append(device.host())
        .append(", port: ")
        .append(device.port())
        .append(", unitId: ")
        .append(device.unitId())
        .append(", registerMap: \"classpath:")
        .append(device.registerMap())
        .append("\"}\n");
  }
}
