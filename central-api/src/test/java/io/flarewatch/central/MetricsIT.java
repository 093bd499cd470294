package io.flarewatch.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.HttpConfig;
import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.operations.PrometheusSamples;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: the counters move as requests are made, against a real InfluxDB. */
class MetricsIT {

  private static final String SITE = "hidden-site-7";
  private static final String TOKEN = "metrics-ingest-token";
  private static final String FLEET = "route=\"/api/v1/fleet\"";
  private static final long T0 = 1_770_000_000_000L;

  private static Vertx vertx;
  private static CentralApp central;
  private static CentralApp centralWithoutInflux;
  private static WebClient client;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    List<SiteConfig> sites =
        List.of(
            new SiteConfig(SITE, null, SiteConfig.sha256Hex(TOKEN)),
            new SiteConfig("other-site", null, SiteConfig.sha256Hex("other")));
    central =
        CentralApp.start(
                vertx,
                new CentralConfig(
                    new HttpConfig("127.0.0.1", 0, 4096L),
                    new InfluxConfig(
                        InfluxTestServer.shared().url(),
                        InfluxTestServer.uniqueDatabase("metrics"),
                        null,
                        null),
                    sites,
                    TestUsers.auth()))
            .await();
    centralWithoutInflux =
        CentralApp.start(
                vertx,
                new CentralConfig(
                    new HttpConfig("127.0.0.1", 0, null),
                    new InfluxConfig(
                        java.net.URI.create("http://127.0.0.1:9"), "nowhere", null, null),
                    sites,
                    TestUsers.auth()))
            .await();
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void requestsAreCountedByRouteTemplateAndStatusClass() {
    String viewer = TestUsers.token(client, central.port(), Role.VIEWER);
    Map<String, Double> before = scrape(central);
    for (int i = 0; i < 3; i++) {
      assertEquals(200, get(central, "/api/v1/fleet", viewer).statusCode());
    }
    assertEquals(401, get(central, "/api/v1/fleet", null).statusCode());
    assertEquals(200, get(central, "/api/v1/sites/" + SITE + "/status", viewer).statusCode());
    assertEquals(404, get(central, "/api/v1/sites/no-such-site/status", viewer).statusCode());
    assertEquals(404, get(central, "/no/such/" + SITE, viewer).statusCode());
    HttpResponse<Buffer> scraped =
        client.get(central.port(), "127.0.0.1", "/metrics").send().await();
    assertEquals(200, scraped.statusCode());
    assertTrue(scraped.getHeader("Content-Type").startsWith("text/plain; version=0.0.4"));
    assertFalse(
        scraped.bodyAsString().contains(SITE), "no site id, only route templates, in metrics");
    Map<String, Double> after = PrometheusSamples.parse(scraped.bodyAsString());

    String requests = "flarewatch_central_http_requests_total{method=\"GET\",";
    assertEquals(3, delta(before, after, requests + FLEET + ",status=\"2xx\"}"));
    assertEquals(1, delta(before, after, requests + FLEET + ",status=\"4xx\"}"));
    String status = "route=\"/api/v1/sites/{site}/status\"";
    assertEquals(1, delta(before, after, requests + status + ",status=\"2xx\"}"));
    assertEquals(1, delta(before, after, requests + status + ",status=\"4xx\"}"));
    assertEquals(1, delta(before, after, requests + "route=\"unmatched\",status=\"4xx\"}"));

    String latency = "flarewatch_central_http_request_duration_seconds";
    String fleet = "{method=\"GET\"," + FLEET;
    assertEquals(4, delta(before, after, latency + "_count" + fleet + "}"));
    double p50 = after.get(latency + fleet + ",quantile=\"0.5\"}");
    double p99 = after.get(latency + fleet + ",quantile=\"0.99\"}");
    assertTrue(p50 > 0 && p50 <= p99, "p50 " + p50 + ", p99 " + p99);
    assertTrue(
        after.get(latency + "_sum" + fleet + "}")
            > before.getOrDefault(latency + "_sum" + fleet + "}", 0.0));
  }

  @Test
  void ingestBatchesAndPointsAreCountedByOutcome() {
    Map<String, Double> before = scrape(central);
    String two =
        "generator,device=gen-1,site="
            + SITE
            + " power_kw=1.5 "
            + T0
            + "\n"
            + "generator,device=gen-1,site="
            + SITE
            + " power_kw=2.5 "
            + (T0 + 10_000)
            + "\n";
    assertEquals(200, ingest(central, SITE, TOKEN, two).statusCode());
    String foreign = "generator,device=gen-1,site=other-site power_kw=1.5 " + T0 + "\n";
    assertEquals(403, ingest(central, SITE, TOKEN, foreign).statusCode());
    assertEquals(400, ingest(central, SITE, TOKEN, "not line protocol\n").statusCode());
    assertEquals(401, ingest(central, SITE, "wrong-token", two).statusCode());
    String tooLarge = "x".repeat(8192);
    assertEquals(413, ingest(central, SITE, TOKEN, tooLarge).statusCode());
    Map<String, Double> after = scrape(central);

    assertEquals(1, delta(before, after, batches("accepted")));
    assertEquals(2, delta(before, after, points("accepted")));
    assertEquals(4, delta(before, after, batches("rejected")));
    assertEquals(1, delta(before, after, points("rejected")), "only the foreign batch parsed");
    assertEquals(0, delta(before, after, batches("failed")));
  }

  @Test
  void influxFailuresAndLostAuditEntriesAreCounted() {
    String viewer = TestUsers.token(client, centralWithoutInflux.port(), Role.VIEWER);
    Map<String, Double> before = scrape(centralWithoutInflux);
    String one = "generator,device=gen-1,site=" + SITE + " power_kw=1.5 " + T0 + "\n";
    assertEquals(503, ingest(centralWithoutInflux, SITE, TOKEN, one).statusCode());
    assertEquals(503, get(centralWithoutInflux, "/api/v1/fleet", viewer).statusCode());
    String lost = "flarewatch_central_audit_entries_lost_total";
    // the audit entry is written after the response: wait for its failure
    Map<String, Double> after =
        await("the fleet request's audit entry lost")
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> scrape(centralWithoutInflux), scraped -> delta(before, scraped, lost) >= 1);

    assertEquals(1, delta(before, after, batches("failed")));
    assertEquals(1, delta(before, after, points("failed")));
    String failures = "flarewatch_central_influx_failures_total{operation=";
    assertEquals(1, delta(before, after, failures + "\"query\",reason=\"unavailable\"}"));
    assertTrue(
        delta(before, after, failures + "\"write\",reason=\"unavailable\"}") >= 2,
        "ingest and audit writes");
    assertTrue(delta(before, after, lost) >= 1, "the fleet request's audit entry is lost");
  }

  private static String batches(String outcome) {
    return "flarewatch_central_ingest_batches_total{outcome=\"" + outcome + "\"}";
  }

  private static String points(String outcome) {
    return "flarewatch_central_ingest_points_total{outcome=\"" + outcome + "\"}";
  }

  private static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
    assertTrue(after.containsKey(key), key + " is missing from " + after.keySet());
    return after.get(key) - before.getOrDefault(key, 0.0);
  }

  private static HttpResponse<Buffer> get(CentralApp app, String path, String token) {
    var request = client.get(app.port(), "127.0.0.1", path);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request.send().await();
  }

  private static HttpResponse<Buffer> ingest(
      CentralApp app, String site, String token, String lines) {
    return client
        .post(app.port(), "127.0.0.1", "/api/v1/sites/" + site + "/samples")
        .putHeader("Authorization", "Bearer " + token)
        .putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer(lines))
        .await();
  }

  private static Map<String, Double> scrape(CentralApp app) {
    HttpResponse<Buffer> response = client.get(app.port(), "127.0.0.1", "/metrics").send().await();
    assertEquals(200, response.statusCode());
    return PrometheusSamples.parse(response.bodyAsString());
  }
}
