package io.flarewatch.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.HttpConfig;
import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every response, whoever answers it (a route, the failure handler, the router's 404), carries the
 * headers that keep browsers from sniffing, framing, caching or leaking it.
 */
class SecurityHeadersIT {

  private static final String SITE = "well-1";

  private static Vertx vertx;
  private static CentralApp central;
  private static WebClient client;
  private static String viewer;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    CentralConfig config =
        new CentralConfig(
            new HttpConfig("127.0.0.1", 0, null),
            new InfluxConfig(
                InfluxTestServer.shared().url(),
                InfluxTestServer.uniqueDatabase("headers"),
                null,
                null),
            List.of(new SiteConfig(SITE, null, SiteConfig.sha256Hex("ingest"))),
            TestUsers.auth());
    central = CentralApp.start(vertx, config).await();
    client = WebClient.create(vertx);
    viewer = TestUsers.token(client, central.port(), Role.VIEWER);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  static Stream<Arguments> longInput() {
    String pad = "x".repeat(2_000);
    return Stream.of(
        Arguments.of("/api/v1/sites/" + pad + "/status"),
        Arguments.of("/api/v1/sites/" + SITE + "/series?metric=generator.power_kw&from=" + pad),
        Arguments.of("/api/v1/sites/" + SITE + "/series?metric=" + pad),
        Arguments.of("/api/v1/fleet?" + pad + "=1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("longInput")
  void problemsEchoOnlyAShortExcerptOfTheInput(String uri) {
    HttpResponse<Buffer> response =
        client
            .get(central.port(), "127.0.0.1", uri)
            .bearerTokenAuthentication(viewer)
            .send()
            .await();
    assertTrue(
        response.statusCode() == 400 || response.statusCode() == 404, response.bodyAsString());
    String detail = response.bodyAsJsonObject().getString("detail");
    assertTrue(detail.contains("x".repeat(64) + "…"), detail);
    assertFalse(detail.contains("x".repeat(65)), detail);
  }

  static Stream<Arguments> responses() {
    return Stream.of(
        Arguments.of("GET", "/api/v1/sites/" + SITE + "/status", true, 200),
        Arguments.of("GET", "/api/v1/fleet", true, 200),
        Arguments.of("GET", "/api/v1/reports/emissions?from=2026-01-01&to=2026-01-02", true, 200),
        Arguments.of("GET", "/api/v1/sites/" + SITE + "/status", false, 401),
        Arguments.of("GET", "/api/v1/sites/nowhere/status", true, 404),
        Arguments.of("GET", "/api/v1/sites/" + SITE + "/series", true, 400),
        Arguments.of("GET", "/no/such/route", false, 404),
        Arguments.of("DELETE", "/api/v1/fleet", false, 405),
        Arguments.of("POST", "/api/v1/auth/token", false, 415),
        Arguments.of("POST", "/api/v1/sites/" + SITE + "/samples", false, 401),
        Arguments.of("GET", "/health", false, 200),
        Arguments.of("GET", "/metrics", false, 200),
        Arguments.of("GET", "/api/v1/openapi.yaml", false, 200));
  }

  @ParameterizedTest(name = "{0} {1} (token: {2})")
  @MethodSource("responses")
  void everyResponseCarriesTheSecurityHeaders(
      String method, String uri, boolean withToken, int status) {
    HttpRequest<Buffer> request =
        client.request(HttpMethod.valueOf(method), central.port(), "127.0.0.1", uri);
    if (withToken) {
      request.bearerTokenAuthentication(viewer);
    }
    HttpResponse<Buffer> response = request.send().await();
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals("nosniff", response.getHeader("X-Content-Type-Options"));
    assertEquals("no-store", response.getHeader("Cache-Control"));
    assertEquals("no-referrer", response.getHeader("Referrer-Policy"));
    assertEquals("DENY", response.getHeader("X-Frame-Options"));
    String csp = response.getHeader("Content-Security-Policy");
    assertTrue(csp != null && csp.contains("default-src 'self'"), "CSP: " + csp);
    assertTrue(csp.contains("frame-ancestors 'none'"), "CSP: " + csp);
    assertNull(
        response.getHeader("Strict-Transport-Security"), "HSTS only where central serves TLS");
    if (status >= 400) {
      assertEquals("application/problem+json", response.getHeader("Content-Type"));
      JsonObject problem = response.bodyAsJsonObject();
      assertFalse(problem.getString("detail").isBlank());
    }
  }
}
