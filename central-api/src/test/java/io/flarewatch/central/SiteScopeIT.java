package io.flarewatch.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Users limited to some sites (object-level authorization): every role and scope against every
 * endpoint that reads a site. A site outside the user's scope looks exactly like one that does not
 * exist.
 */
class SiteScopeIT {

  private static final List<String> SITES = List.of("north-1", "north-2", "south-1");
  private static final String ISSUER = TestProvider.ISSUER;
  private static final String AUDIENCE = TestProvider.AUDIENCE;
  private static final String FROM = "2026-01-01T00:00:00Z";
  private static final String TO = "2026-01-02T00:00:00Z";

  /** Who asks, and which sites they should see. */
  enum Who {
    VIEWER_OF_ALL(Role.VIEWER, null, SITES),
    VIEWER_OF_NORTH(Role.VIEWER, List.of("north-1", "north-2"), List.of("north-1", "north-2")),
    ENGINEER_OF_NORTH_2(Role.ENGINEER, List.of("north-2"), List.of("north-2")),
    ADMIN_OF_ALL(Role.ADMIN, null, SITES),
    ADMIN_OF_SOUTH(Role.ADMIN, List.of("south-1"), List.of("south-1")),
    PROVIDER_VIEWER_OF_NORTH_1(Role.VIEWER, new JsonArray().add("north-1"), List.of("north-1")),
    PROVIDER_ADMIN_OF_SOUTH(Role.ADMIN, "south-1", List.of("south-1")),
    PROVIDER_VIEWER_OF_ALL(Role.VIEWER, "*", SITES),
    PROVIDER_VIEWER_WITHOUT_SITES(Role.VIEWER, null, List.of());

    final Role role;
    final Object sites;
    final Set<String> sees;

    Who(Role role, Object sites, List<String> sees) {
      this.role = role;
      this.sites = sites;
      this.sees = Set.copyOf(sees);
    }

    boolean viaProvider() {
      return name().startsWith("PROVIDER_");
    }

    String userName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /** Every endpoint that reads one site: how to ask for site {@code %s}. */
  enum SiteEndpoint {
    DETAIL("/api/v1/sites/%s"),
    STATUS("/api/v1/sites/%s/status"),
    SERIES("/api/v1/sites/%s/series?metric=generator.power_kw&from=" + FROM + "&to=" + TO),
    EMISSIONS_CHECK("/api/v1/sites/%s/emissions/check?from=" + FROM + "&to=" + TO),
    COMMANDS("/api/v1/sites/%s/commands?since=" + FROM + "&until=" + TO),
    EMISSIONS_REPORT("/api/v1/reports/emissions?site=%s&from=2026-01-01&to=2026-01-02"),
    COMPLIANCE_REPORT("/api/v1/reports/compliance?site=%s&from=2026-01-01&to=2026-02-01");

    final String uri;

    SiteEndpoint(String uri) {
      this.uri = uri;
    }

    String of(String site) {
      return uri.formatted(site);
    }
  }

  private static Vertx vertx;
  private static CentralApp central;
  private static WebClient client;
  private static final Map<Who, String> TOKENS = new EnumMap<>(Who.class);
  private static Instant started;

  @BeforeAll
  static void start() throws Exception {
    started = Instant.now();
    vertx = Vertx.vertx();
    KeyPair provider = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    String hash = PasswordHash.of("pw".toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
    List<UserConfig> users = new ArrayList<>();
    for (Who who : Who.values()) {
      if (!who.viaProvider()) {
        @SuppressWarnings("unchecked")
        List<String> sites = (List<String>) who.sites;
        users.add(new UserConfig(who.userName(), who.role, hash, sites));
      }
    }
    JsonNode emissions = TestProvider.emissions();
    List<SiteConfig> sites = new ArrayList<>();
    for (String site : SITES) {
      sites.add(new SiteConfig(site, null, SiteConfig.sha256Hex("token-" + site), emissions));
    }
    CentralConfig config =
        new CentralConfig(
            new HttpConfig("127.0.0.1", 0, null),
            new InfluxConfig(
                InfluxTestServer.shared().url(),
                InfluxTestServer.uniqueDatabase("scope"),
                null,
                null),
            sites,
            new AuthConfig(
                users,
                TestUsers.JWT_SECRET,
                null,
                new OidcConfig(
                    ISSUER,
                    AUDIENCE,
                    "roles",
                    List.of(TestProvider.pem("PUBLIC KEY", provider.getPublic().getEncoded())),
                    "flarewatch_sites")));
    central = CentralApp.start(vertx, config).await();
    client = WebClient.create(vertx);
    JWTAuth signer = TestProvider.signer(vertx, "RS256", provider);
    long now = Instant.now().getEpochSecond();
    for (Who who : Who.values()) {
      if (who.viaProvider()) {
        JsonObject claims =
            new JsonObject()
                .put("iss", ISSUER)
                .put("aud", AUDIENCE)
                .put("sub", who.userName())
                .put("roles", who.role.name())
                .put("iat", now)
                .put("exp", now + 3600);
        if (who.sites != null) {
          claims.put("flarewatch_sites", who.sites);
        }
        TOKENS.put(
            who,
            signer.generateToken(
                claims, new JWTOptions().setAlgorithm("RS256").setNoTimestamp(true)));
      } else {
        HttpResponse<Buffer> login = TestUsers.login(client, central.port(), who.userName(), "pw");
        assertEquals(200, login.statusCode(), login.bodyAsString());
        TOKENS.put(who, login.bodyAsJsonObject().getString("token"));
      }
    }
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  static Stream<Arguments> everyoneOnEverySiteEndpointOfEverySite() {
    List<Arguments> cases = new ArrayList<>();
    for (Who who : Who.values()) {
      for (SiteEndpoint endpoint : SiteEndpoint.values()) {
        for (String site : SITES) {
          cases.add(Arguments.of(who, endpoint, site));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} on {1} of {2}")
  @MethodSource("everyoneOnEverySiteEndpointOfEverySite")
  void aSiteOutsideTheUsersScopeLooksLikeNoSiteAtAll(Who who, SiteEndpoint endpoint, String site) {
    HttpResponse<Buffer> response = get(who, endpoint.of(site));
    if (who.sees.contains(site)) {
      assertEquals(200, response.statusCode(), response.bodyAsString());
      return;
    }
    HttpResponse<Buffer> unknown = get(who, endpoint.of("nowhere"));
    assertEquals(404, unknown.statusCode(), unknown.bodyAsString());
    assertEquals(404, response.statusCode(), response.bodyAsString());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    JsonObject refused = response.bodyAsJsonObject();
    JsonObject absent = unknown.bodyAsJsonObject();
    assertEquals(absent.getString("type"), refused.getString("type"));
    assertEquals(absent.getString("title"), refused.getString("title"));
    assertEquals(
        absent.getString("detail").replace("nowhere", site),
        refused.getString("detail"),
        "the same answer as for a site that does not exist");
  }

  @ParameterizedTest
  @EnumSource(Who.class)
  void theFleetListsOnlyTheUsersSites(Who who) {
    HttpResponse<Buffer> response = get(who, "/api/v1/fleet");
    assertEquals(200, response.statusCode(), response.bodyAsString());
    Set<String> listed = new HashSet<>();
    for (Object site : response.bodyAsJsonObject().getJsonArray("sites")) {
      listed.add(((JsonObject) site).getString("site"));
    }
    assertEquals(who.sees, listed);
  }

  static Stream<Arguments> everyoneOnEveryReportOfEverySite() {
    List<Arguments> cases = new ArrayList<>();
    for (Who who : Who.values()) {
      cases.add(Arguments.of(who, "/api/v1/reports/emissions?from=2026-01-01&to=2026-01-03"));
      cases.add(Arguments.of(who, "/api/v1/reports/compliance?from=2026-01-01&to=2026-02-01"));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("everyoneOnEveryReportOfEverySite")
  void reportsWithoutASiteCoverOnlyTheUsersSites(Who who, String uri) {
    HttpResponse<Buffer> response = get(who, uri + "&format=json");
    assertEquals(200, response.statusCode(), response.bodyAsString());
    Set<String> reported = new HashSet<>();
    for (Object row : response.bodyAsJsonObject().getJsonArray("rows")) {
      reported.add(((JsonObject) row).getString("site"));
    }
    assertEquals(who.sees, reported);
  }

  /**
   * Requests to every site by an administrator of every site; each administrator then reads the
   * audit log and finds the entries about their sites, and none about another site or none at all.
   */
  @Test
  void aSiteLimitedAdminSeesOnlyTheAuditEntriesAboutTheirSites() {
    for (String site : SITES) {
      assertEquals(200, get(Who.VIEWER_OF_ALL, SiteEndpoint.STATUS.of(site)).statusCode());
      assertEquals(
          200, get(Who.VIEWER_OF_ALL, SiteEndpoint.EMISSIONS_REPORT.of(site)).statusCode());
    }
    assertEquals(404, get(Who.VIEWER_OF_NORTH, SiteEndpoint.STATUS.of("south-1")).statusCode());
    assertEquals(200, get(Who.VIEWER_OF_ALL, "/api/v1/fleet").statusCode());

    String uri =
        "/api/v1/audit?from=" + started.minusSeconds(60) + "&to=" + Instant.now().plusSeconds(60);
    for (Who admin : List.of(Who.ADMIN_OF_ALL, Who.ADMIN_OF_SOUTH, Who.PROVIDER_ADMIN_OF_SOUTH)) {
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                JsonArray entries = get(admin, uri).bodyAsJsonArray();
                Set<String> sites = new HashSet<>();
                Set<String> paths = new HashSet<>();
                for (Object e : entries) {
                  JsonObject entry = (JsonObject) e;
                  sites.add(entry.getString("site"));
                  paths.add(entry.getString("path") + " " + entry.getString("query"));
                  if (!admin.sees.equals(Set.copyOf(SITES))) {
                    assertTrue(admin.sees.contains(entry.getString("site")), entry.encode());
                  }
                }
                assertTrue(sites.containsAll(admin.sees), admin + " sees " + sites);
                assertTrue(
                    paths.contains("/api/v1/sites/south-1/status null"), admin + " sees " + paths);
                assertTrue(
                    paths.stream().anyMatch(p -> p.contains("site=south-1")),
                    admin + " sees the report of their site: " + paths);
                if (admin == Who.ADMIN_OF_ALL) {
                  assertTrue(paths.contains("/api/v1/fleet null"), "the fleet is about all sites");
                } else {
                  assertFalse(paths.contains("/api/v1/fleet null"), "the fleet is not theirs");
                  assertFalse(
                      paths.contains("/api/v1/sites/north-1/status null"), admin + " " + paths);
                }
              });
    }
  }

  private static HttpResponse<Buffer> get(Who who, String uri) {
    return client
        .get(central.port(), "127.0.0.1", uri)
        .bearerTokenAuthentication(TOKENS.get(who))
        .send()
        .await();
  }
}
