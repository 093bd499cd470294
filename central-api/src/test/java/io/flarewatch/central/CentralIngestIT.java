package io.flarewatch.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.HttpConfig;
import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.influx.testkit.InfluxTarget;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.flarewatch.wire.LineProtocolParser;
import io.flarewatch.wire.PlainLineProtocol;
import io.flarewatch.wire.Point;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Central's ingest and status endpoints against a real InfluxDB. */
class CentralIngestIT {

  private static final String TOKEN_A = "token-for-site-a";
  private static final String TOKEN_B = "token-for-site-b";

  private static Vertx vertx;
  private static CentralApp central;
  private static WebClient client;
  private static InfluxClient influx;

  @BeforeAll
  static void start() {
    InfluxTarget target = InfluxTestServer.shared();
    vertx = Vertx.vertx();
    CentralConfig config = config(target.url(), InfluxTestServer.uniqueDatabase("ingest"));
    central = CentralApp.start(vertx, config).await();
    influx = new InfluxClient(vertx, config.influx());
    influx.createDatabase().await();
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
  }

  static CentralConfig config(URI influxUrl, String database) {
    return new CentralConfig(
        new HttpConfig("127.0.0.1", 0, null),
        new InfluxConfig(influxUrl, database, null, null),
        List.of(
            new SiteConfig("site-a", "Site A", SiteConfig.sha256Hex(TOKEN_A)),
            new SiteConfig("site-b", "Site B", SiteConfig.sha256Hex(TOKEN_B))),
        TestUsers.auth());
  }

  @Test
  void storesAGzippedBatchAndReadsTheStatusBack() throws IOException {
    long t = 1_760_000_000_000L;
    String body =
        "generator,device=gen-1,site=site-a power_kw=401.5 "
            + t
            + "\n"
            + "generator,device=gen-1,site=site-a power_kw=412.25 "
            + (t + 10_000)
            + "\n"
            + "site_summary,site=site-a hashrate_ths=1234.5,miners_online=9i,miners_total=10i "
            + (t + 10_000)
            + "\n";

    HttpResponse<Buffer> response =
        client
            .post(central.port(), "127.0.0.1", "/api/v1/sites/site-a/samples")
            .putHeader("Authorization", "Bearer " + TOKEN_A)
            .putHeader("Content-Type", "text/plain; charset=utf-8")
            .putHeader("Content-Encoding", "gzip")
            .sendBuffer(Buffer.buffer(gzip(body)))
            .await();

    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals(3, response.bodyAsJsonObject().getInteger("accepted"));
    JsonArray rows =
        influx
            .query("SELECT power_kw FROM generator WHERE site = 'site-a'")
            .await()
            .getJsonObject(0)
            .getJsonArray("series")
            .getJsonObject(0)
            .getJsonArray("values");
    assertEquals(new JsonArray().add(t).add(401.5), rows.getJsonArray(0));
    assertEquals(new JsonArray().add(t + 10_000).add(412.25), rows.getJsonArray(1));

    JsonObject status = get("/api/v1/sites/site-a/status").bodyAsJsonObject();
    assertEquals("site-a", status.getString("site"));
    assertEquals(412.25, status.getDouble("generatorKw"));
    assertEquals(1234.5, status.getDouble("hashrateThs"));
    assertEquals(9, status.getInteger("minersOnline"));
    assertEquals(10, status.getInteger("minersTotal"));
    assertEquals("2025-10-09T08:53:30Z", status.getString("lastSeen"));
  }

  @Test
  void replayingABatchStoresEachPointOnce() {
    String body = "generator,device=gen-2,site=site-a power_kw=99.5 1760000500000\n";
    for (int i = 0; i < 3; i++) {
      assertEquals(200, post("site-a", TOKEN_A, body).statusCode());
    }
    JsonArray values =
        influx
            .query("SELECT count(power_kw) FROM generator WHERE device = 'gen-2'")
            .await()
            .getJsonObject(0)
            .getJsonArray("series")
            .getJsonObject(0)
            .getJsonArray("values");
    assertEquals(1, values.getJsonArray(0).getInteger(1));
  }

  /**
   * A plain batch is stored as it came, any other is parsed and re-encoded: both routes must leave
   * the same values in InfluxDB, and those must be the values the parser reads.
   */
  @Test
  void plainBatchesStoredAsTheyCameHoldWhatTheParserReads() {
    String[] floats = {"0", "-0.5", "3e+2", "1.25E-7", "-4.5e-30", "12345678901234567890.5"};
    Random random = new Random(11);
    long t = 1_760_100_000_000L;
    StringBuilder lines = new StringBuilder();
    for (int k = 0; k < 300; k++) {
      String number =
          k < floats.length
              ? floats[k]
              : Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
      long integer = k == 0 ? Long.MAX_VALUE : k == 1 ? -Long.MAX_VALUE : random.nextLong();
      lines
          .append("miner,miner=ROUTE,site=site-a hashrate_ths=")
          .append(number)
          .append(",fan_rpm_max=")
          .append(integer)
          .append("i,state=\"s ")
          .append(k)
          .append(", a=b\" ")
          .append(t + k)
          .append('\n');
    }
    String plain = lines.toString().replace("ROUTE", "plain");
    String parsed =
        "# not plain: goes to the parser\n" + lines.toString().replace("ROUTE", "parsed");
    byte[] plainBytes = plain.getBytes(StandardCharsets.UTF_8);
    assertEquals(
        300,
        PlainLineProtocol.countPoints(plainBytes, plainBytes.length, "site-a", Long.MAX_VALUE));

    assertEquals(200, post("site-a", TOKEN_A, plain).statusCode());
    assertEquals(200, post("site-a", TOKEN_A, parsed).statusCode());

    JsonArray plainRows = routeRows("plain");
    assertEquals(routeRows("parsed"), plainRows);
    List<Point> points = LineProtocolParser.parse(plain);
    assertEquals(points.size(), plainRows.size());
    for (int k = 0; k < points.size(); k++) {
      Map<String, Object> fields = points.get(k).fields();
      JsonArray row = plainRows.getJsonArray(k);
      assertEquals(points.get(k).timeMillis(), row.getLong(0));
      assertEquals((Double) fields.get("hashrate_ths"), row.getDouble(1), 0.0, "row " + k);
      assertEquals(fields.get("fan_rpm_max"), row.getLong(2), "row " + k);
      assertEquals(fields.get("state"), row.getString(3), "row " + k);
    }
  }

  private static JsonArray routeRows(String route) {
    return influx
        .query(
            "SELECT hashrate_ths, fan_rpm_max, state FROM miner WHERE miner = '"
                + route
                + "' ORDER BY time")
        .await()
        .getJsonObject(0)
        .getJsonArray("series")
        .getJsonObject(0)
        .getJsonArray("values");
  }

  @Test
  void statusOfASiteWithNoDataHasNullFigures() {
    JsonObject status = get("/api/v1/sites/site-b/status").bodyAsJsonObject();
    assertEquals("site-b", status.getString("site"));
    assertNull(status.getValue("generatorKw"));
    assertNull(status.getValue("lastSeen"));
  }

  @Test
  void badLineProtocolIsA400ProblemNamingTheLine() {
    HttpResponse<Buffer> response =
        post(
            "site-a",
            TOKEN_A,
            "generator,device=g,site=site-a power_kw=1 1\ngenerator,device=g,site=site-a power_kw=abc 2\n");
    assertProblem(
        response, 400, "bad-line-protocol", "line 2: field 'power_kw' has an invalid value: abc");
  }

  @Test
  void aTokenWritesOnlyItsOwnSite() {
    assertProblem(
        post("site-a", TOKEN_B, "generator,device=g,site=site-a power_kw=1 1\n"),
        403,
        "forbidden",
        "This token may not write site 'site-a'.");
    assertProblem(
        post("site-b", TOKEN_B, "generator,device=g,site=site-a power_kw=1 1\n"),
        403,
        "forbidden",
        "Point 1 is tagged site=site-a; this request may write only site=site-b.");
    assertProblem(
        post("site-a", "nonsense", "generator,device=g,site=site-a power_kw=1 1\n"),
        401,
        "unauthorized",
        "The ingest token is not valid.");
    assertProblem(
        post("nowhere", TOKEN_A, "generator,device=g,site=nowhere power_kw=1 1\n"),
        403,
        "forbidden",
        "This token may not write site 'nowhere'.");
  }

  @Test
  void statusRefusesUnknownParameters() {
    HttpResponse<Buffer> response = get("/api/v1/sites/site-a/status?since=yesterday");
    assertProblem(response, 400, "unknown-parameter", "Unknown query parameter(s) [since]");
  }

  @Test
  void unknownPathsAreProblemsToo() {
    HttpResponse<Buffer> response = get("/api/v1/nothing-here");
    assertEquals(404, response.statusCode());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
  }

  @Test
  void influxDownMeans503WithRetryAfterNever200() {
    CentralApp unreachable =
        CentralApp.start(vertx, config(URI.create("http://127.0.0.1:9"), "nowhere")).await();
    try {
      HttpResponse<Buffer> response =
          client
              .post(unreachable.port(), "127.0.0.1", "/api/v1/sites/site-a/samples")
              .putHeader("Authorization", "Bearer " + TOKEN_A)
              .putHeader("Content-Type", "text/plain")
              .sendBuffer(Buffer.buffer("generator,device=g,site=site-a power_kw=1 1\n"))
              .await();
      assertProblem(response, 503, "storage-unavailable", "InfluxDB is unavailable");
      assertEquals("5", response.getHeader("Retry-After"));
    } finally {
      unreachable.stop().await();
    }
  }

  private static HttpResponse<Buffer> post(String site, String token, String body) {
    return client
        .post(central.port(), "127.0.0.1", "/api/v1/sites/" + site + "/samples")
        .putHeader("Authorization", "Bearer " + token)
        .putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer(body))
        .await();
  }

  private static HttpResponse<Buffer> get(String path) {
    return TestUsers.get(client, central.port(), Role.VIEWER, path, Map.of());
  }

  private static void assertProblem(
      HttpResponse<Buffer> response, int status, String type, String detailStart) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    JsonObject problem = response.bodyAsJsonObject();
    assertEquals(status, problem.getInteger("status"));
    assertEquals("https://flarewatch.io/problems/" + type, problem.getString("type"));
    assertTrue(
        problem.getString("detail").startsWith(detailStart),
        () -> "detail was: " + problem.getString("detail"));
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
