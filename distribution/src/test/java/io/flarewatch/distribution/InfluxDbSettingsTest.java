package io.flarewatch.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.flarewatch.influx.local.LocalInfluxd;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every InfluxDB the deploy files run holds a fleet of 1,000 sites x 1,000 miners: the settings the
 * local influxd gets ({@link LocalInfluxd#FLEET_DATA_SETTINGS}: no series limit, no limit on a
 * tag's values, the tsi1 index) are set in the compose file and the Kubernetes manifest alike,
 * through the official image's {@code INFLUXDB_DATA_*} variables.
 */
class InfluxDbSettingsTest {

  private static final String KUBERNETES = "deploy/kubernetes/influxdb.yaml";

  @Test
  void theFleetSettingsAreTheLocalInfluxdsOwn() {
    assertEquals(
        Map.of(
            "INFLUXDB_DATA_MAX_SERIES_PER_DATABASE", "0",
            "INFLUXDB_DATA_MAX_VALUES_PER_TAG", "0",
            "INFLUXDB_DATA_INDEX_VERSION", "tsi1"),
        fleetVariables());
  }

  @Test
  void theComposeInfluxDbHasTheFleetSettings() {
    JsonNode environment =
        Repository.yaml(Repository.read(ComposeFileTest.COMPOSE))
            .at("/services/influxdb/environment");
    Map<String, String> variables = new TreeMap<>();
    environment.fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue().asText()));
    assertEquals(fleetVariables(), dataVariables(variables), ComposeFileTest.COMPOSE);
  }

  @Test
  void theKubernetesInfluxDbHasTheFleetSettings() {
    List<JsonNode> documents = Repository.yamlDocuments(KUBERNETES);
    JsonNode statefulSet =
        documents.stream()
            .filter(d -> d.path("kind").asText().equals("StatefulSet"))
            .findFirst()
            .orElseThrow();
    Map<String, String> variables = new TreeMap<>();
    statefulSet
        .at("/spec/template/spec/containers/0/env")
        .forEach(v -> variables.put(v.path("name").asText(), v.path("value").asText()));
    assertEquals(fleetVariables(), dataVariables(variables), KUBERNETES);
  }

  /** The image's variable for each {@code [data]} key: INFLUXDB_DATA_ and the key in capitals. */
  private static Map<String, String> fleetVariables() {
    return LocalInfluxd.FLEET_DATA_SETTINGS.entrySet().stream()
        .collect(
            Collectors.toMap(
                e -> "INFLUXDB_DATA_" + e.getKey().toUpperCase(Locale.ROOT).replace('-', '_'),
                Map.Entry::getValue,
                (a, b) -> a,
                TreeMap::new));
  }

  private static Map<String, String> dataVariables(Map<String, String> variables) {
    return variables.entrySet().stream()
        .filter(e -> e.getKey().startsWith("INFLUXDB_DATA_"))
        .collect(
            Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
  }
}
