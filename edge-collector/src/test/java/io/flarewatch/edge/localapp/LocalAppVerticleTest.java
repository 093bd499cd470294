package io.flarewatch.edge.localapp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.config.PasswordHash;
import io.flarewatch.edge.config.LocalAppConfig;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.flarewatch.wire.access.SiteAccessToken;
import io.flarewatch.wire.signing.Ed25519Signatures;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site-local app over HTTP: files, source, login, tokens, reads, rollups, live, roles. */
class LocalAppVerticleTest {

  private static final String SITE = LocalAppFixture.SITE;
  private static final KeyPair CENTRAL = Ed25519Signatures.newKeyPair();
  private static final String PASSWORD = "field pass 1";
  private static final String HASH =
      PasswordHash.of(PASSWORD.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();

  @TempDir Path dir;
  private final Clock clock = Clock.systemUTC();
  private Vertx vertx;
  private LocalData data;
  private WebClient client;
  private int port;
  private LocalAppFixture fixture;

  @BeforeEach
  void start() {
    fixture =
        LocalAppFixture.start(
            dir,
            clock,
            CENTRAL.getPublic(),
            Set.of("m-1", "m-2"),
            List.of(
                new LocalAppConfig.Account("tech", HASH, "engineer"),
                new LocalAppConfig.Account("watcher", HASH, "VIEWER")));
    vertx = fixture.vertx;
    data = fixture.data;
    client = fixture.client;
    port = fixture.port;
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private static List<Point> cycle(long millis, double hashrate) {
    return List.of(
        Point.builder(Schema.MINER, millis)
            .tag(Schema.TAG_SITE, SITE)
            .tag(Schema.TAG_MINER, "m-1")
            .tag(Schema.TAG_FIRMWARE, "braiins_os")
            .field(Schema.FIELD_UP, 1L)
            .field(Schema.FIELD_STATE, "mining")
            .field(Schema.FIELD_HASHRATE_THS, hashrate)
            .field(Schema.FIELD_POWER_W, 3000.0)
            .field(Schema.FIELD_FAN_RPM_MAX, 5000L)
            .build(),
        Point.builder(Schema.MINER, millis)
            .tag(Schema.TAG_SITE, SITE)
            .tag(Schema.TAG_MINER, "m-2")
            .tag(Schema.TAG_FIRMWARE, "stock")
            .field(Schema.FIELD_UP, 0L)
            .field(Schema.FIELD_ERROR, "timeout")
            .build(),
        Point.builder(Schema.GENERATOR, millis)
            .tag(Schema.TAG_SITE, SITE)
            .tag(Schema.TAG_DEVICE, "gen-1")
            .field(Schema.FIELD_UP, 1L)
            .field(Schema.FIELD_GENERATOR_KW, 480.0)
            .field("load_pct", 60.0)
            .build(),
        Point.builder(Schema.SITE_SUMMARY, millis)
            .tag(Schema.TAG_SITE, SITE)
            .field(Schema.FIELD_MINERS_TOTAL, 2L)
            .field(Schema.FIELD_MINERS_ONLINE, 1L)
            .field(Schema.FIELD_HASHRATE_THS, hashrate)
            .build());
  }

  private HttpResponse<Buffer> get(String path, String token) {
    var request = client.get(port, "127.0.0.1", path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return request.send().await();
  }

  private HttpResponse<Buffer> login(JsonObject body) {
    return client.post(port, "127.0.0.1", "/api/v1/auth/token").sendJsonObject(body).await();
  }

  private String centralToken(
      String role, List<String> sites, Instant from, Duration lifetime, KeyPair key) {
    return new SiteAccessToken("central", "ops-1", role, sites, from, from.plus(lifetime))
        .sign(key.getPrivate());
  }

  @Test
  void theSameAppFilesAreServed() {
    HttpResponse<Buffer> page = get("/", null);
    assertEquals(200, page.statusCode());
    assertTrue(page.bodyAsString().contains("/app/js/main.js"));
    assertEquals(200, get("/app/js/api.js", null).statusCode());
    assertEquals(200, get("/app/vendor/uplot/1.6.30/dist/uPlot.iife.min.js", null).statusCode());
  }

  @Test
  void theSourceSaysSiteLocalAndHowOldTheDataIs() {
    data.stored(clock.millis() - 12_000, cycle(clock.millis() - 12_000, 100));

    HttpResponse<Buffer> source = get("/api/v1/source", null);

    assertEquals(200, source.statusCode());
    assertEquals("site-local", source.getHeader(LocalAppVerticle.SOURCE_HEADER));
    JsonObject body = source.bodyAsJsonObject();
    assertEquals("site-local", body.getString("source"));
    assertEquals(SITE, body.getString("site"));
    long age = body.getLong("dataAgeSeconds");
    assertTrue(age >= 12 && age < 60, "age " + age);
  }

  @Test
  void withoutATokenTheDataIsAProblem401() {
    HttpResponse<Buffer> refused = get("/api/v1/sites/" + SITE, null);
    assertEquals(401, refused.statusCode());
    assertEquals("application/problem+json", refused.getHeader("Content-Type"));
    assertEquals(401, refused.bodyAsJsonObject().getInteger("status"));
  }

  @Test
  void aLocalAccountLogsInAndReadsTheLatestCycleInCentralsShape() {
    assertEquals(
        401, login(new JsonObject().put("username", "tech").put("password", "wrong")).statusCode());
    assertEquals(
        401,
        login(new JsonObject().put("username", "nobody").put("password", PASSWORD)).statusCode());
    HttpResponse<Buffer> ok =
        login(new JsonObject().put("username", "tech").put("password", PASSWORD));
    assertEquals(200, ok.statusCode());
    assertEquals("ENGINEER", ok.bodyAsJsonObject().getString("role"));
    String token = ok.bodyAsJsonObject().getString("token");
    long now = clock.millis();
    data.stored(now, cycle(now, 101.5));

    JsonObject site = get("/api/v1/sites/" + SITE, token).bodyAsJsonObject();

    assertEquals(SITE, site.getString("site"));
    assertEquals(2L, site.getJsonObject("summary").getLong(Schema.FIELD_MINERS_TOTAL));
    JsonArray miners = site.getJsonArray("miners");
    assertEquals("m-1", miners.getJsonObject(0).getString("id"));
    assertEquals(101.5, miners.getJsonObject(0).getDouble(Schema.FIELD_HASHRATE_THS));
    assertEquals("timeout", miners.getJsonObject(1).getString(Schema.FIELD_ERROR));
    assertEquals(480.0, site.getJsonArray("generators").getJsonObject(0).getDouble("power_kw"));
    JsonObject miner = get("/api/v1/sites/" + SITE + "/miners/m-1", token).bodyAsJsonObject();
    assertEquals(5000L, miner.getJsonObject("latest").getLong(Schema.FIELD_FAN_RPM_MAX));
    assertEquals("braiins_os", miner.getJsonObject("latest").getString(Schema.TAG_FIRMWARE));
    JsonObject fleet = get("/api/v1/fleet", token).bodyAsJsonObject();
    assertEquals("site-local", fleet.getString("source"));
    assertEquals(1, fleet.getJsonArray("sites").size());
    assertEquals(true, fleet.getJsonArray("sites").getJsonObject(0).getBoolean("online"));
    assertEquals(404, get("/api/v1/sites/other-site", token).statusCode());
  }

  @Test
  void centralsTokensAreCheckedOfflineForKeyExpiryAndSite() {
    Instant now = clock.instant();
    String valid = centralToken("VIEWER", List.of(SITE), now, Duration.ofHours(8), CENTRAL);
    String everySite = centralToken("VIEWER", List.of("*"), now, Duration.ofHours(8), CENTRAL);
    String expired =
        centralToken(
            "VIEWER", List.of(SITE), now.minus(Duration.ofHours(3)), Duration.ofHours(2), CENTRAL);
    String wrongKey =
        centralToken(
            "VIEWER", List.of(SITE), now, Duration.ofHours(8), Ed25519Signatures.newKeyPair());
    String otherSite = centralToken("ADMIN", List.of("well-9"), now, Duration.ofHours(8), CENTRAL);

    HttpResponse<Buffer> exchanged = login(new JsonObject().put("siteToken", valid));
    assertEquals(200, exchanged.statusCode());
    assertEquals(valid, exchanged.bodyAsJsonObject().getString("token"));
    assertEquals(200, get("/api/v1/sites/" + SITE, valid).statusCode());
    assertEquals(200, get("/api/v1/sites/" + SITE, everySite).statusCode());
    for (String refused : List.of(expired, wrongKey, otherSite)) {
      assertEquals(401, get("/api/v1/sites/" + SITE, refused).statusCode());
      assertEquals(401, login(new JsonObject().put("siteToken", refused)).statusCode());
    }
  }

  @Test
  void aViewerMayNotCommandAnEngineerGetsPastTheRoleCheck() {
    Instant now = clock.instant();
    JsonObject sleep = new JsonObject().put("action", "sleep").put("targets", "all");
    var viewer =
        client
            .post(port, "127.0.0.1", "/api/v1/sites/" + SITE + "/commands")
            .bearerTokenAuthentication(
                centralToken("VIEWER", List.of(SITE), now, Duration.ofHours(1), CENTRAL))
            .sendJsonObject(sleep)
            .await();
    assertEquals(403, viewer.statusCode());
    var engineer =
        client
            .post(port, "127.0.0.1", "/api/v1/sites/" + SITE + "/commands")
            .bearerTokenAuthentication(
                centralToken("ENGINEER", List.of(SITE), now, Duration.ofHours(1), CENTRAL))
            .sendJsonObject(sleep)
            .await();
    assertEquals(
        409, engineer.statusCode(), "commands are off in this edge: " + engineer.bodyAsString());
  }

  @Test
  void seriesComeFromTheOneMinuteRollups() {
    Instant now = clock.instant();
    String token = centralToken("VIEWER", List.of(SITE), now, Duration.ofHours(1), CENTRAL);
    long minute = Math.floorDiv(now.toEpochMilli(), 60_000L) * 60_000L - 180_000L;
    data.stored(minute, cycle(minute, 100));
    data.stored(minute + 10_000, cycle(minute + 10_000, 110));
    data.stored(minute + 60_000, cycle(minute + 60_000, 90));
    data.stored(minute + 120_000, cycle(minute + 120_000, 95));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> data.rows().await() == 2 * 6); // two minutes done: 6 metric/device pairs each

    String path =
        "/api/v1/sites/"
            + SITE
            + "/series?metric=miner.hashrate_ths&device=m-1&step=1m&from="
            + now.minus(Duration.ofHours(24))
            + "&to="
            + now;
    JsonObject series = get(path, token).bodyAsJsonObject();

    JsonArray points = series.getJsonArray("series").getJsonObject(0).getJsonArray("points");
    assertEquals("m-1", series.getJsonArray("series").getJsonObject(0).getString("device"));
    assertEquals(Instant.ofEpochMilli(minute).toString(), points.getJsonArray(0).getString(0));
    assertEquals(105.0, points.getJsonArray(0).getDouble(1), 1e-9, "the mean of the minute");
    assertEquals(90.0, points.getJsonArray(1).getDouble(1), 1e-9);
    assertEquals(
        400,
        get(
                "/api/v1/sites/"
                    + SITE
                    + "/series?metric=miner.uptime_s&from="
                    + now.minusSeconds(60)
                    + "&to="
                    + now,
                token)
            .statusCode());
  }

  @Test
  void theLiveStreamSendsEachStoredCycle() {
    String token =
        centralToken("VIEWER", List.of(SITE), clock.instant(), Duration.ofHours(1), CENTRAL);
    data.stored(clock.millis(), cycle(clock.millis(), 100));
    HttpClient http = vertx.createHttpClient();
    AtomicReference<String> text = new AtomicReference<>("");
    AtomicInteger status = new AtomicInteger();
    http.request(
            new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setPort(port)
                .setHost("127.0.0.1")
                .setURI("/api/v1/sites/" + SITE + "/live")
                .putHeader("Authorization", "Bearer " + token))
        .compose(r -> r.send())
        .onSuccess(
            response -> {
              status.set(response.statusCode());
              response.handler(chunk -> text.accumulateAndGet(chunk.toString(), String::concat));
            });
    await().atMost(Duration.ofSeconds(10)).until(() -> text.get().contains("event: site"));
    assertEquals(200, status.get());

    data.stored(clock.millis(), cycle(clock.millis(), 123.25));

    await().atMost(Duration.ofSeconds(10)).until(() -> text.get().contains("123.25"));
    assertNotNull(text.get());
  }
}
