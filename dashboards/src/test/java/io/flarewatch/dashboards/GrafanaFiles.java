package io.flarewatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The provisioning files and dashboards of {@code dashboards/grafana}, read as Grafana reads them.
 */
final class GrafanaFiles {

  /** The module's folder holding what Grafana is given: tests run in the module's directory. */
  static final Path ROOT = Path.of("grafana");

  static final Path DASHBOARDS = ROOT.resolve("dashboards");
  static final Path DATASOURCES = ROOT.resolve("provisioning/datasources/flarewatch.yaml");
  static final Path PROVIDERS = ROOT.resolve("provisioning/dashboards/flarewatch.yaml");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private GrafanaFiles() {}

  /** Every dashboard file, by name. */
  static List<Path> dashboardFiles() {
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses one dashboard file; fails naming the file when it is not JSON. */
  static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalStateException(file + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  static JsonNode readYaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalStateException(file + " is not valid YAML: " + e.getMessage(), e);
    }
  }

  static List<Dashboard> dashboards() {
    List<Dashboard> dashboards = new ArrayList<>();
    for (Path file : dashboardFiles()) {
      dashboards.add(new Dashboard(file.getFileName().toString(), readJson(file)));
    }
    return dashboards;
  }

  /** The provisioned data sources. */
  static List<JsonNode> datasources() {
    List<JsonNode> list = new ArrayList<>();
    readYaml(DATASOURCES).path("datasources").forEach(list::add);
    return list;
  }
}
