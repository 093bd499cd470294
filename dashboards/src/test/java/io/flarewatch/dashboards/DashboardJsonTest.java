package io.flarewatch.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The dashboard files as Grafana would load them, and the checks that guard them. */
class DashboardJsonTest {

  private final List<Dashboard> dashboards = GrafanaFiles.dashboards();
  private final List<JsonNode> datasources = GrafanaFiles.datasources();

  @Test
  void everyDashboardParsesAndPassesEveryCheck() {
    assertEquals(
        Set.of(
            "flarewatch-fleet",
            "flarewatch-site",
            "flarewatch-miner",
            "flarewatch-emissions",
            "flarewatch-edge",
            "flarewatch-central"),
        dashboards.stream().map(Dashboard::uid).collect(Collectors.toSet()));
    List<String> problems = DashboardChecks.problems(dashboards, datasources);
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  @Test
  void everyPanelHasAQueryAndEveryDashboardTheSiteVariable() {
    for (Dashboard dashboard : dashboards) {
      assertTrue(
          dashboard.variable("site").isPresent() || dashboard.variable("instance").isPresent());
      for (JsonNode panel : dashboard.panels()) {
        if (!panel.path("type").asText().equals("row")) {
          assertTrue(
              panel.path("targets").size() > 0,
              dashboard.file() + " panel '" + panel.path("title").asText() + "' has no query");
        }
      }
    }
  }

  @Test
  void aSecondDashboardWithTheSameUidIsReported() {
    List<Dashboard> twice = new ArrayList<>(dashboards);
    Dashboard first = dashboards.get(0);
    twice.add(new Dashboard("copy.json", first.json().deepCopy()));
    assertProblem(twice, "uid '" + first.uid() + "' is also the uid of " + first.file());
  }

  @Test
  void aRepeatedPanelIdIsReported() {
    assertProblem(
        changed(
            "site.json",
            json ->
                ((ObjectNode) json.path("panels").get(1))
                    .put("id", json.path("panels").get(0).path("id").asInt())),
        "is not unique");
  }

  @Test
  void aDatasourceThatIsNotProvisionedIsReported() {
    assertProblem(
        changed(
            "fleet-overview.json",
            json ->
                ((ObjectNode) json.path("panels").get(0).path("targets").get(0).path("datasource"))
                    .put("uid", "influx-old")),
        "names no provisioned data source");
  }

  @Test
  void aDatasourceOfTheWrongTypeIsReported() {
    assertProblem(
        changed(
            "fleet-overview.json",
            json ->
                ((ObjectNode) json.path("panels").get(0).path("datasource"))
                    .put("type", "prometheus")),
        "is of type influxdb, not prometheus");
  }

  @Test
  void anOldSchemaVersionIsReported() {
    assertProblem(
        changed("miner.json", json -> ((ObjectNode) json).put("schemaVersion", 16)),
        "schemaVersion 16 is not in 39..42");
  }

  @Test
  void anUndefinedVariableIsReported() {
    assertProblem(
        changedQuery("miner.json", q -> q.replace("$miner", "$rig")), "$rig is no variable");
  }

  @Test
  void aVariableOutsideTheRegexFormIsReported() {
    assertProblem(
        changedQuery("site.json", q -> q.replace("\"site\" =~ /^$site$/", "\"site\" = '$site'")),
        "use $site only as =~ /^$site$/");
  }

  @Test
  void aColumnWithoutANameIsReported() {
    assertProblem(
        changedQuery("site.json", q -> q.replace(" AS \"power_kw\"", "")), "has no column name");
  }

  @Test
  void aQueryWithoutTheTimeFilterIsReported() {
    assertProblem(
        changedQuery("emissions-esg.json", q -> q.replace("$timeFilter AND ", "")),
        "no $timeFilter");
  }

  @Test
  void theInfluxDataSourceSpeaksInfluxQlToTheDatabaseOfTheEnvironment() {
    JsonNode influx = datasource("flarewatch-influxdb");
    assertEquals("influxdb", influx.path("type").asText());
    assertEquals("InfluxQL", influx.path("jsonData").path("version").asText());
    assertEquals("${FLAREWATCH_INFLUX_DATABASE}", influx.path("jsonData").path("dbName").asText());
    assertEquals("${FLAREWATCH_INFLUX_URL}", influx.path("url").asText());
    assertEquals(
        "${FLAREWATCH_INFLUX_PASSWORD}",
        influx.path("secureJsonData").path("password").asText(),
        "the password is a secure field, never in jsonData");
    JsonNode prometheus = datasource("flarewatch-prometheus");
    assertEquals("prometheus", prometheus.path("type").asText());
    assertEquals("${FLAREWATCH_PROMETHEUS_URL}", prometheus.path("url").asText());
    assertEquals(2, datasources.stream().map(d -> d.path("uid").asText()).distinct().count());
  }

  @Test
  void theDashboardProviderLoadsTheFolderFromFiles() {
    JsonNode providers = GrafanaFiles.readYaml(GrafanaFiles.PROVIDERS);
    assertEquals(1, providers.path("apiVersion").asInt());
    JsonNode provider = providers.path("providers").get(0);
    assertEquals("file", provider.path("type").asText());
    assertTrue(provider.path("options").path("path").asText().startsWith("/"));
  }

  private JsonNode datasource(String uid) {
    return datasources.stream()
        .filter(d -> d.path("uid").asText().equals(uid))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no data source " + uid));
  }

  private void assertProblem(List<Dashboard> changed, String expected) {
    List<String> problems = DashboardChecks.problems(changed, datasources);
    assertTrue(
        problems.stream().anyMatch(p -> p.contains(expected)),
        () -> "expected a problem with '" + expected + "', got: " + problems);
  }

  /** The dashboards with one file's JSON changed. */
  private List<Dashboard> changed(String file, Consumer<JsonNode> change) {
    List<Dashboard> result = new ArrayList<>();
    for (Dashboard dashboard : dashboards) {
      JsonNode json = dashboard.json().deepCopy();
      if (dashboard.file().equals(file)) {
        change.accept(json);
      }
      result.add(new Dashboard(dashboard.file(), json));
    }
    return result;
  }

  /** The dashboards with every InfluxQL panel query of one file changed. */
  private List<Dashboard> changedQuery(
      String file, java.util.function.UnaryOperator<String> change) {
    return changed(
        file,
        json -> {
          for (JsonNode panel : new Dashboard(file, json).panels()) {
            for (JsonNode target : panel.path("targets")) {
              if (target.has("query")) {
                ((ObjectNode) target).put("query", change.apply(target.path("query").asText()));
              }
            }
          }
        });
  }
}
