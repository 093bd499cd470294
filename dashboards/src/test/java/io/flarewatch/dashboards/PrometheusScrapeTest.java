package io.flarewatch.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {

  @Test
  void labelValuesMayHoldBracesAndQuotes() {
    String exposition =
        "# HELP x_total Requests.\n"
            + "# TYPE x_total counter\n"
            + "x_total{method=\"POST\",route=\"/api/v1/sites/{site}/samples\",status=\"2xx\"} 5.0\n"
            + "y{note=\"a \\\"quoted\\\" } brace\",site=\"s\"} 1\n"
            + "z 0.0\n";
    assertEquals(
        Map.of(
            "x_total", Set.of("method", "route", "status"),
            "y", Set.of("note", "site"),
            "z", Set.of()),
        PrometheusScrape.labelsBySample(exposition));
  }

  @Test
  void promQlNamesTheMetricsAndTheLabelsItNeeds() {
    assertEquals(
        Map.of(
            "flarewatch_a_total", Set.of("instance", "outcome", "route"),
            "flarewatch_b_total", Set.of("instance", "route")),
        PromQlNames.labelsByMetric(
            "sum by (route) (rate(flarewatch_a_total{instance=~\"$instance\", outcome=\"ok\"}[5m]))"
                + " / sum by (route) (rate(flarewatch_b_total{instance=~\"$instance\"}[5m]))"));
    assertEquals(
        Map.of("flarewatch_edge_buffer_lines", Set.of("site")),
        PromQlNames.labelsByMetric("label_values(flarewatch_edge_buffer_lines, site)"));
  }
}
