package io.flarewatch.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.HttpConfig;
import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzz-style: thousands of malformed bodies, parameters and line protocol, generated from a fixed
 * seed. Central answers each with a 4xx problem (or 200 where a mutation happens to be valid),
 * never a 5xx, and keeps serving.
 */
class MalformedInputIT {

  private static final String SITE = "fuzz-site";
  private static final String TOKEN = "fuzz-ingest-token";
  private static final String VALID =
      "generator,device=gen-1,site=fuzz-site up=1i,power_kw=401.5,status_bits=3 1760000000000\n"
          + "miner,firmware=luxos,miner=miner-0001,site=fuzz-site up=1i,state=\"mining\","
          + "hashrate_ths=104.25 1760000000000\n"
          + "site_summary,site=fuzz-site hashrate_ths=104.25,miners_online=1i,miners_total=1i"
          + " 1760000000000\n";
  private static final String SPECIAL = ",= \"\\\n\r\t\u0000#'{}[]i.e-+";

  private static Vertx vertx;
  private static CentralApp central;
  private static WebClient client;
  private static String viewerToken;
  private static final Random RANDOM = new Random(9457);

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    central =
        CentralApp.start(
                vertx,
                new CentralConfig(
                    new HttpConfig("127.0.0.1", 0, 64L * 1024),
                    new InfluxConfig(
                        InfluxTestServer.shared().url(),
                        InfluxTestServer.uniqueDatabase("fuzz"),
                        null,
                        null),
                    List.of(new SiteConfig(SITE, null, SiteConfig.sha256Hex(TOKEN))),
                    TestUsers.auth()))
            .await();
    client = WebClient.create(vertx);
    viewerToken = TestUsers.token(client, central.port(), Role.VIEWER);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void mutatedLineProtocolIsRefusedWith4xxNeverA5xx() {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      byte[] body = mutate(VALID.getBytes(StandardCharsets.UTF_8));
      int status = ingest(body, "text/plain", false);
      seen.add(status + "");
      assertNot5xx(status, "line protocol " + printable(body));
    }
    assertTrue(seen.contains("400"), "most mutations are malformed");
    assertServing();
  }

  @Test
  void oddBodiesContentTypesAndEncodingsAre4xx() throws IOException {
    List<byte[]> bodies = new ArrayList<>();
    bodies.add(new byte[0]);
    bodies.add(" \n\n  \n".getBytes(StandardCharsets.UTF_8));
    bodies.add(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3});
    bodies.add(("m,site=fuzz-site v=1 1\n").repeat(5_000).getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < 50; i++) {
      byte[] random = new byte[RANDOM.nextInt(2_000)];
      RANDOM.nextBytes(random);
      bodies.add(random);
    }
    for (byte[] body : bodies) {
      for (String type : List.of("text/plain", "application/json", "text/plain; charset=latin1")) {
        assertNot5xx(ingest(body, type, false), type + " " + printable(body));
      }
      assertNot5xx(ingest(body, "text/plain", true), "gzip of " + printable(body));
    }
    byte[] notGzip = "this is not gzip".getBytes(StandardCharsets.UTF_8);
    HttpResponse<Buffer> fakeGzip =
        client
            .post(central.port(), "127.0.0.1", "/api/v1/sites/" + SITE + "/samples")
            .bearerTokenAuthentication(TOKEN)
            .putHeader("Content-Type", "text/plain")
            .putHeader("Content-Encoding", "gzip")
            .sendBuffer(Buffer.buffer(notGzip))
            .otherwiseEmpty()
            .await();
    if (fakeGzip != null) {
      assertNot5xx(fakeGzip.statusCode(), "a body claiming gzip that is not");
    }
    assertServing();
  }

  @Test
  void malformedLoginsAndParametersAre4xx() {
    for (int i = 0; i < 300; i++) {
      String json =
          new String(
              mutate(
                  "{\"username\":\"fuzzer\",\"password\":\"x\"}".getBytes(StandardCharsets.UTF_8)),
              StandardCharsets.UTF_8);
      int status =
          client
              .post(central.port(), "127.0.0.1", "/api/v1/auth/token")
              .putHeader("Content-Type", "application/json")
              .sendBuffer(Buffer.buffer(json))
              .await()
              .statusCode();
      assertTrue(
          status == 400 || status == 401 || status == 415 || status == 429,
          status + " for login " + json);
    }
    List<String> paths =
        List.of(
            "/api/v1/fleet",
            "/api/v1/sites/" + SITE,
            "/api/v1/sites/" + SITE + "/status",
            "/api/v1/sites/" + SITE + "/series",
            "/api/v1/sites/" + SITE + "/emissions/check",
            "/api/v1/reports/emissions",
            "/api/v1/reports/compliance",
            "/api/v1/sites/"
                + URLEncoder.encode("a' OR 1=1 --", StandardCharsets.UTF_8)
                + "/status",
            "/api/v1/sites/%2e%2e%2f/series");
    List<String> names =
        List.of("from", "to", "site", "period", "format", "metric", "step", "agg", "device", "x");
    for (int i = 0; i < 600; i++) {
      HttpRequest<Buffer> request =
          client
              .get(central.port(), "127.0.0.1", paths.get(RANDOM.nextInt(paths.size())))
              .bearerTokenAuthentication(viewerToken);
      int count = RANDOM.nextInt(5);
      for (int p = 0; p < count; p++) {
        request.addQueryParam(names.get(RANDOM.nextInt(names.size())), randomValue());
      }
      HttpResponse<Buffer> response = request.send().await();
      assertNot5xx(response.statusCode(), request.uri() + " " + request.queryParams());
      if (response.statusCode() >= 400) {
        assertEquals(
            "application/problem+json",
            response.getHeader("Content-Type"),
            request.uri() + " " + response.bodyAsString());
      }
    }
    assertServing();
  }

  private static String randomValue() {
    String[] seeds = {
      "2026-01-01T00:00:00Z",
      "2026-02-01",
      "day",
      "month",
      "csv",
      "json",
      "generator.power_kw",
      "10s",
      "mean",
      "gen-1",
      SITE,
      "",
      "'",
      "\"",
      "1e309",
      "-1",
      "9999999999999999999",
      "2026-13-45T25:61:61Z",
      "miner.hashrate_ths) FROM x --",
      "0s",
      "1d"
    };
    String value = seeds[RANDOM.nextInt(seeds.length)];
    if (RANDOM.nextInt(3) == 0) {
      value = new String(mutate(value.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
    return value;
  }

  /** One to four random edits: flip, insert a special character, delete, duplicate, truncate. */
  private static byte[] mutate(byte[] input) {
    StringBuilder text = new StringBuilder(new String(input, StandardCharsets.ISO_8859_1));
    int edits = 1 + RANDOM.nextInt(4);
    for (int e = 0; e < edits && text.length() > 0; e++) {
      int at = RANDOM.nextInt(text.length());
      switch (RANDOM.nextInt(5)) {
        case 0 -> text.setCharAt(at, (char) RANDOM.nextInt(256));
        case 1 -> text.insert(at, SPECIAL.charAt(RANDOM.nextInt(SPECIAL.length())));
        case 2 -> text.deleteCharAt(at);
        case 3 ->
            text.insert(
                at, text.substring(at, Math.min(text.length(), at + 1 + RANDOM.nextInt(20))));
        default -> text.setLength(at);
      }
    }
    return text.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static int ingest(byte[] body, String contentType, boolean gzip) {
    try {
      return client
          .post(central.port(), "127.0.0.1", "/api/v1/sites/" + SITE + "/samples")
          .bearerTokenAuthentication(TOKEN)
          .putHeader("Content-Type", contentType)
          .putHeader("Content-Encoding", gzip ? "gzip" : "identity")
          .sendBuffer(Buffer.buffer(gzip ? gzip(body) : body))
          .await()
          .statusCode();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertNot5xx(int status, String what) {
    assertTrue(status < 500, () -> status + " for " + what);
  }

  private static void assertServing() {
    assertEquals(
        200,
        client.get(central.port(), "127.0.0.1", "/health").send().await().statusCode(),
        "central still serves");
    assertEquals(200, ingest(VALID.getBytes(StandardCharsets.UTF_8), "text/plain", true));
  }

  private static String printable(byte[] body) {
    String text = new String(body, StandardCharsets.ISO_8859_1);
    text = text.length() > 200 ? text.substring(0, 200) + "..." : text;
    return text.replace("\n", "\\n").replace("\u0000", "\\0");
  }

  private static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(body);
    }
    return bytes.toByteArray();
  }
}
