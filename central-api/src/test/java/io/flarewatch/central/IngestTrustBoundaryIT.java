package io.flarewatch.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.HttpConfig;
import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a site token (or no token) can do to central: only write its own site, only what the wire
 * contract allows, never central's own data, and never make central read a body before the token is
 * checked.
 */
class IngestTrustBoundaryIT {

  private static final String TOKEN_A = "trust-token-a";
  private static final String TOKEN_B = "trust-token-b";
  private static final long T = 1_760_000_000_000L;

  private static Vertx vertx;
  private static CentralApp central;
  private static WebClient client;
  private static InfluxClient influx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    CentralConfig config =
        new CentralConfig(
            new HttpConfig("127.0.0.1", 0, null),
            new InfluxConfig(
                InfluxTestServer.shared().url(),
                InfluxTestServer.uniqueDatabase("trust"),
                null,
                null),
            List.of(
                new SiteConfig("site-a", null, SiteConfig.sha256Hex(TOKEN_A)),
                new SiteConfig("site-b", null, SiteConfig.sha256Hex(TOKEN_B))),
            TestUsers.auth());
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

  /** Finding 1: a field named like a tag shadowed the tag in every InfluxQL WHERE. */
  @Test
  void aFieldNamedLikeATagIsRefusedAndNothingIsStored() {
    String line = "generator,device=shadow,site=site-a site=\"site-b\",power_kw=1 " + T;
    for (String body : List.of(line + "\n", "# parsed, not plain\n" + line + "\n")) {
      HttpResponse<Buffer> response = post("site-a", TOKEN_A, body);
      int lineNumber = body.startsWith("#") ? 2 : 1;
      assertProblem(
          response,
          400,
          "bad-line-protocol",
          "line "
              + lineNumber
              + ": field 'site' is not allowed in measurement generator: it is a tag key");
    }
    assertEquals(0, rows("SELECT * FROM generator WHERE device = 'shadow'").size());
  }

  /** Finding 2: any measurement was accepted, the audit log among them. */
  @Test
  void onlyTheMeasurementsTheEdgeWritesAreAccepted() {
    for (String measurement : List.of("audit", "route_check", "commands")) {
      HttpResponse<Buffer> response =
          post(
              "site-a",
              TOKEN_A,
              "generator,device=g1,site=site-a power_kw=1 "
                  + T
                  + "\n"
                  + measurement
                  + ",site=site-a,user=admin method=\"GET\",status=200i "
                  + T
                  + "\n");
      assertProblem(
          response,
          400,
          "bad-line-protocol",
          "line 2: measurement '" + measurement + "' is not accepted");
    }
  }

  /** Finding 3: a string in a future shard fixed the field's type for every site. */
  @Test
  void aFieldOfTheWrongTypeIsRefused() {
    assertProblem(
        post("site-a", TOKEN_A, "generator,device=g1,site=site-a power_kw=\"poison\" " + T + "\n"),
        400,
        "bad-line-protocol",
        "line 1: field 'power_kw' of measurement generator must be a float, not a string");
    assertProblem(
        post("site-a", TOKEN_A, "generator,device=g1,site=site-a power_kw=7i " + T + "\n"),
        400,
        "bad-line-protocol",
        "line 1: field 'power_kw' of measurement generator must be a float, not an integer");
  }

  @Test
  void aPointFromTheFutureIsRefusedAndOldOnesAreWelcome() {
    long fortyDaysAhead = Instant.now().plus(Duration.ofDays(40)).toEpochMilli();
    HttpResponse<Buffer> future =
        post(
            "site-a",
            TOKEN_A,
            "generator,device=future,site=site-a power_kw=1 " + fortyDaysAhead + "\n");
    assertProblem(future, 400, "bad-line-protocol", "line 1: timestamp " + fortyDaysAhead);
    assertTrue(
        problem(future).getString("detail").contains("in the future"), future.bodyAsString());
    long yearsAgo = Instant.now().minus(Duration.ofDays(3 * 365)).toEpochMilli();
    HttpResponse<Buffer> old =
        post("site-a", TOKEN_A, "generator,device=old,site=site-a power_kw=1 " + yearsAgo + "\n");
    assertEquals(200, old.statusCode(), old.bodyAsString());
  }

  /**
   * Even a point that got past the contract into the ingest database cannot appear in the audit
   * log: central keeps it in a database of its own.
   */
  @Test
  void theAuditLogIsNotReadFromTheDatabaseIngestWrites() {
    long now = System.currentTimeMillis();
    influx
        .write(
            Buffer.buffer(
                "audit,user=forged,role=ADMIN,via=local method=\"DELETE\",path=\"/x\",status=200i "
                    + now
                    + "\n"))
        .await();
    Instant from = Instant.ofEpochMilli(now - 60_000);
    Instant to = Instant.ofEpochMilli(now + 60_000);
    HttpResponse<Buffer> audit =
        TestUsers.get(
            client,
            central.port(),
            Role.ADMIN,
            "/api/v1/audit",
            Map.of("from", from.toString(), "to", to.toString()));
    assertEquals(200, audit.statusCode(), audit.bodyAsString());
    assertFalse(audit.bodyAsString().contains("forged"), audit.bodyAsString());
  }

  /**
   * What users did at a site's local app reaches central's audit log through ingest: a site writes
   * only its own site's entries, only the actions and outcomes the contract names, and never
   * central's own {@code audit} measurement; its entries are listed marked as the site's.
   */
  @Test
  void aSiteWritesOnlyItsOwnSiteAuditAndItIsListedAsTheSites() {
    long now = System.currentTimeMillis();
    String login =
        "site_audit,role=ENGINEER,site=%s,user=tech action=\"login\",outcome=\"ok\",status=200i,"
            + "via=\"local\",method=\"POST\",path=\"/api/v1/auth/token\","
            + "remote_address=\"10.0.0.7\" %d\n";
    assertProblem(
        post("site-a", TOKEN_A, login.formatted("site-b", now)),
        403,
        "forbidden",
        "Point 1 is tagged site=site-b");
    assertProblem(
        post(
            "site-a",
            TOKEN_A,
            "generator,device=mixed,site=site-a power_kw=1 "
                + now
                + "\n"
                + login.formatted("site-b", now)),
        403,
        "forbidden",
        "Point 2 is tagged site=site-b");
    assertEquals(403, post("site-b", TOKEN_A, login.formatted("site-b", now)).statusCode());
    assertProblem(
        post("site-a", TOKEN_A, login.formatted("site-a", now).replace("\"ok\"", "\"admin\"")),
        400,
        "bad-line-protocol",
        "line 1: field 'outcome' of measurement site_audit must be one of ok, refused, locked,"
            + " issued, not 'admin'");
    assertProblem(
        post(
            "site-a",
            TOKEN_A,
            "audit,site=site-a,user=forged method=\"DELETE\",path=\"/x\",status=200i "
                + now
                + "\n"),
        400,
        "bad-line-protocol",
        "line 1: measurement 'audit' is not accepted");
    assertEquals(0, rows("SELECT * FROM site_audit WHERE site = 'site-b'").size());
    assertEquals(0, rows("SELECT * FROM generator WHERE device = 'mixed'").size());

    HttpResponse<Buffer> accepted = post("site-a", TOKEN_A, login.formatted("site-a", now));
    assertEquals(200, accepted.statusCode(), accepted.bodyAsString());

    HttpResponse<Buffer> audit =
        TestUsers.get(
            client,
            central.port(),
            Role.ADMIN,
            "/api/v1/audit",
            Map.of(
                "from",
                Instant.ofEpochMilli(now - 60_000).toString(),
                "to",
                Instant.ofEpochMilli(now + 60_000).toString(),
                "user",
                "tech"));
    assertEquals(200, audit.statusCode(), audit.bodyAsString());
    JsonArray entries = audit.bodyAsJsonArray();
    assertEquals(1, entries.size(), entries.encodePrettily());
    JsonObject entry = entries.getJsonObject(0);
    assertEquals("site-local", entry.getString("origin"));
    assertEquals("site-a", entry.getString("site"));
    assertEquals("tech", entry.getString("user"));
    assertEquals("ENGINEER", entry.getString("role"));
    assertEquals("login", entry.getString("action"));
    assertEquals("ok", entry.getString("outcome"));
    assertEquals(200, entry.getInteger("status"));
    assertEquals("10.0.0.7", entry.getString("remoteAddress"));
    assertEquals(Instant.ofEpochMilli(now).toString(), entry.getString("time"));
  }

  /** Finding 7: InfluxDB's own text and 64 KB of echoed input went back in problem details. */
  @Test
  void problemDetailsAreShortAndCarryNoStorageText() {
    String longValue = "x".repeat(65_600);
    List<String> bodies =
        List.of(
            "generator,device=" + longValue + ",site=site-a power_kw=1 " + T + "\n",
            "generator,device=g1,site=site-a " + longValue + "=1 " + T + "\n",
            longValue + ",site=site-a power_kw=1 " + T + "\n",
            "miner,miner=m1,site=site-a error=\"" + longValue + "\" " + T + "\n");
    for (String body : bodies) {
      HttpResponse<Buffer> response = post("site-a", TOKEN_A, body);
      assertEquals(400, response.statusCode(), () -> excerpt(response.bodyAsString()));
      assertShortProblem(response);
    }
    long elsewhere = T - 400L * 86_400_000;
    influx
        .write(
            Buffer.buffer(
                "generator,device=typed,site=site-a typed_kw=\"text\" " + elsewhere + "\n"))
        .await();
    HttpResponse<Buffer> conflict =
        post(
            "site-a",
            TOKEN_A,
            "generator,device=typed,site=site-a typed_kw=1,error=\""
                + "y".repeat(900)
                + "\" "
                + elsewhere
                + "\n");
    assertEquals(422, conflict.statusCode(), conflict.bodyAsString());
    assertShortProblem(conflict);
    String detail = problem(conflict).getString("detail");
    assertFalse(detail.contains("conflict:"), detail);
    assertFalse(detail.contains("partial write"), detail);
    assertFalse(detail.contains("yyyyyyyyyy"), detail);
  }

  /** Finding 9: an unknown site answered 404, a known one 401, so sites could be listed. */
  @Test
  void anUnknownSiteLooksLikeABadTokenWithoutAValidOne() {
    String body = "generator,device=g1,site=site-a power_kw=1 " + T + "\n";
    for (String token : new String[] {"not-a-token", null}) {
      HttpResponse<Buffer> known = post("site-a", token, body);
      HttpResponse<Buffer> unknown = post("no-such-site", token, body);
      assertEquals(401, known.statusCode(), known.bodyAsString());
      assertEquals(known.statusCode(), unknown.statusCode(), unknown.bodyAsString());
      assertEquals(withoutInstance(known), withoutInstance(unknown));
      assertEquals(known.getHeader("WWW-Authenticate"), unknown.getHeader("WWW-Authenticate"));
    }
    assertProblem(
        post("no-such-site", TOKEN_A, body),
        403,
        "forbidden",
        "This token may not write site 'no-such-site'.");
    assertProblem(
        post("site-b", TOKEN_A, body), 403, "forbidden", "This token may not write site 'site-b'.");
  }

  /** Finding 4: the body was read (and inflated) before the token was looked at. */
  @Test
  void aRequestWithoutAValidTokenIsAnsweredBeforeItsBodyIsSent() throws IOException {
    for (String authorization : new String[] {"Bearer not-a-token", null}) {
      for (String site : List.of("site-a", "no-such-site")) {
        String head =
            "POST /api/v1/sites/"
                + site
                + "/samples HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Type: text/plain\r\n"
                + "Content-Encoding: gzip\r\n"
                + "Content-Length: 10000000\r\n\r\n";
        assertEquals(401, statusWithoutSendingTheBody(head), site + " " + authorization);
      }
    }
  }

  /** Finding 5: a body that says gzip but is not got a closed connection. */
  @Test
  void aBodyThatIsNotWhatItsEncodingSaysIsA400Problem() throws IOException {
    String body = "generator,device=g1,site=site-a power_kw=1 " + T + "\n";
    assertProblem(
        postEncoded(body.getBytes(StandardCharsets.UTF_8), "gzip"),
        400,
        "bad-encoding",
        "The body does not decode as its Content-Encoding says");
    byte[] gzip = gzip(body);
    byte[] truncated = java.util.Arrays.copyOf(gzip, gzip.length - 6);
    assertProblem(
        postEncoded(truncated, "gzip"),
        400,
        "bad-encoding",
        "The body does not decode as its Content-Encoding says");
    assertEquals(200, postEncoded(gzip, "gzip").statusCode());
    assertEquals(200, postEncoded(gzip, "GZIP").statusCode());
    assertEquals(200, postEncoded(body.getBytes(StandardCharsets.UTF_8), "identity").statusCode());
  }

  @Test
  void anUnknownContentEncodingIsA415Problem() {
    byte[] body = ("generator,device=g1,site=site-a power_kw=1 " + T + "\n").getBytes();
    for (String encoding : List.of("br", "compress", "deflate", "gzip, gzip")) {
      assertProblem(
          postEncoded(body, encoding),
          415,
          "unsupported-media-type",
          "Content-Encoding '" + encoding + "' is not supported");
    }
  }

  private static int statusWithoutSendingTheBody(String head) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", central.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return RawHttp.status(socket.getInputStream());
    }
  }

  private static void assertShortProblem(HttpResponse<Buffer> response) {
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    String detail = problem(response).getString("detail");
    assertTrue(detail.length() <= 300, () -> detail.length() + " chars: " + excerpt(detail));
    assertTrue(response.body().length() <= 1024, () -> excerpt(response.bodyAsString()));
  }

  private static JsonObject withoutInstance(HttpResponse<Buffer> response) {
    JsonObject problem = problem(response).copy();
    problem.remove("instance");
    return problem;
  }

  private static JsonObject problem(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject();
  }

  private static String excerpt(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "... (" + text.length() + ")";
  }

  private static JsonArray rows(String influxql) {
    JsonObject result = influx.query(influxql).await().getJsonObject(0);
    JsonArray series = result.getJsonArray("series");
    return series == null ? new JsonArray() : series.getJsonObject(0).getJsonArray("values");
  }

  private static HttpResponse<Buffer> post(String site, String token, String body) {
    var request =
        client
            .post(central.port(), "127.0.0.1", "/api/v1/sites/" + site + "/samples")
            .putHeader("Content-Type", "text/plain");
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return request.sendBuffer(Buffer.buffer(body)).await();
  }

  private static HttpResponse<Buffer> postEncoded(byte[] body, String encoding) {
    return client
        .post(central.port(), "127.0.0.1", "/api/v1/sites/site-a/samples")
        .bearerTokenAuthentication(TOKEN_A)
        .putHeader("Content-Type", "text/plain")
        .putHeader("Content-Encoding", encoding)
        .sendBuffer(Buffer.buffer(body))
        .await();
  }

  private static void assertProblem(
      HttpResponse<Buffer> response, int status, String type, String detailStart) {
    assertEquals(status, response.statusCode(), () -> excerpt(response.bodyAsString()));
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    JsonObject problem = problem(response);
    assertEquals("https://flarewatch.io/problems/" + type, problem.getString("type"));
    assertTrue(
        problem.getString("detail").startsWith(detailStart),
        () -> "detail was: " + excerpt(problem.getString("detail")));
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
