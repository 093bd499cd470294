package io.flarewatch.edge.localapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.config.PasswordHash;
import io.flarewatch.edge.config.LocalAppConfig;
import io.flarewatch.login.LoginThrottle;
import io.flarewatch.simulator.ManualClock;
import io.flarewatch.wire.LineProtocolParser;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.flarewatch.wire.SiteAudit;
import io.flarewatch.wire.access.SiteAccessToken;
import io.flarewatch.wire.signing.Ed25519Signatures;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site-local login slows guessing as central's does (per account and per address, 429 with
 * {@code Retry-After}, over once the wait passed on the edge's clock), and records every attempt in
 * the site's audit, in lines central's contract accepts, with no password or token in them.
 */
class LocalLoginThrottleTest {

  private static final String SITE = LocalAppFixture.SITE;
  private static final String PASSWORD = "field pass 1";
  private static final KeyPair CENTRAL = Ed25519Signatures.newKeyPair();

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(Instant.now());
  private LocalAppFixture app;
  private List<String> audited;
  private WebClient client;
  private int port;

  @BeforeEach
  void start() {
    String hash = PasswordHash.of(PASSWORD.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
    app =
        LocalAppFixture.start(
            dir,
            clock,
            CENTRAL.getPublic(),
            Set.of("m-1"),
            List.of(new LocalAppConfig.Account("tech", hash, "engineer")));
    audited = app.audited;
    client = app.client;
    port = app.port;
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private HttpResponse<Buffer> login(String username, String password) {
    return client
        .post(port, "127.0.0.1", "/api/v1/auth/token")
        .sendJsonObject(new JsonObject().put("username", username).put("password", password))
        .await();
  }

  @Test
  void thirtyWrongPasswordsMakeTheRightOneWaitUntilTheLockPassed() {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      statuses.add(login("tech", "guess " + i).statusCode());
    }
    int free = LoginThrottle.ACCOUNT_FREE_FAILURES;
    assertEquals(
        List.of(401), statuses.subList(0, free).stream().distinct().toList(), "" + statuses);
    assertEquals(
        List.of(429), statuses.subList(free, 30).stream().distinct().toList(), "" + statuses);

    HttpResponse<Buffer> right = login("tech", PASSWORD);

    assertEquals(429, right.statusCode(), right.bodyAsString());
    assertEquals("application/problem+json", right.getHeader("Content-Type"));
    assertTrue(right.bodyAsJsonObject().getString("type").endsWith("/too-many-logins"));
    String retryAfter = right.getHeader("Retry-After");
    assertNotNull(retryAfter, "429 without Retry-After");
    int seconds = Integer.parseInt(retryAfter);
    assertTrue(seconds >= 1 && seconds <= 15 * 60, retryAfter);

    clock.advance(Duration.ofSeconds(seconds - 1));
    assertEquals(429, login("tech", PASSWORD).statusCode(), "still within the wait");
    clock.advance(Duration.ofSeconds(1));
    HttpResponse<Buffer> after = login("tech", PASSWORD);
    assertEquals(200, after.statusCode(), after.bodyAsString());
    assertEquals("ENGINEER", after.bodyAsJsonObject().getString("role"));
  }

  @Test
  void oneAddressGuessingManyNamesWaitsForEveryName() {
    for (int i = 0; i < LoginThrottle.ADDRESS_FREE_FAILURES; i++) {
      assertEquals(401, login("made-up-" + i, PASSWORD).statusCode());
    }
    HttpResponse<Buffer> right = login("tech", PASSWORD);
    assertEquals(429, right.statusCode(), right.bodyAsString());
    assertNotNull(right.getHeader("Retry-After"));
  }

  @Test
  void everyAttemptIsAuditedWithTheNameItClaimedAndNoSecret() {
    login("tech", "wrong one");
    login("no\nbody", "wrong two");
    String token = login("tech", PASSWORD).bodyAsJsonObject().getString("token");
    String forged =
        new SiteAccessToken(
                "central",
                "ops-1",
                "ADMIN",
                List.of(SITE),
                clock.instant(),
                clock.instant().plusSeconds(60))
            .sign(Ed25519Signatures.newKeyPair().getPrivate());
    client
        .post(port, "127.0.0.1", "/api/v1/auth/token")
        .sendJsonObject(new JsonObject().put("siteToken", forged))
        .await();
    client
        .get(port, "127.0.0.1", "/api/v1/sites/" + SITE)
        .bearerTokenAuthentication(forged)
        .send()
        .await();

    List<Point> points = new ArrayList<>();
    for (String line : audited) {
      assertFalse(line.contains("wrong one") || line.contains("wrong two"), line);
      assertFalse(line.contains(PASSWORD) || line.contains(token) || line.contains(forged), line);
      Point point = LineProtocolParser.parse(line).get(0);
      assertNull(Schema.problem(point, clock.millis(), 300_000), line);
      points.add(point);
    }
    assertEquals(5, points.size(), "" + audited);
    assertEntry(points.get(0), "tech", SiteAudit.ACTION_LOGIN, SiteAudit.OUTCOME_REFUSED, 401);
    assertEntry(points.get(1), "no?body", SiteAudit.ACTION_LOGIN, SiteAudit.OUTCOME_REFUSED, 401);
    assertEntry(points.get(2), "tech", SiteAudit.ACTION_LOGIN, SiteAudit.OUTCOME_OK, 200);
    assertEquals("ENGINEER", points.get(2).tag(SiteAudit.TAG_ROLE));
    assertEquals(SiteAudit.VIA_LOCAL, points.get(2).fields().get(SiteAudit.FIELD_VIA));
    assertEquals("127.0.0.1", points.get(2).fields().get(SiteAudit.FIELD_REMOTE_ADDRESS));
    assertEntry(points.get(3), null, SiteAudit.ACTION_TOKEN_LOGIN, SiteAudit.OUTCOME_REFUSED, 401);
    assertEntry(points.get(4), null, SiteAudit.ACTION_REQUEST, SiteAudit.OUTCOME_REFUSED, 401);
    assertEquals("/api/v1/sites/" + SITE, points.get(4).fields().get(SiteAudit.FIELD_PATH));
    for (int i = 1; i < points.size(); i++) {
      assertTrue(points.get(i).timeMillis() > points.get(i - 1).timeMillis(), "unique times");
    }
  }

  @Test
  void lockedLoginsAreAuditedAsLocked() {
    for (int i = 0; i <= LoginThrottle.ACCOUNT_FREE_FAILURES; i++) {
      login("tech", "guess " + i);
    }
    Point last = LineProtocolParser.parse(audited.get(audited.size() - 1)).get(0);
    assertEntry(last, "tech", SiteAudit.ACTION_LOGIN, SiteAudit.OUTCOME_LOCKED, 429);
  }

  private static void assertEntry(
      Point point, String user, String action, String outcome, long status) {
    assertEquals(SiteAudit.MEASUREMENT, point.measurement());
    assertEquals(SITE, point.tag(Schema.TAG_SITE));
    assertEquals(user, point.tag(SiteAudit.TAG_USER), point.toString());
    assertEquals(action, point.fields().get(SiteAudit.FIELD_ACTION), point.toString());
    assertEquals(outcome, point.fields().get(SiteAudit.FIELD_OUTCOME), point.toString());
    assertEquals(status, point.fields().get(SiteAudit.FIELD_STATUS), point.toString());
  }
}
