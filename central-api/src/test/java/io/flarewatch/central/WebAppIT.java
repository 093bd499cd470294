package io.flarewatch.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.HttpConfig;
import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.emissions.EmissionsCalculator;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web app as central serves it (its files, their caching and security headers) and the read
 * routes its screens use: miner detail, emissions summary and the live stream of a site.
 */
class WebAppIT {

  private static final String SITE = "well-3";
  private static final String INGEST_TOKEN = "web-ingest";

  private static Vertx vertx;
  private static CentralApp central;
  private static WebClient client;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    CentralConfig config =
        new CentralConfig(
            new HttpConfig("127.0.0.1", 0, null),
            new InfluxConfig(
                InfluxTestServer.shared().url(),
                InfluxTestServer.uniqueDatabase("web"),
                null,
                null),
            List.of(new SiteConfig(SITE, null, SiteConfig.sha256Hex(INGEST_TOKEN))),
            TestUsers.auth());
    central = CentralApp.start(vertx, config).await();
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void thePageAndEveryFileItNamesAreServedWithTheirCaching() {
    HttpResponse<Buffer> page = client.get(central.port(), "127.0.0.1", "/").send().await();
    assertEquals(200, page.statusCode());
    assertTrue(
        page.getHeader("Content-Type").startsWith("text/html"), page.getHeader("Content-Type"));
    assertEquals("no-cache", page.getHeader("Cache-Control"));
    assertTrue(page.getHeader("Content-Security-Policy").contains("default-src 'self'"));
    assertEquals("DENY", page.getHeader("X-Frame-Options"));
    Matcher names = Pattern.compile("(?:src|href)=\"(/app/[^\"]+)\"").matcher(page.bodyAsString());
    int files = 0;
    while (names.find()) {
      files++;
      String path = names.group(1);
      HttpResponse<Buffer> file = client.get(central.port(), "127.0.0.1", path).send().await();
      assertEquals(200, file.statusCode(), path);
      String cache = file.getHeader("Cache-Control");
      if (path.startsWith("/app/vendor/")) {
        assertTrue(cache.contains("immutable") && cache.contains("max-age=31536000"), cache);
      } else {
        assertEquals("no-cache", cache, path);
      }
      String type = file.getHeader("Content-Type");
      assertTrue(
          path.endsWith(".js") ? type.contains("javascript") : type.startsWith("text/css"),
          path + ": " + type);
    }
    assertEquals(4, files, "two styles and two scripts");
  }

  @Test
  void anUnchangedScriptIsNotSentAgainAndAMissingOneIsAProblem() {
    String path = "/app/js/main.js";
    HttpResponse<Buffer> first = client.get(central.port(), "127.0.0.1", path).send().await();
    assertNotNull(first.getHeader("Last-Modified"));
    HttpResponse<Buffer> again =
        client
            .get(central.port(), "127.0.0.1", path)
            .putHeader("If-Modified-Since", first.getHeader("Last-Modified"))
            .send()
            .await();
    assertEquals(304, again.statusCode());
    HttpResponse<Buffer> missing =
        client.get(central.port(), "127.0.0.1", "/app/js/missing.js").send().await();
    assertEquals(404, missing.statusCode());
    assertEquals("application/problem+json", missing.getHeader("Content-Type"));
  }

  @Test
  void minerDetailIsTheMinersLatestSampleWithEveryField() {
    Instant t = Instant.now().minusSeconds(20).truncatedTo(ChronoUnit.MILLIS);
    ingest(
        "miner,firmware=braiins,miner=m-7,site="
            + SITE
            + " up=1i,state=\"mining\",hashrate_ths=101.5,power_w=3250.0,power_source=\"reported\","
            + "temp_chip_max_c=71.0 "
            + t.toEpochMilli()
            + "\nminer,firmware=braiins,miner=m-7,site="
            + SITE
            + " up=1i,state=\"mining\",hashrate_ths=99.25,power_w=3240.0,power_source=\"reported\","
            + "temp_chip_max_c=72.0 "
            + t.plusSeconds(10).toEpochMilli()
            + "\n");
    JsonObject latest = get("/api/v1/sites/" + SITE + "/miners/m-7").getJsonObject("latest");
    assertEquals(99.25, latest.getDouble("hashrate_ths"));
    assertEquals("reported", latest.getString("power_source"));
    assertEquals("braiins", latest.getString("firmware"));
    assertEquals(t.plusSeconds(10).toString(), latest.getString("time"));
    assertNull(get("/api/v1/sites/" + SITE + "/miners/m-404").getValue("latest"));
    HttpResponse<Buffer> bad =
        TestUsers.get(
            client,
            central.port(),
            Role.VIEWER,
            "/api/v1/sites/" + SITE + "/miners/M_7!",
            Map.of());
    assertEquals(400, bad.statusCode(), bad.bodyAsString());
  }

  @Test
  void emissionsSummaryAddsTodaysIntervalsAndTheCaptureRate() {
    Instant now = Instant.now();
    Instant t = later(now.minusSeconds(30), now.truncatedTo(ChronoUnit.DAYS));
    ReportSeed.Set set = ReportSeed.set(0.98, 14.7, "2025-12-01");
    StringBuilder lines = new StringBuilder();
    double avoided = 0;
    for (int i = 0; i < 3; i++) {
      double cf = 1000 + 100 * i;
      lines.append(
          ReportSeed.emissions(
              new ReportSeed.Interval(SITE, t.plusMillis(i), cf, 10, set), true, 10));
      avoided += EmissionsCalculator.compute(cf, set.parameters()).figures().get("avoided_tco2e");
    }
    lines.append(ReportSeed.meter(SITE, "genset_fuel_meter", 3300, 10, t));
    lines.append(ReportSeed.meter(SITE, "flare_meter", 1100, 10, t));
    ingest(lines.toString());

    JsonObject summary = get("/api/v1/sites/" + SITE + "/emissions/summary");
    for (String period : List.of("today", "month")) {
      JsonObject figures = summary.getJsonObject(period);
      assertEquals(avoided, figures.getDouble("avoidedTco2e"), 1e-9 * Math.abs(avoided), period);
      assertEquals(75.0, figures.getDouble("capturePct"), 1e-9, period);
      assertEquals(3300.0, figures.getDouble("gasUsedScf"), period);
      assertEquals(List.of(set.parameters().id()), figures.getJsonArray("parameterSets").getList());
    }
  }

  @Test
  void theLiveStreamSendsTheLatestCycleAndEachNewOneAsItIsStored() {
    Instant t = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    ingest(summaryLine(t));
    List<String> events = new CopyOnWriteArrayList<>();
    StringBuilder text = new StringBuilder();
    HttpClient http = vertx.createHttpClient();
    try {
      HttpClientResponse response =
          http.request(
                  new RequestOptions()
                      .setMethod(HttpMethod.GET)
                      .setHost("127.0.0.1")
                      .setPort(central.port())
                      .setURI("/api/v1/sites/" + SITE + "/live")
                      .putHeader(
                          "Authorization",
                          "Bearer " + TestUsers.token(client, central.port(), Role.VIEWER)))
              .compose(HttpClientRequest::send)
              // set on the event loop as the head arrives, so the first event cannot be missed
              .map(live -> live.handler(chunk -> collectEvents(text, chunk.toString(), events)))
              .await();
      assertEquals(200, response.statusCode());
      assertTrue(response.getHeader("Content-Type").startsWith("text/event-stream"));
      await("the latest cycle at once")
          .atMost(Duration.ofSeconds(10))
          .until(() -> siteEvents(events).contains(t.toString()));
      Instant next = t.plusSeconds(10);
      ingest(summaryLine(next));
      await("the new cycle once it is stored")
          .atMost(Duration.ofSeconds(5))
          .until(() -> siteEvents(events).contains(next.toString()));
      assertEquals(List.of(t.toString(), next.toString()), siteEvents(events));
    } finally {
      http.close().await();
    }
  }

  /** Adds each whole event of the stream's text so far to {@code events}. */
  private static void collectEvents(StringBuilder text, String chunk, List<String> events) {
    text.append(chunk);
    int end;
    while ((end = text.indexOf("\n\n")) >= 0) {
      events.add(text.substring(0, end));
      text.delete(0, end + 2);
    }
  }

  /** The summary time of each {@code site} event, in order. */
  private static List<String> siteEvents(List<String> events) {
    return events.stream()
        .filter(e -> e.startsWith("event: site\n"))
        .map(e -> new JsonObject(e.substring(e.indexOf("data: ") + 6)))
        .map(state -> state.getJsonObject("summary").getString("time"))
        .toList();
  }

  private static String summaryLine(Instant t) {
    return "site_summary,site="
        + SITE
        + " miners_total=3i,miners_online=3i,hashrate_ths=300.5 "
        + t.toEpochMilli()
        + "\n";
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static void ingest(String lines) {
    HttpResponse<Buffer> response =
        client
            .post(central.port(), "127.0.0.1", "/api/v1/sites/" + SITE + "/samples")
            .putHeader("Authorization", "Bearer " + INGEST_TOKEN)
            .putHeader("Content-Type", "text/plain")
            .sendBuffer(Buffer.buffer(lines))
            .await();
    assertEquals(200, response.statusCode(), response.bodyAsString());
  }

  private static JsonObject get(String path) {
    HttpResponse<Buffer> response =
        TestUsers.get(client, central.port(), Role.VIEWER, path, Map.of());
    assertEquals(200, response.statusCode(), path + ": " + response.bodyAsString());
    return response.bodyAsJsonObject();
  }
}
