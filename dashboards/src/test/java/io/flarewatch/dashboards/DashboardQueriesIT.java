package io.flarewatch.dashboards;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.flarewatch.demo.DemoSite;
import io.flarewatch.demo.LocalSystem;
import io.flarewatch.influx.testkit.InfluxTarget;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.flarewatch.simulator.MinerEndpoint;
import io.flarewatch.simulator.MinerFaultSettings;
import io.flarewatch.simulator.OfflineMode;
import io.flarewatch.simulator.SimulatorConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of every dashboard, as Grafana would send it, against a real InfluxDB holding what a
 * simulated site's edge delivered through central, and every Prometheus metric the dashboards read
 * in a real scrape of that edge and that central.
 */
class DashboardQueriesIT {

  private static final String SITE = "grafana-site";
  private static final int MINERS = 20;
  private static final long INTERVAL_MILLIS = 1_000;

  /** A buffer too small for the outage below, so the edge drops lines and says so. */
  private static final long BUFFER_BYTES = 16_384;

  /** Queries that may come back empty, with why the system under test has no such data. */
  private static final Map<String, String> MAY_BE_EMPTY =
      Map.of(
          "flarewatch-edge/Buffer-full and lost-cycle events (delivered)/B",
          "cycles are lost only when the edge's disk is full",
          "flarewatch-site/Load loop: gas capacity, target and load/A",
          "the demo site's edge runs without the load loop",
          "flarewatch-site/Load loop: miners changed/A",
          "the demo site's edge runs without the load loop");

  @TempDir Path dir;
  private Vertx vertx;
  private LocalSystem system;
  private final List<String> problems = new ArrayList<>();

  @AfterEach
  void stop() {
    if (system != null) {
      system.stop().await();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void everyPanelAndVariableQueryReturnsWhatThePanelShows() {
    InfluxTarget influxTarget = InfluxTestServer.shared();
    String database = InfluxTestServer.uniqueDatabase("grafana");
    vertx = Vertx.vertx();
    system =
        LocalSystem.start(
                vertx,
                new LocalSystem.Options(
                    SITE,
                    influxTarget.url(),
                    database,
                    influxTarget.username(),
                    influxTarget.password(),
                    0,
                    SimulatorConfig.defaults(MINERS, 7),
                    INTERVAL_MILLIS,
                    dir.resolve("edge.db"),
                    DemoSite.emissions(),
                    BUFFER_BYTES))
            .await();
    MinerEndpoint failing =
        system.simulator().miners().stream()
            .min(Comparator.comparing(MinerEndpoint::id))
            .orElseThrow();
    system
        .simulator()
        .faults()
        .miner(failing.id(), MinerFaultSettings.none().withOffline(OfflineMode.REFUSED))
        .await();
    runWithAnOutageOfCentral();
    Map<String, Set<String>> scraped = new TreeMap<>();
    scraped.putAll(scrape(system.edge().metricsPort().orElseThrow()));
    scraped.putAll(scrape(system.central().port()));

    InfluxQuery influx = new InfluxQuery(influxTarget, database);
    for (Dashboard dashboard : GrafanaFiles.dashboards()) {
      Map<String, List<String>> values = variableValues(dashboard, influx, scraped);
      for (Dashboard.Target target : dashboard.targets()) {
        if (target.influxQl()) {
          checkInfluxQl(target, values, influx);
        } else {
          checkPrometheus(target.describe(), target.text(), scraped);
        }
      }
      for (JsonNode panel : dashboard.panels()) {
        checkFieldNames(dashboard, panel, values, influx);
      }
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  /**
   * A few cycles, then central stopped long enough for the small buffer to drop lines (an {@code
   * edge_event}), then central back, and every buffered line delivered.
   */
  private void runWithAnOutageOfCentral() {
    awaitCycles(4);
    system.stopCentral().await();
    awaitCycles(system.edge().pollingStats().cycles() + 10);
    system.restartCentral().await();
    awaitCycles(system.edge().pollingStats().cycles() + 4);
    system.edge().stopPolling().await();
    await("the buffer drained")
        .atMost(Duration.ofSeconds(60))
        .until(() -> system.edge().buffer().stats().await().lines() == 0);
    assertTrue(system.edge().buffer().stats().await().droppedLines() > 0, "the outage drops lines");
  }

  private void awaitCycles(long cycles) {
    await(cycles + " poll cycles")
        .atMost(Duration.ofSeconds(90))
        .until(() -> system.edge().pollingStats().cycles() >= cycles);
  }

  /**
   * Runs each variable query in order and picks values as a user would: every site (All), the first
   * two miners (a multi-value choice, rendered as an alternation).
   */
  private Map<String, List<String>> variableValues(
      Dashboard dashboard, InfluxQuery influx, Map<String, Set<String>> scraped) {
    Map<String, List<String>> values = new HashMap<>();
    for (JsonNode variable : dashboard.variables()) {
      String name = variable.path("name").asText();
      String query = Dashboard.variableQuery(variable);
      String where = dashboard.file() + " variable $" + name;
      if (!Dashboard.INFLUXDB.equals(variable.path("datasource").path("type").asText())) {
        checkPrometheus(where, query, scraped);
        values.put(name, List.of(name.equals("site") ? SITE : "127.0.0.1"));
        continue;
      }
      JsonNode result = influx.statement(GrafanaInterpolation.influxQl(query, values));
      List<String> found = new ArrayList<>();
      if (checkResult(where, result, InfluxQlShape.of(query), values, false)) {
        for (JsonNode row : result.path("series").path(0).path("values")) {
          found.add(row.path(1).asText());
        }
      }
      List<String> chosen =
          name.equals("miner") ? found.subList(0, Math.min(2, found.size())) : found;
      if (name.equals("site") && !found.equals(List.of(SITE))) {
        problems.add(where + ": expected [" + SITE + "], got " + found);
      }
      if (name.equals("miner") && (chosen.size() < 2 || !found.contains(failingMiner()))) {
        problems.add(where + ": expected every miner, got " + found);
      }
      values.put(name, chosen.isEmpty() ? List.of("none") : chosen);
    }
    return values;
  }

  private String failingMiner() {
    return system.simulator().miners().stream()
        .map(MinerEndpoint::id)
        .min(Comparator.naturalOrder())
        .orElseThrow();
  }

  private void checkInfluxQl(
      Dashboard.Target target, Map<String, List<String>> values, InfluxQuery influx) {
    String sent = GrafanaInterpolation.influxQl(target.text(), values);
    JsonNode result = influx.statement(sent);
    String key =
        target.dashboard().uid()
            + "/"
            + target.panel().path("title").asText()
            + "/"
            + target.refId();
    checkResult(
        target.describe() + " [" + sent + "]",
        result,
        InfluxQlShape.of(target.text()),
        values,
        MAY_BE_EMPTY.containsKey(key));
  }

  /**
   * No error; unless it may be empty, at least one series, each with exactly the columns the
   * statement names, each column with a value somewhere, and the tags it groups by set to the
   * values chosen.
   */
  private boolean checkResult(
      String where,
      JsonNode result,
      InfluxQlShape shape,
      Map<String, List<String>> values,
      boolean mayBeEmpty) {
    if (result.has("error")) {
      problems.add(where + ": InfluxDB answered " + result.path("error").asText());
      return false;
    }
    JsonNode series = result.path("series");
    if (series.isEmpty()) {
      if (!mayBeEmpty) {
        problems.add(where + ": no data");
      }
      return false;
    }
    Set<String> valued = new LinkedHashSet<>();
    for (JsonNode one : series) {
      List<String> columns = new ArrayList<>();
      one.path("columns").forEach(c -> columns.add(c.asText()));
      List<String> data = columns.stream().filter(c -> !c.equals("time")).toList();
      for (InfluxQlShape.Column expected : shape.columns()) {
        if (data.stream().noneMatch(expected::matches)) {
          problems.add(where + ": no column " + expected + " in " + columns);
        }
      }
      for (String column : data) {
        if (shape.columns().stream().noneMatch(c -> c.matches(column))) {
          problems.add(where + ": unexpected column " + column);
        }
      }
      for (JsonNode row : one.path("values")) {
        for (int c = 0; c < columns.size(); c++) {
          if (!row.path(c).isNull()) {
            valued.add(columns.get(c));
          }
        }
      }
      for (String tag : shape.groupByTags()) {
        String value = one.path("tags").path(tag).asText(null);
        if (value == null) {
          problems.add(where + ": series without tag " + tag);
        } else if (values.containsKey(tag) && !values.get(tag).contains(value)) {
          problems.add(where + ": tag " + tag + "=" + value + " is not among " + values.get(tag));
        }
      }
    }
    for (InfluxQlShape.Column expected : shape.columns()) {
      if (!mayBeEmpty && valued.stream().noneMatch(expected::matches)) {
        problems.add(where + ": column " + expected + " holds no value");
      }
    }
    return true;
  }

  /** Names the panel's transformations and overrides use are among its table results' fields. */
  private void checkFieldNames(
      Dashboard dashboard, JsonNode panel, Map<String, List<String>> values, InfluxQuery influx) {
    if (!panel.has("transformations") && panel.path("fieldConfig").path("overrides").isEmpty()) {
      return;
    }
    Set<String> names = new LinkedHashSet<>(List.of("Time"));
    for (Dashboard.Target target : dashboard.targets()) {
      if (target.panel() != panel || !target.influxQl()) {
        continue;
      }
      JsonNode result = influx.statement(GrafanaInterpolation.influxQl(target.text(), values));
      for (JsonNode one : result.path("series")) {
        one.path("columns").forEach(c -> names.add(c.asText()));
        one.path("tags").fieldNames().forEachRemaining(names::add);
      }
    }
    names.remove("time");
    for (String problem : FieldNames.problems(panel, names)) {
      problems.add(dashboard.file() + " panel '" + panel.path("title").asText() + "': " + problem);
    }
  }

  /** Every metric the expression reads is in a scrape, with every label it selects or groups by. */
  private void checkPrometheus(String where, String expression, Map<String, Set<String>> scraped) {
    Map<String, Set<String>> needed = PromQlNames.labelsByMetric(expression);
    if (needed.isEmpty()) {
      problems.add(where + ": reads no Flarewatch metric: " + expression);
    }
    for (Map.Entry<String, Set<String>> metric : needed.entrySet()) {
      Set<String> labels = scraped.get(metric.getKey());
      if (labels == null) {
        problems.add(where + ": metric " + metric.getKey() + " is in no scrape");
        continue;
      }
      Set<String> missing =
          metric.getValue().stream()
              .filter(l -> !labels.contains(l) && !PromQlNames.SCRAPE_LABELS.contains(l))
              .collect(Collectors.toCollection(LinkedHashSet::new));
      if (!missing.isEmpty()) {
        problems.add(
            where + ": " + metric.getKey() + " has no label " + missing + ", only " + labels);
      }
    }
  }

  private Map<String, Set<String>> scrape(int port) {
    WebClient client = WebClient.create(vertx);
    try {
      String body = client.get(port, "127.0.0.1", "/metrics").send().await().bodyAsString();
      Map<String, Set<String>> samples = PrometheusScrape.labelsBySample(body);
      assertTrue(!samples.isEmpty(), "a scrape of port " + port + " holds samples");
      return samples;
    } finally {
      client.close();
    }
  }
}
