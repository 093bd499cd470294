package io.flarewatch.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.AuthConfig;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.HttpConfig;
import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.config.UserConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.config.PasswordHash;
import io.flarewatch.influx.testkit.InfluxTarget;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fleet overview and site detail answered from reads shared for {@code
 * influx.sharedReadsMaxAgeSeconds}: the shared fleet snapshot holds every site, yet each user sees
 * only their sites, and new data shows once the shared read is older than the maximum age.
 */
class SharedReadsIT {

  private static final String PASSWORD = "pw-of-the-users";

  private static Vertx vertx;
  private static CentralApp central;
  private static WebClient client;
  private static InfluxClient influx;
  private static String everySite;
  private static String northOnly;

  @BeforeAll
  static void start() {
    InfluxTarget target = InfluxTestServer.shared();
    String hash = PasswordHash.of(PASSWORD.toCharArray(), PasswordHash.MIN_ITERATIONS).encoded();
    List<UserConfig> users =
        List.of(
            new UserConfig("viewer-of-all", Role.VIEWER, hash),
            new UserConfig("viewer-of-north", Role.VIEWER, hash, List.of("north")));
    CentralConfig config =
        new CentralConfig(
            new HttpConfig("127.0.0.1", 0, null),
            new InfluxConfig(
                target.url(), InfluxTestServer.uniqueDatabase("shared"), null, null, null, 1),
            List.of(
                new SiteConfig("north", null, SiteConfig.sha256Hex("n")),
                new SiteConfig("south", null, SiteConfig.sha256Hex("s"))),
            new AuthConfig(users, TestUsers.JWT_SECRET, null, null));
    vertx = Vertx.vertx();
    influx = new InfluxClient(vertx, config.influx());
    influx.createDatabase().await();
    central = CentralApp.start(vertx, config).await();
    client = WebClient.create(vertx);
    everySite = token("viewer-of-all");
    northOnly = token("viewer-of-north");
    write(
        "generator,device=gen-1,site=north power_kw=100.0",
        "generator,device=gen-1,site=south power_kw=200.0",
        "miner,miner=m-01,site=north up=1i,hashrate_ths=100.0");
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void theSharedFleetSnapshotKeepsEachUsersSitesAndFollowsNewData() {
    JsonObject all = get(everySite, "/api/v1/fleet");
    JsonObject north = get(northOnly, "/api/v1/fleet");
    assertEquals(List.of("north", "south"), siteIds(all));
    assertEquals(List.of("north"), siteIds(north), north.encode());
    assertEquals(100.0, kw(north));
    Instant asOf = Instant.parse(north.getString("dataAsOf"));
    assertTrue(!asOf.isAfter(Instant.parse(north.getString("time"))), north.encode());

    write("generator,device=gen-1,site=north power_kw=150.0");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertEquals(150.0, kw(get(northOnly, "/api/v1/fleet"))));
    JsonObject later = get(northOnly, "/api/v1/fleet");
    assertEquals(List.of("north"), siteIds(later));
    assertTrue(Instant.parse(later.getString("dataAsOf")).isAfter(asOf), later.encode());
  }

  @Test
  void theSharedSiteDetailFollowsNewData() {
    assertEquals(1, get(northOnly, "/api/v1/sites/north").getJsonArray("miners").size());
    write("miner,miner=m-02,site=north up=1i,hashrate_ths=90.0");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertEquals(
                    2, get(northOnly, "/api/v1/sites/north").getJsonArray("miners").size()));
    HttpResponse<Buffer> south =
        client
            .get(central.port(), "127.0.0.1", "/api/v1/sites/south")
            .bearerTokenAuthentication(northOnly)
            .send()
            .await();
    assertEquals(404, south.statusCode());
  }

  private static void write(String... lines) {
    long now = System.currentTimeMillis();
    StringBuilder body = new StringBuilder();
    for (String line : lines) {
      body.append(line).append(' ').append(now).append('\n');
    }
    influx.write(Buffer.buffer(body.toString())).await();
  }

  private static String token(String user) {
    HttpResponse<Buffer> response = TestUsers.login(client, central.port(), user, PASSWORD);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getString("token");
  }

  private static JsonObject get(String token, String path) {
    HttpResponse<Buffer> response =
        client
            .get(central.port(), "127.0.0.1", path)
            .bearerTokenAuthentication(token)
            .send()
            .await();
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static List<String> siteIds(JsonObject fleet) {
    JsonArray sites = fleet.getJsonArray("sites");
    return IntStream.range(0, sites.size())
        .mapToObj(i -> sites.getJsonObject(i).getString("site"))
        .toList();
  }

  private static Double kw(JsonObject fleet) {
    return fleet.getJsonArray("sites").getJsonObject(0).getDouble("generatorKw");
  }
}
