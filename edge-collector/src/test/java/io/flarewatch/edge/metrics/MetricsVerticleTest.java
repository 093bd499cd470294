package io.flarewatch.edge.metrics;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.edge.EdgeApp;
import io.flarewatch.edge.config.BufferConfig;
import io.flarewatch.edge.config.CentralLink;
import io.flarewatch.edge.config.EdgeConfig;
import io.flarewatch.edge.config.MetricsConfig;
import io.flarewatch.edge.config.MinerConfig;
import io.flarewatch.edge.config.PollingConfig;
import io.flarewatch.edge.config.UplinkConfig;
import io.flarewatch.simulator.SimulatorConfig;
import io.flarewatch.simulator.SiteSimulator;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} of a running edge polling three simulated miners while central is down: the
 * names dashboards use, tagged with the site, with the figures the edge's own counters hold.
 */
class MetricsVerticleTest {

  private static final String SITE = "metrics-site";
  private static final List<String> NAMES =
      List.of(
          "flarewatch_edge_buffer_lines",
          "flarewatch_edge_buffer_bytes",
          "flarewatch_edge_buffer_limit_bytes",
          "flarewatch_edge_buffer_oldest_age_seconds",
          "flarewatch_edge_buffer_dropped_lines_total",
          "flarewatch_edge_buffer_corrupt_files_total",
          "flarewatch_edge_uplink_bytes_sent_total",
          "flarewatch_edge_uplink_lines_sent_total",
          "flarewatch_edge_uplink_field_values_sent_total",
          "flarewatch_edge_uplink_failures_total",
          "flarewatch_edge_uplink_lines_rejected_total",
          "flarewatch_edge_poll_cycles_total",
          "flarewatch_edge_poll_cycles_skipped_total",
          "flarewatch_edge_poll_cycles_lost_total",
          "flarewatch_edge_device_poll_failures_total",
          "flarewatch_edge_miners_online",
          "flarewatch_edge_miners_polled");

  @TempDir Path dir;
  private Vertx vertx;
  private SiteSimulator simulator;
  private EdgeApp edge;
  private WebClient client;

  @BeforeEach
  void start() throws IOException {
    vertx = Vertx.vertx();
    simulator = SiteSimulator.start(vertx, SimulatorConfig.defaults(3, 5)).await();
    List<MinerConfig> miners =
        simulator.miners().stream().map(m -> new MinerConfig(m.id(), m.host(), m.port())).toList();
    EdgeConfig config =
        new EdgeConfig(
            SITE,
            new CentralLink(URI.create("http://127.0.0.1:" + unusedPort()), "token"),
            new PollingConfig(200L, 100L, 10, 0L),
            miners,
            List.of(),
            List.of(),
            new BufferConfig(dir.resolve("edge.db"), null),
            new UplinkConfig(null, 10L, 20L, null, null, null),
            null,
            new MetricsConfig("127.0.0.1", 0));
    edge = EdgeApp.start(vertx, config).await();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    edge.stop().await();
    simulator.close().await();
    vertx.close().await();
  }

  @Test
  void servesTheEdgeFiguresUnderTheirNamesTaggedWithTheSite() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> edge.pollingStats().cycles() >= 3 && edge.uplinkStats().failures() >= 1);
    edge.stopPolling().await();

    HttpResponse<Buffer> response = scrape("/metrics");
    assertEquals(200, response.statusCode());
    assertTrue(response.getHeader("Content-Type").startsWith("text/plain; version=0.0.4"));
    Map<String, Double> samples = parse(response.bodyAsString());
    String site = "{site=\"" + SITE + "\"}";
    for (String name : NAMES) {
      assertTrue(samples.containsKey(name + site), name + " is missing: " + samples.keySet());
    }
    assertEquals(3, samples.get("flarewatch_edge_miners_polled" + site));
    assertEquals(
        edge.pollingStats().lastMinersOnline(),
        samples.get("flarewatch_edge_miners_online" + site));
    long cycles = edge.pollingStats().cycles();
    assertEquals(cycles, samples.get("flarewatch_edge_poll_cycles_total" + site));
    long waiting = edge.buffer().stats().await().lines();
    assertEquals(waiting, samples.get("flarewatch_edge_buffer_lines" + site));
    assertTrue(waiting >= 3 * 4, "every cycle's points wait while central is down");
    assertTrue(samples.get("flarewatch_edge_uplink_failures_total" + site) >= 1);
    assertEquals(0, samples.get("flarewatch_edge_uplink_lines_sent_total" + site));

    String cycle = "flarewatch_edge_poll_cycle_seconds";
    assertEquals(cycles, samples.get(cycle + "_count" + site));
    double p50 = samples.get(cycle + "{site=\"" + SITE + "\",quantile=\"0.5\"}");
    double p99 = samples.get(cycle + "{site=\"" + SITE + "\",quantile=\"0.99\"}");
    assertTrue(p50 > 0 && p50 <= p99, "p50 " + p50 + ", p99 " + p99);
  }

  @Test
  void otherPathsAreNotFound() {
    assertEquals(404, scrape("/").statusCode());
    assertEquals(404, scrape("/metrics/x").statusCode());
  }

  private HttpResponse<Buffer> scrape(String path) {
    return client.get(edge.metricsPort().orElseThrow(), "127.0.0.1", path).send().await();
  }

  /** Sample lines of the text format: "name{labels}" → value. */
  private static Map<String, Double> parse(String text) {
    Map<String, Double> samples = new HashMap<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        int space = line.lastIndexOf(' ');
        samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
    return samples;
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
