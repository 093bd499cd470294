package io.flarewatch.central.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.influx.InfluxFailureCounts;
import io.micrometer.core.instrument.MockClock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The text exposition: quantiles over the recent window, status classes, escaping. */
class CentralMetricsTest {

  private static final String FLEET = "{method=\"GET\",route=\"/api/v1/fleet\"";
  private static final String LATENCY = "flarewatch_central_http_request_duration_seconds";

  private final MockClock clock = new MockClock();
  private final AtomicLong lost = new AtomicLong();

  private CentralMetrics metrics() {
    return new CentralMetrics(new InfluxFailureCounts(), lost::get, clock);
  }

  @Test
  void quantilesCoverTheRequestsOfTheLastFiveMinutes() {
    CentralMetrics metrics = metrics();
    for (int ms = 1; ms <= 100; ms++) {
      metrics.request("GET", "/api/v1/fleet", 200, TimeUnit.MILLISECONDS.toNanos(ms));
    }
    Map<String, Double> samples = PrometheusSamples.parse(metrics.render());
    // Micrometer's histogram keeps two significant digits: quantiles are within 1 % of the rank
    assertEquals(0.050, samples.get(LATENCY + FLEET + ",quantile=\"0.5\"}"), 0.0005);
    assertEquals(0.099, samples.get(LATENCY + FLEET + ",quantile=\"0.99\"}"), 0.001);
    assertEquals(100, samples.get(LATENCY + "_count" + FLEET + "}"));
    assertEquals(5.05, samples.get(LATENCY + "_sum" + FLEET + "}"), 1e-9);

    clock.add(5, TimeUnit.MINUTES);
    clock.add(1, TimeUnit.MILLISECONDS);
    metrics.request("GET", "/api/v1/fleet", 200, TimeUnit.MILLISECONDS.toNanos(500));
    samples = PrometheusSamples.parse(metrics.render());
    assertEquals(0.5, samples.get(LATENCY + FLEET + ",quantile=\"0.5\"}"), 0.005);
    assertEquals(101, samples.get(LATENCY + "_count" + FLEET + "}"), "counts stay cumulative");

    clock.add(6, TimeUnit.MINUTES);
    samples = PrometheusSamples.parse(metrics.render());
    assertEquals(0, samples.get(LATENCY + FLEET + ",quantile=\"0.99\"}"), "the window is empty");
    assertEquals(101, samples.get(LATENCY + "_count" + FLEET + "}"));
  }

  @Test
  void requestsAreCountedPerStatusClassAndOddMethodsShareOneLabel() {
    CentralMetrics metrics = metrics();
    metrics.request("GET", "/api/v1/fleet", 200, 1);
    metrics.request("GET", "/api/v1/fleet", 204, 1);
    metrics.request("GET", "/api/v1/fleet", 503, 1);
    metrics.request("BREW", "unmatched", 404, 1);
    metrics.request("BREW2", "unmatched", 405, 1);
    lost.set(3);
    String text = metrics.render();
    Map<String, Double> samples = PrometheusSamples.parse(text);
    String requests = "flarewatch_central_http_requests_total";
    assertEquals(2, samples.get(requests + FLEET + ",status=\"2xx\"}"), text);
    assertEquals(1, samples.get(requests + FLEET + ",status=\"5xx\"}"), text);
    assertFalse(samples.containsKey(requests + FLEET + ",status=\"4xx\"}"), text);
    assertEquals(
        2, samples.get(requests + "{method=\"other\",route=\"unmatched\",status=\"4xx\"}"), text);
    assertFalse(text.contains("BREW"));
    assertEquals(3, samples.get("flarewatch_central_audit_entries_lost_total"), text);
  }

  @Test
  void ingestOutcomesFollowTheStatus() {
    CentralMetrics metrics = metrics();
    metrics.ingestBatch(200, 5);
    metrics.ingestBatch(403, 2);
    metrics.ingestBatch(400, null);
    metrics.ingestBatch(503, 7);
    String text = metrics.render();
    Map<String, Double> samples = PrometheusSamples.parse(text);
    String batches = "flarewatch_central_ingest_batches_total";
    String points = "flarewatch_central_ingest_points_total";
    assertEquals(1, samples.get(batches + "{outcome=\"accepted\"}"), text);
    assertEquals(2, samples.get(batches + "{outcome=\"rejected\"}"), text);
    assertEquals(2, samples.get(points + "{outcome=\"rejected\"}"), text);
    assertEquals(7, samples.get(points + "{outcome=\"failed\"}"), text);
  }

  @Test
  void everyOutcomeAndInfluxFailureIsShownBeforeItFirstHappens() {
    Map<String, Double> samples = PrometheusSamples.parse(metrics().render());
    for (String outcome : new String[] {"accepted", "rejected", "failed"}) {
      assertEquals(
          0, samples.get("flarewatch_central_ingest_batches_total{outcome=\"" + outcome + "\"}"));
    }
    assertEquals(
        0,
        samples.get(
            "flarewatch_central_influx_failures_total{operation=\"query\",reason=\"unavailable\"}"));
  }

  @Test
  void labelValuesAreEscaped() {
    CentralMetrics metrics = metrics();
    metrics.request("GET", "x\\y\"z\n", 200, 1);
    assertTrue(
        metrics.render().contains("route=\"x\\\\y\\\"z\\n\""), "escaped as the text format wants");
  }
}
