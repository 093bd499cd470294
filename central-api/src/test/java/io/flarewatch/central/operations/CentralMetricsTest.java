package io.flarewatch.central.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.influx.InfluxFailureCounts;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The text exposition: quantiles over the recent window, status classes, escaping. */
class CentralMetricsTest {

  private static final String FLEET = "{method=\"GET\",route=\"/api/v1/fleet\"";
  private static final String LATENCY = "flarewatch_central_http_request_duration_seconds";

  private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
  private final AtomicLong lost = new AtomicLong();

  private CentralMetrics metrics() {
    return new CentralMetrics(new InfluxFailureCounts(), lost::get, now::get);
  }

  @Test
  void quantilesAreNearestRankOverTheRequestsOfTheLastFiveMinutes() {
    CentralMetrics metrics = metrics();
    for (int ms = 1; ms <= 100; ms++) {
      metrics.request("GET", "/api/v1/fleet", 200, TimeUnit.MILLISECONDS.toNanos(ms));
    }
    String text = metrics.render();
    assertTrue(text.contains(LATENCY + FLEET + ",quantile=\"0.5\"} 0.05\n"), text);
    assertTrue(text.contains(LATENCY + FLEET + ",quantile=\"0.99\"} 0.099\n"), text);
    assertTrue(text.contains(LATENCY + "_count" + FLEET + "} 100\n"), text);
    assertTrue(text.contains(LATENCY + "_sum" + FLEET + "} 5.05\n"), text);

    now.addAndGet(TimeUnit.MINUTES.toNanos(5) + 1);
    metrics.request("GET", "/api/v1/fleet", 200, TimeUnit.MILLISECONDS.toNanos(500));
    text = metrics.render();
    assertTrue(text.contains(LATENCY + FLEET + ",quantile=\"0.5\"} 0.5\n"), text);
    assertTrue(text.contains(LATENCY + "_count" + FLEET + "} 101\n"), "counts stay cumulative");

    now.addAndGet(TimeUnit.MINUTES.toNanos(6));
    assertTrue(metrics.render().contains(LATENCY + FLEET + ",quantile=\"0.99\"} NaN\n"));
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
    String requests = "flarewatch_central_http_requests_total";
    assertTrue(text.contains(requests + FLEET + ",status=\"2xx\"} 2\n"), text);
    assertTrue(text.contains(requests + FLEET + ",status=\"5xx\"} 1\n"), text);
    assertFalse(text.contains(requests + FLEET + ",status=\"4xx\"}"), text);
    assertTrue(
        text.contains(requests + "{method=\"other\",route=\"unmatched\",status=\"4xx\"} 2\n"),
        text);
    assertFalse(text.contains("BREW"));
    assertTrue(text.contains("flarewatch_central_audit_entries_lost_total 3\n"), text);
  }

  @Test
  void ingestOutcomesFollowTheStatus() {
    CentralMetrics metrics = metrics();
    metrics.ingestBatch(200, 5);
    metrics.ingestBatch(403, 2);
    metrics.ingestBatch(400, null);
    metrics.ingestBatch(503, 7);
    String text = metrics.render();
    assertTrue(text.contains("ingest_batches_total{outcome=\"accepted\"} 1\n"), text);
    assertTrue(text.contains("ingest_batches_total{outcome=\"rejected\"} 2\n"), text);
    assertTrue(text.contains("ingest_points_total{outcome=\"rejected\"} 2\n"), text);
    assertTrue(text.contains("ingest_points_total{outcome=\"failed\"} 7\n"), text);
  }

  @Test
  void labelValuesAreEscaped() {
    assertEquals("a=\"x\\\\y\\\"z\\n\"", CentralMetrics.labels("a", "x\\y\"z\n"));
  }
}
