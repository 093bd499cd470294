package io.flarewatch.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.edge.config.EdgeConfig;
import io.flarewatch.edge.config.MinerRangeConfig;
import io.flarewatch.edge.config.ModbusConfig;
import io.flarewatch.launcher.Subcommands;
import io.flarewatch.simulator.Addressing;
import io.flarewatch.simulator.SimulatorConfig;
import io.flarewatch.simulator.SimulatorMain;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The compose demo: every service, mount, port and reference agrees with the code and configs. */
class ComposeFileTest {

  static final String COMPOSE = "deploy/compose/compose.yaml";
  private static final Path COMPOSE_DIR = Repository.ROOT.resolve("deploy/compose");

  private final JsonNode services = Repository.yaml(Repository.read(COMPOSE)).path("services");
  private final CentralConfig central =
      DeployConfigs.central(Repository.read(DeployConfigs.COMPOSE_CENTRAL));
  private final EdgeConfig edge = DeployConfigs.edge(Repository.read(DeployConfigs.COMPOSE_EDGE));

  @Test
  void theDemoHasEveryPart() {
    List<String> names = new ArrayList<>();
    services.fieldNames().forEachRemaining(names::add);
    assertEquals(
        List.of("influxdb", "central", "edge", "simulator", "prometheus", "grafana"), names);
    assertEquals("influxdb:1.8", services.path("influxdb").path("image").asText());
  }

  @Test
  void imagesAreBuiltFromTheDockerfilesAndRunRealCommands() {
    for (String service : List.of("central", "edge", "simulator")) {
      List<String> command = words(services.path(service).path("command"));
      assertTrue(
          Subcommands.names().contains(command.get(0)),
          service + " runs flarewatch " + command.get(0) + ", which is no command");
    }
    assertEquals(DockerfilesTest.CENTRAL, build("central"));
    assertEquals(DockerfilesTest.EDGE, build("edge"));
    assertEquals(
        services.path("edge").path("image").asText(),
        services.path("simulator").path("image").asText(),
        "the simulator runs from the edge's image");
    assertTrue(
        services.path("central").path("image").asText().endsWith(":" + Repository.version()));
  }

  @Test
  void centralReadsItsMountedConfigAndReachesInfluxDb() {
    assertEquals(
        List.of("central", "--config", "/etc/flarewatch/central.yaml"),
        words(services.path("central").path("command")));
    assertEquals(
        Map.of("/etc/flarewatch/central.yaml", "./central.yaml"), mounts("central", false));
    assertEquals(List.of(central.http().port() + ":" + central.http().port()), ports("central"));
    URI influx = central.influx().url();
    assertTrue(services.has(influx.getHost()), "central's InfluxDB is the service " + influx);
    assertEquals(8086, influx.getPort());
    services
        .path("central")
        .path("environment")
        .fieldNames()
        .forEachRemaining(
            variable ->
                assertTrue(
                    Repository.read("distribution/src/bin/flarewatch")
                        .contains("${" + variable + ":-}"),
                    variable + " is read by the launcher"));
  }

  @Test
  void theEdgeSendsToCentralWithTheSitesTokenAndBuffersInItsVolume() {
    assertEquals(
        List.of("edge", "--config", "/etc/flarewatch/edge.yaml"),
        words(services.path("edge").path("command")));
    Map<String, String> mounts = mounts("edge", true);
    assertEquals("./edge.yaml", mounts.get("/etc/flarewatch/edge.yaml"));
    assertEquals("edge-data", mounts.get("/var/lib/flarewatch"));
    assertTrue(edge.buffer().path().startsWith(Path.of("/var/lib/flarewatch")));
    assertEquals(List.of(edge.metrics().port() + ":" + edge.metrics().port()), ports("edge"));

    URI url = edge.central().url();
    assertTrue(services.has(url.getHost()), "the edge's central is the service " + url);
    assertEquals(central.http().port(), url.getPort());
    SiteConfig site = central.site(edge.site()).orElseThrow();
    assertEquals(SiteConfig.sha256Hex(edge.central().token()), site.ingestTokenSha256());
  }

  @Test
  void theSimulatorServesWhatTheEdgePolls() {
    JsonNode simulator = services.path("simulator");
    assertEquals("service:edge", simulator.path("network_mode").asText(), "shares its loopback");
    List<String> command = words(simulator.path("command"));
    SimulatorConfig config =
        SimulatorMain.parse(command.subList(1, command.size()).toArray(String[]::new));
    assertEquals(Addressing.LOOPBACK_RANGE, config.miners().addressing());
    assertEquals(1, edge.minerRanges().size());
    MinerRangeConfig range = edge.minerRanges().get(0);
    assertEquals(config.miners().count(), range.count());
    assertEquals(config.miners().baseHost(), range.firstHost());
    assertEquals(config.miners().basePort(), range.port());
    Map<ModbusConfig.Role, Integer> ports =
        Map.of(
            ModbusConfig.Role.GENERATOR, config.modbus().generatorPort(),
            ModbusConfig.Role.GENSET_FUEL_METER, config.modbus().gensetFuelMeterPort(),
            ModbusConfig.Role.FLARE_METER, config.modbus().flareMeterPort());
    assertEquals(3, edge.modbus().size());
    for (ModbusConfig device : edge.modbus()) {
      assertEquals(ports.get(device.role()), device.port(), device.id());
      assertEquals(config.modbus().host(), device.host(), device.id());
    }
  }

  @Test
  void prometheusScrapesTheMetricsOfCentralAndTheEdge() {
    assertEquals(
        Map.of("/etc/prometheus/prometheus.yml", "./prometheus.yml"), mounts("prometheus", false));
    JsonNode scrapes =
        Repository.yaml(Repository.read("deploy/compose/prometheus.yml")).path("scrape_configs");
    assertEquals(2, scrapes.size());
    Map<String, Integer> expected =
        Map.of("central", central.http().port(), "edge", edge.metrics().port());
    for (JsonNode scrape : scrapes) {
      // the paths: central's router and the edge's metrics server (DockerfilesTest asks them)
      assertEquals("/metrics", scrape.path("metrics_path").asText());
      String target = scrape.path("static_configs").path(0).path("targets").path(0).asText();
      String host = target.substring(0, target.indexOf(':'));
      assertEquals(
          expected.get(host), Integer.parseInt(target.substring(target.indexOf(':') + 1)), target);
    }
  }

  @Test
  void grafanaGetsTheProvisioningAndEveryVariableItReads() throws Exception {
    Map<String, String> mounts = mounts("grafana", false);
    Path provisioning = COMPOSE_DIR.resolve(mounts.get("/etc/grafana/provisioning")).normalize();
    List<Path> provisioningFolders;
    try (var walk = Files.walk(Repository.ROOT.resolve("dashboards"))) {
      provisioningFolders =
          walk.filter(Files::isDirectory)
              .filter(p -> p.getFileName().toString().equals("provisioning"))
              .filter(p -> !p.toString().contains("/target/"))
              .toList();
    }
    assertTrue(
        provisioningFolders.stream().allMatch(provisioning::equals),
        "Grafana is given " + provisioning + " but the provisioning is " + provisioningFolders);
    assertTrue(
        Files.isDirectory(provisioning),
        "the Grafana provisioning files ("
            + Repository.ROOT.relativize(provisioning)
            + ") are not in this tree");
    JsonNode environment = services.path("grafana").path("environment");
    Pattern variable = Pattern.compile("\\$\\{?([A-Z_][A-Z0-9_]*)");
    List<Path> files;
    try (var walk = Files.walk(provisioning)) {
      files = walk.filter(p -> p.toString().matches(".*\\.ya?ml")).toList();
    }
    for (Path file : files) {
      Matcher used = variable.matcher(Files.readString(file));
      while (used.find()) {
        assertTrue(environment.has(used.group(1)), file + " reads " + used.group(1));
      }
      for (JsonNode provider : Repository.yaml(Files.readString(file)).path("providers")) {
        String path = provider.path("options").path("path").asText();
        String source = mounts.get(path);
        assertTrue(source != null, "the dashboards' folder " + path + " is mounted");
        assertTrue(Files.isDirectory(COMPOSE_DIR.resolve(source)), source + " is a folder");
      }
    }
  }

  private String build(String service) {
    JsonNode build = services.path(service).path("build");
    assertEquals(Repository.ROOT, COMPOSE_DIR.resolve(build.path("context").asText()).normalize());
    return build.path("dockerfile").asText();
  }

  private static List<String> words(JsonNode array) {
    List<String> words = new ArrayList<>();
    array.forEach(word -> words.add(word.asText()));
    assertTrue(!words.isEmpty(), "a command in exec form");
    return words;
  }

  private List<String> ports(String service) {
    List<String> ports = new ArrayList<>();
    services.path(service).path("ports").forEach(port -> ports.add(port.asText()));
    return ports;
  }

  /**
   * The service's mounts, target to source; files mounted must exist, named volumes be declared.
   */
  private Map<String, String> mounts(String service, boolean namedVolumes) {
    Map<String, String> mounts = new java.util.LinkedHashMap<>();
    JsonNode declared = Repository.yaml(Repository.read(COMPOSE)).path("volumes");
    for (JsonNode volume : services.path(service).path("volumes")) {
      String[] parts = volume.asText().split(":");
      String source = parts[0];
      if (source.startsWith(".")) {
        assertTrue(
            Files.exists(COMPOSE_DIR.resolve(source)) || source.contains("dashboards"),
            service + " mounts " + source + ", which is not in the repository");
      } else {
        assertTrue(namedVolumes && declared.has(source), service + ": volume " + source);
      }
      mounts.put(parts[1], source);
    }
    return mounts;
  }
}
