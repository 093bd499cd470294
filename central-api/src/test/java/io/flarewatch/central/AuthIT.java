package io.flarewatch.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.AuthConfig;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.HttpConfig;
import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.config.OidcConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.config.UserConfig;
import io.flarewatch.config.PasswordHash;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Logins, bearer tokens (central's and an identity provider's), roles and the audit log. */
class AuthIT {

  private static final String SITE = "well-1";
  private static final String ISSUER = TestProvider.ISSUER;
  private static final String AUDIENCE = TestProvider.AUDIENCE;
  private static final String FROM = "2026-01-01T00:00:00Z";
  private static final String TO = "2026-01-02T00:00:00Z";

  private static Vertx vertx;
  private static CentralApp central;
  private static WebClient client;
  private static JWTAuth providerRsa;
  private static JWTAuth providerEc;
  private static JWTAuth strangerRsa;
  private static String providerRsaPublicPem;
  private static final Map<Role, String> LOCAL_TOKENS = new EnumMap<>(Role.class);
  private static Instant started;

  /** Failed logins an account, or an address, may have in a row before it waits. */
  private static final int ACCOUNT_FREE_FAILURES = 10;

  private static final int ADDRESS_FREE_FAILURES = 20;
  private static final String TRUSTED_PROXY = "127.0.4.1";
  private static final String FIELD_PASSWORD = "pw-of-the-field";

  /** The user endpoints, each with the lowest role that may use it. */
  enum Endpoint {
    STATUS("/api/v1/sites/" + SITE + "/status", Role.VIEWER),
    EMISSIONS_CHECK(
        "/api/v1/sites/" + SITE + "/emissions/check?from=" + FROM + "&to=" + TO, Role.VIEWER),
    FLEET("/api/v1/fleet", Role.VIEWER),
    SITE_DETAIL("/api/v1/sites/" + SITE, Role.VIEWER),
    SERIES(
        "/api/v1/sites/" + SITE + "/series?metric=generator.power_kw&from=" + FROM + "&to=" + TO,
        Role.VIEWER),
    EMISSIONS_REPORT(
        "/api/v1/reports/emissions?site=" + SITE + "&from=" + FROM + "&to=" + TO + "&period=day",
        Role.VIEWER),
    COMPLIANCE_REPORT(
        "/api/v1/reports/compliance?site=" + SITE + "&from=" + FROM + "&to=" + TO, Role.VIEWER),
    AUDIT("/api/v1/audit?from=" + FROM + "&to=2100-01-01T00:00:00Z", Role.ADMIN);

    final String uri;
    final Role minimum;

    Endpoint(String uri, Role minimum) {
      this.uri = uri;
      this.minimum = minimum;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    started = Instant.now();
    KeyPair rsa = generate("RSA", 2048);
    KeyPair ec = generate("EC", 256);
    providerRsaPublicPem = TestProvider.pem("PUBLIC KEY", rsa.getPublic().getEncoded());
    vertx = Vertx.vertx();
    providerRsa = TestProvider.signer(vertx, "RS256", rsa);
    providerEc = TestProvider.signer(vertx, "ES256", ec);
    strangerRsa = TestProvider.signer(vertx, "RS256", generate("RSA", 2048));
    OidcConfig oidc =
        new OidcConfig(
            ISSUER,
            AUDIENCE,
            "roles",
            List.of(
                providerRsaPublicPem, TestProvider.pem("PUBLIC KEY", ec.getPublic().getEncoded())));
    List<UserConfig> users = new ArrayList<>(TestUsers.users());
    String fieldHash =
        PasswordHash.of(FIELD_PASSWORD.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
    for (String name : List.of("field-1", "field-2")) {
      users.add(new UserConfig(name, Role.ENGINEER, fieldHash));
    }
    CentralConfig config =
        new CentralConfig(
            new HttpConfig("127.0.0.1", 0, null, List.of(TRUSTED_PROXY + "/32", "10.9.9.0/24")),
            new InfluxConfig(
                InfluxTestServer.shared().url(),
                InfluxTestServer.uniqueDatabase("auth"),
                null,
                null),
            List.of(
                new SiteConfig(
                    SITE, null, SiteConfig.sha256Hex("ingest"), TestProvider.emissions())),
            new AuthConfig(users, TestUsers.JWT_SECRET, null, oidc));
    central = CentralApp.start(vertx, config).await();
    client = WebClient.create(vertx);
    for (Role role : Role.values()) {
      LOCAL_TOKENS.put(role, TestUsers.token(client, central.port(), role));
    }
  }

  @AfterAll
  static void stop() {
    CLIENTS.forEach(WebClient::close);
    if (vertx != null) {
      vertx.close().await();
    }
  }

  // ---- roles × endpoints ----------------------------------------------------------------------

  static Stream<Arguments> everyRoleOnEveryEndpoint() {
    List<Arguments> cases = new ArrayList<>();
    for (String via : List.of("local", "oidc")) {
      for (Role role : Role.values()) {
        for (Endpoint endpoint : Endpoint.values()) {
          cases.add(Arguments.of(via, role, endpoint));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} on {2}")
  @MethodSource("everyRoleOnEveryEndpoint")
  void eachRoleIsAllowedExactlyWhereItsRoleSuffices(String via, Role role, Endpoint endpoint) {
    String token =
        via.equals("local")
            ? LOCAL_TOKENS.get(role)
            : providerToken(providerRsa, new JsonArray().add(role.name().toLowerCase()), 0);
    HttpResponse<Buffer> response = get(endpoint.uri, token);
    if (role.includes(endpoint.minimum)) {
      assertEquals(200, response.statusCode(), response.bodyAsString());
    } else {
      assertProblem(response, 403, "forbidden");
      assertTrue(
          response.bodyAsJsonObject().getString("detail").contains(endpoint.minimum.name()),
          response.bodyAsString());
    }
  }

  @ParameterizedTest
  @EnumSource(Role.class)
  void everyUserLogsInAndGetsATokenOfTheirRole(Role role) {
    long before = Instant.now().getEpochSecond();
    HttpResponse<Buffer> response =
        TestUsers.login(client, central.port(), TestUsers.name(role), TestUsers.password(role));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("no-store", response.getHeader("Cache-Control"));
    JsonObject body = response.bodyAsJsonObject();
    assertEquals(role.name(), body.getString("role"));
    JsonObject claims = claims(body.getString("token"));
    assertEquals(TestUsers.name(role), claims.getString("sub"));
    assertEquals(role.name(), claims.getString("role"));
    long iat = claims.getLong("iat");
    assertTrue(iat >= before && iat <= Instant.now().getEpochSecond(), claims.encode());
    assertEquals(iat + 480 * 60, claims.getLong("exp"));
    assertEquals(
        Instant.ofEpochSecond(claims.getLong("exp")).toString(), body.getString("expiresAt"));
    assertEquals("HS256", header(body.getString("token")).getString("alg"));
  }

  // ---- 401 ------------------------------------------------------------------------------------

  static Stream<Arguments> tokensThatAreRefused() {
    long now = Instant.now().getEpochSecond();
    JWTAuth ownSecret = hmac(TestUsers.JWT_SECRET);
    JWTAuth otherSecret = hmac("another-secret-of-at-least-32-bytes!!");
    JsonObject admin = new JsonObject().put("sub", "admin").put("role", "ADMIN");
    String unsigned =
        b64(new JsonObject().put("alg", "none").put("typ", "JWT").encode())
            + "."
            + b64(admin.copy().put("iat", now).put("exp", now + 3600).encode())
            + ".";
    return Stream.of(
        Arguments.of("no Authorization header", null),
        Arguments.of("not a JWT", "Bearer not-a-jwt"),
        Arguments.of("Basic instead of Bearer", "Basic YWRtaW46cHc="),
        Arguments.of(
            "signed with another secret", "Bearer " + hs256(otherSecret, admin, now, now + 3600)),
        Arguments.of("expired", "Bearer " + hs256(ownSecret, admin, now - 7200, now - 3600)),
        Arguments.of(
            "user not configured",
            "Bearer "
                + hs256(
                    ownSecret,
                    new JsonObject().put("sub", "ghost").put("role", "ADMIN"),
                    now,
                    now + 3600)),
        Arguments.of("alg none", "Bearer " + unsigned),
        Arguments.of(
            "HS256 keyed with the provider's public key",
            "Bearer " + hs256(hmac(providerRsaPublicPem), admin, now, now + 3600)),
        Arguments.of(
            "provider token, wrong issuer",
            "Bearer " + providerToken(providerRsa, "ADMIN", 0, "https://evil.test", AUDIENCE)),
        Arguments.of(
            "provider token, wrong audience",
            "Bearer " + providerToken(providerRsa, "ADMIN", 0, ISSUER, "someone-else")),
        Arguments.of(
            "provider token, expired", "Bearer " + providerToken(providerRsa, "ADMIN", -3600)),
        Arguments.of(
            "provider token, unknown key", "Bearer " + providerToken(strangerRsa, "ADMIN", 0)),
        Arguments.of(
            "exp 100 years after iat",
            "Bearer " + hs256(ownSecret, admin, now, now + CENTURY_SECONDS)),
        Arguments.of(
            "provider token, exp 100 years after iat",
            "Bearer "
                + providerToken(
                    providerRsa,
                    base(ISSUER, AUDIENCE, "ADMIN")
                        .put("iat", now)
                        .put("exp", now + CENTURY_SECONDS))),
        Arguments.of(
            "older than the longest lifetime, exp still ahead",
            "Bearer " + hs256(ownSecret, admin, now - 2 * DAY_SECONDS, now + 3600)),
        Arguments.of("no iat", "Bearer " + signed(ownSecret, admin.copy().put("exp", now + 3600))),
        Arguments.of(
            "provider token, no iat",
            "Bearer "
                + providerToken(
                    providerRsa, base(ISSUER, AUDIENCE, "ADMIN").put("exp", now + 600))),
        Arguments.of(
            "iat a day ahead",
            "Bearer " + hs256(ownSecret, admin, now + DAY_SECONDS, now + DAY_SECONDS + 3600)),
        Arguments.of(
            "exp a string",
            "Bearer "
                + signed(
                    ownSecret,
                    admin.copy().put("iat", now).put("exp", String.valueOf(now + 3600)))),
        Arguments.of(
            "iat a string",
            "Bearer "
                + signed(
                    ownSecret,
                    admin.copy().put("iat", String.valueOf(now)).put("exp", now + 3600))),
        Arguments.of(
            "exp an object",
            "Bearer "
                + signed(
                    ownSecret,
                    admin.copy().put("iat", now).put("exp", new JsonObject().put("at", now)))),
        Arguments.of(
            "sub a number",
            "Bearer "
                + signed(
                    ownSecret,
                    new JsonObject()
                        .put("sub", 42)
                        .put("role", "ADMIN")
                        .put("iat", now)
                        .put("exp", now + 3600))),
        Arguments.of(
            "provider token, exp a string",
            "Bearer "
                + providerToken(
                    providerRsa,
                    base(ISSUER, AUDIENCE, "ADMIN")
                        .put("iat", now)
                        .put("exp", String.valueOf(now + 600)))),
        Arguments.of(
            "provider token, sub a list",
            "Bearer "
                + providerToken(
                    providerRsa,
                    base(ISSUER, AUDIENCE, "ADMIN")
                        .put("sub", new JsonArray().add("a"))
                        .put("iat", now)
                        .put("exp", now + 600))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tokensThatAreRefused")
  void missingOrInvalidTokensAre401WithABearerChallenge(String what, String authorization) {
    HttpRequest<Buffer> request = client.get(central.port(), "127.0.0.1", Endpoint.STATUS.uri);
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    HttpResponse<Buffer> response = request.send().await();
    assertProblem(response, 401, "unauthorized");
    String challenge = response.getHeader("WWW-Authenticate");
    assertNotNull(challenge, what);
    assertTrue(challenge.startsWith("Bearer realm=\"flarewatch\""), challenge);
  }

  @Test
  void providerTokensMayBeEs256AndNameTheRoleAsAString() {
    assertEquals(
        200, get(Endpoint.STATUS.uri, providerToken(providerEc, "Engineer", 0)).statusCode());
  }

  @Test
  void aProviderTokenWithoutAKnownRoleMayDoNothing() {
    assertProblem(
        get(Endpoint.STATUS.uri, providerToken(providerRsa, "janitor", 0)), 403, "forbidden");
  }

  // ---- login ----------------------------------------------------------------------------------

  /**
   * Guesses spread over many addresses: once the account's budget of failures is spent, no address
   * without a device token gets a password check, not even with the right password; the refusal is
   * audited.
   */
  @Test
  void guessesFromManyAddressesAreLimitedToo() {
    for (int i = 0; i < ACCOUNT_FREE_FAILURES; i++) {
      assertProblem(
          TestUsers.login(from("127.0.1." + (i + 1)), central.port(), "field-1", "guess-" + i),
          401,
          "unauthorized");
    }
    HttpResponse<Buffer> refused =
        TestUsers.login(from("127.0.1.99"), central.port(), "field-1", FIELD_PASSWORD);
    assertProblem(refused, 429, "too-many-logins");
    int retryAfter = Integer.parseInt(refused.getHeader("Retry-After"));
    assertTrue(retryAfter > 50 && retryAfter <= 60, "Retry-After " + retryAfter);
    JsonObject audited =
        awaitEntry(
            "field-1",
            e ->
                e.getInteger("status") == 429 && "127.0.1.99".equals(e.getString("remoteAddress")));
    assertEquals("/api/v1/auth/token", audited.getString("path"));
  }

  /**
   * An attack on the account from the user's own address (a shared NAT) and from elsewhere: the
   * user's device, holding the device token of an earlier login, still logs in with the right
   * password, from the very same address.
   */
  @Test
  void theRealUserStillLogsInDuringAnAttack() {
    HttpResponse<Buffer> earlier =
        TestUsers.login(from("127.0.2.1"), central.port(), "field-2", FIELD_PASSWORD);
    assertEquals(200, earlier.statusCode(), earlier.bodyAsString());
    String deviceToken = earlier.bodyAsJsonObject().getString("deviceToken");
    assertNotNull(deviceToken);

    for (int i = 0; i < ACCOUNT_FREE_FAILURES + 2; i++) {
      String address = i % 2 == 0 ? "127.0.2.1" : "127.0.2.2";
      int status =
          TestUsers.login(from(address), central.port(), "field-2", "guess-" + i).statusCode();
      assertTrue(status == 401 || status == 429, "guess " + i + ": " + status);
    }
    assertProblem(
        TestUsers.login(from("127.0.2.1"), central.port(), "field-2", FIELD_PASSWORD),
        429,
        "too-many-logins");

    HttpResponse<Buffer> real = login(from("127.0.2.1"), "field-2", FIELD_PASSWORD, deviceToken);
    assertEquals(200, real.statusCode(), real.bodyAsString());
    String renewed = real.bodyAsJsonObject().getString("deviceToken");
    assertEquals(200, login(from("127.0.2.3"), "field-2", FIELD_PASSWORD, renewed).statusCode());
    assertProblem(
        login(from("127.0.2.2"), "field-2", FIELD_PASSWORD, deviceToken + "x"),
        429,
        "too-many-logins");
  }

  /**
   * X-Forwarded-For names the client only when the peer is a trusted proxy: behind the proxy each
   * client has its own budget, and a client elsewhere cannot escape its own by sending the header.
   */
  @Test
  void forwardedForCountsOnlyFromATrustedProxy() {
    WebClient proxy = from(TRUSTED_PROXY);
    for (int i = 0; i < ADDRESS_FREE_FAILURES; i++) {
      assertEquals(
          401, loginVia(proxy, "198.51.100.7, 10.9.9.9", "nobody-" + i).statusCode(), "try " + i);
    }
    assertProblem(loginVia(proxy, "198.51.100.7", "nobody-x"), 429, "too-many-logins");
    assertEquals(
        401,
        loginVia(proxy, "198.51.100.8", "nobody-x").statusCode(),
        "another client behind the proxy has its own budget");

    WebClient spoofer = from("127.0.3.1");
    for (int i = 0; i < ADDRESS_FREE_FAILURES; i++) {
      assertEquals(
          401, loginVia(spoofer, "203.0.113." + i, "nobody-s" + i).statusCode(), "try " + i);
    }
    assertProblem(loginVia(spoofer, "203.0.113.250", "nobody-y"), 429, "too-many-logins");
  }

  @Test
  void wrongPasswordAndUnknownUserLookTheSame() {
    HttpResponse<Buffer> wrongPassword =
        TestUsers.login(client, central.port(), "admin", "not-the-password");
    HttpResponse<Buffer> unknownUser =
        TestUsers.login(client, central.port(), "nobody", "not-the-password");
    assertProblem(wrongPassword, 401, "unauthorized");
    assertProblem(unknownUser, 401, "unauthorized");
    assertEquals(
        wrongPassword.bodyAsJsonObject().getString("detail"),
        unknownUser.bodyAsJsonObject().getString("detail"));
    assertEquals("Bearer realm=\"flarewatch\"", wrongPassword.getHeader("WWW-Authenticate"));
  }

  @Test
  void malformedLoginsAreClientErrors() {
    assertProblem(
        post(new JsonObject().put("username", "admin").encode(), "application/json"),
        400,
        "bad-credentials-body");
    assertProblem(
        post(
            new JsonObject()
                .put("username", "admin")
                .put("password", "x")
                .put("role", "ADMIN")
                .encode(),
            "application/json"),
        400,
        "bad-credentials-body");
    assertProblem(post("{not json", "application/json"), 400, "bad-credentials-body");
    assertProblem(
        post(
            "{\"username\": \"nobody\", \"username\": \"viewer\", \"password\": \""
                + TestUsers.password(Role.VIEWER)
                + "\"}",
            "application/json"),
        400,
        "bad-credentials-body");
    assertProblem(
        post(
            "{\"username\": \"viewer\", \"password\": \""
                + TestUsers.password(Role.VIEWER)
                + "\", \"password\": \"x\"}",
            "application/json"),
        400,
        "bad-credentials-body");
    assertProblem(
        post("[{\"username\": \"viewer\", \"password\": \"x\"}]", "application/json"),
        400,
        "bad-credentials-body");
    assertProblem(
        post(
            new JsonObject().put("username", "v".repeat(129)).put("password", "x").encode(),
            "application/json"),
        400,
        "bad-credentials-body");
    assertProblem(
        post(
            new JsonObject().put("username", "viewer").put("password", "p".repeat(1025)).encode(),
            "application/json"),
        400,
        "bad-credentials-body");
    assertEquals(
        401,
        post(
                new JsonObject()
                    .put("username", "v".repeat(128))
                    .put("password", "p".repeat(1024))
                    .encode(),
                "application/json")
            .statusCode(),
        "the longest name and password allowed are checked");
    assertProblem(post("username=admin", "text/plain"), 415, "unsupported-media-type");
  }

  // ---- audit ----------------------------------------------------------------------------------

  @Test
  void everyUserActionIsAuditedWithWhoWhatAndWhere() {
    String via = "198.51.100.23";
    assertEquals(
        401,
        send(client.post(central.port(), "127.0.0.1", "/api/v1/auth/token"), via)
            .sendJsonObject(new JsonObject().put("username", "mallory").put("password", "guess"))
            .await()
            .statusCode());
    assertEquals(
        200,
        send(client.get(central.port(), "127.0.0.1", Endpoint.EMISSIONS_CHECK.uri), via)
            .bearerTokenAuthentication(LOCAL_TOKENS.get(Role.VIEWER))
            .send()
            .await()
            .statusCode());
    assertEquals(
        403,
        send(client.get(central.port(), "127.0.0.1", Endpoint.AUDIT.uri), via)
            .bearerTokenAuthentication(LOCAL_TOKENS.get(Role.VIEWER))
            .send()
            .await()
            .statusCode());
    assertEquals(
        401,
        send(client.get(central.port(), "127.0.0.1", Endpoint.STATUS.uri), via)
            .putHeader("Authorization", "Bearer forged")
            .send()
            .await()
            .statusCode());

    JsonObject check =
        awaitEntry(
            "viewer",
            e -> via.equals(e.getString("forwardedFor")) && e.getInteger("status") == 200);
    assertEquals("VIEWER", check.getString("role"));
    assertEquals("local", check.getString("via"));
    assertEquals("GET", check.getString("method"));
    assertEquals("/api/v1/sites/" + SITE + "/emissions/check", check.getString("path"));
    assertEquals("from=" + FROM + "&to=" + TO, check.getString("query"));
    assertEquals("127.0.0.1", check.getString("remoteAddress"));
    assertTrue(Instant.parse(check.getString("time")).isAfter(started.minusSeconds(1)));

    JsonObject denied =
        awaitEntry(
            "viewer",
            e -> via.equals(e.getString("forwardedFor")) && e.getInteger("status") == 403);
    assertEquals("/api/v1/audit", denied.getString("path"));

    JsonObject failedLogin = awaitEntry("mallory", e -> via.equals(e.getString("forwardedFor")));
    assertEquals(401, failedLogin.getInteger("status"));
    assertEquals("POST", failedLogin.getString("method"));
    assertEquals("/api/v1/auth/token", failedLogin.getString("path"));
    assertNull(failedLogin.getString("role"), "a failed login has no role");

    JsonObject anonymous =
        awaitEntry(
            null, e -> via.equals(e.getString("forwardedFor")) && e.getString("user") == null);
    assertEquals(401, anonymous.getInteger("status"));
    assertEquals(Endpoint.STATUS.uri, anonymous.getString("path"));
    assertTrue(anonymous.getString("note").startsWith("token rejected"), anonymous.encode());

    for (Object entry : audit("mallory")) {
      assertEquals("mallory", ((JsonObject) entry).getString("user"), "the user filter holds");
    }
    JsonObject adminsQuery = awaitEntry("admin", e -> "/api/v1/audit".equals(e.getString("path")));
    assertEquals(200, adminsQuery.getInteger("status"), "the audit query is audited too");
  }

  @Test
  void auditQueriesRejectUnknownParametersAndNeedAPeriod() {
    String admin = LOCAL_TOKENS.get(Role.ADMIN);
    assertProblem(
        get("/api/v1/audit?from=" + FROM + "&to=" + TO + "&who=x", admin),
        400,
        "unknown-parameter");
    assertProblem(get("/api/v1/audit?to=" + TO, admin), 400, "missing-parameter");
    assertProblem(get("/api/v1/audit?from=" + TO + "&to=" + FROM, admin), 400, "invalid-period");
    assertEquals(
        0,
        get("/api/v1/audit?from=" + FROM + "&to=" + TO + "&user=%27%20OR%201%3D1", admin)
            .bodyAsJsonArray()
            .size(),
        "a quote in the user filter stays inside the string literal");
  }

  @Test
  void healthNeedsNoToken() {
    assertTrue(
        List.of(200, 503)
            .contains(
                client.get(central.port(), "127.0.0.1", "/health").send().await().statusCode()));
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static final List<WebClient> CLIENTS = new ArrayList<>();

  /** A client whose requests come from this loopback address. */
  private static synchronized WebClient from(String address) {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setLocalAddress(address));
    CLIENTS.add(client);
    return client;
  }

  private static HttpResponse<Buffer> login(
      WebClient client, String username, String password, String deviceToken) {
    return client
        .post(central.port(), "127.0.0.1", "/api/v1/auth/token")
        .sendJsonObject(
            new JsonObject()
                .put("username", username)
                .put("password", password)
                .put("deviceToken", deviceToken))
        .await();
  }

  private static HttpResponse<Buffer> loginVia(
      WebClient client, String forwardedFor, String username) {
    return client
        .post(central.port(), "127.0.0.1", "/api/v1/auth/token")
        .putHeader("X-Forwarded-For", forwardedFor)
        .sendJsonObject(new JsonObject().put("username", username).put("password", "guess"))
        .await();
  }

  private static JsonArray audit(String user) {
    String uri =
        "/api/v1/audit?from="
            + started.minusSeconds(60)
            + "&to="
            + Instant.now().plusSeconds(60)
            + (user == null ? "" : "&user=" + user);
    HttpResponse<Buffer> response = get(uri, LOCAL_TOKENS.get(Role.ADMIN));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonArray();
  }

  /** Audit entries are written once the response is done: look until this one shows up. */
  private static JsonObject awaitEntry(String user, Predicate<JsonObject> match) {
    try {
      return await("an audit entry of " + user)
          .atMost(Duration.ofSeconds(20))
          .until(() -> entry(user, match), Optional::isPresent)
          .orElseThrow();
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "no matching audit entry for " + user + " in " + audit(user).encodePrettily(), e);
    }
  }

  private static Optional<JsonObject> entry(String user, Predicate<JsonObject> match) {
    for (Object entry : audit(user)) {
      if (match.test((JsonObject) entry)) {
        return Optional.of((JsonObject) entry);
      }
    }
    return Optional.empty();
  }

  private static HttpRequest<Buffer> send(HttpRequest<Buffer> request, String forwardedFor) {
    return request.putHeader("X-Forwarded-For", forwardedFor);
  }

  private static HttpResponse<Buffer> get(String uri, String token) {
    return client
        .get(central.port(), "127.0.0.1", uri)
        .putHeader("Authorization", "Bearer " + token)
        .send()
        .await();
  }

  private static HttpResponse<Buffer> post(String body, String contentType) {
    return client
        .post(central.port(), "127.0.0.1", "/api/v1/auth/token")
        .putHeader("Content-Type", contentType)
        .sendBuffer(Buffer.buffer(body))
        .await();
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String type) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    assertEquals(
        "https://flarewatch.io/problems/" + type, response.bodyAsJsonObject().getString("type"));
  }

  private static final long DAY_SECONDS = 86_400;
  private static final long CENTURY_SECONDS = 100 * 365 * DAY_SECONDS;

  /** A provider token's claims without iat and exp. */
  private static JsonObject base(String issuer, String audience, Object roles) {
    return new JsonObject()
        .put("iss", issuer)
        .put("aud", audience)
        .put("sub", "idp-user-42")
        .put("roles", roles);
  }

  private static String providerToken(JWTAuth signer, JsonObject claims) {
    String algorithm = signer == providerEc ? "ES256" : "RS256";
    return signer.generateToken(
        claims, new JWTOptions().setAlgorithm(algorithm).setNoTimestamp(true));
  }

  /** An HS256 token with exactly these claims. */
  private static String signed(JWTAuth signer, JsonObject claims) {
    return signer.generateToken(
        claims, new JWTOptions().setAlgorithm("HS256").setNoTimestamp(true));
  }

  private static String providerToken(JWTAuth signer, Object roles, long expiresShift) {
    return providerToken(signer, roles, expiresShift, ISSUER, AUDIENCE);
  }

  private static String providerToken(
      JWTAuth signer, Object roles, long expiresShift, String issuer, String audience) {
    long now = Instant.now().getEpochSecond();
    return providerToken(
        signer,
        base(issuer, audience, roles)
            .put("iat", now - 60 + expiresShift)
            .put("exp", now + 600 + expiresShift));
  }

  private static String hs256(JWTAuth signer, JsonObject claims, long iat, long exp) {
    return signed(signer, claims.copy().put("iat", iat).put("exp", exp));
  }

  private static JWTAuth hmac(String secret) {
    return JWTAuth.create(
        vertx,
        new JWTAuthOptions()
            .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
  }

  private static KeyPair generate(String type, int size) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
    generator.initialize(size);
    return generator.generateKeyPair();
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonObject header(String jwt) {
    return new JsonObject(
        new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
  }

  private static JsonObject claims(String jwt) {
    return new JsonObject(
        new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
  }
}
