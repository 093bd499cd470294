package io.flarewatch.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.influx.testkit.InfluxTarget;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a field engineer does at the site-local app while central is down (a refused login, a login,
 * a local command) is in central's audit log once central is back: recorded in the edge's buffer,
 * delivered with the samples, listed beside central's own entries as the site's, each exactly once,
 * with no password in it.
 */
class SiteAuditIT {

  private static final String SITE = "audit-site";
  private static final int MINERS = 2;

  @TempDir Path dir;
  private Vertx vertx;
  private LocalSystem system;

  @AfterEach
  void stop() {
    try {
      if (system != null) {
        system.stop().await();
      }
    } finally {
      if (vertx != null) {
        vertx.close().await();
      }
    }
  }

  @Test
  void localLoginsAndCommandsDuringAnOutageReachCentralsAuditOnce() {
    Instant started = Instant.now();
    InfluxTarget influx = InfluxTestServer.shared();
    vertx = Vertx.vertx();
    system =
        LocalSystem.start(
                vertx,
                new LocalSystem.Options(
                        SITE,
                        influx.url(),
                        InfluxTestServer.uniqueDatabase("siteaudit"),
                        influx.username(),
                        influx.password(),
                        0,
                        DemoSite.simulator(MINERS, 5, CommandSystem.randomLoopbackHost()),
                        1_000,
                        dir.resolve("edge.db"),
                        null,
                        null)
                    .withCommands(CommandSettings.defaults()))
            .await();
    WebClient client = WebClient.create(vertx);
    int edgePort = system.edge().localAppPort().orElseThrow();
    await("the edge's first cycle")
        .atMost(Duration.ofSeconds(30))
        .until(() -> system.edge().pollingStats().cycles() >= 1);

    system.stopCentral().await();
    assertEquals(401, localLogin(client, edgePort, "not the password").statusCode());
    HttpResponse<Buffer> login = localLogin(client, edgePort, system.password());
    assertEquals(200, login.statusCode(), login.bodyAsString());
    String miner = system.simulator().miners().get(0).id();
    HttpResponse<Buffer> issued =
        client
            .post(edgePort, "127.0.0.1", "/api/v1/sites/" + SITE + "/commands")
            .bearerTokenAuthentication(login.bodyAsJsonObject().getString("token"))
            .sendJsonObject(
                new JsonObject().put("action", "sleep").put("targets", new JsonArray().add(miner)))
            .await();
    assertEquals(201, issued.statusCode(), issued.bodyAsString());
    String command = issued.bodyAsJsonObject().getString("id");
    assertTrue(system.edge().buffer().stats().await().lines() > 0, "held in the buffer");

    system.restartCentral().await();
    await("the buffer drained to central")
        .atMost(Duration.ofSeconds(60))
        .until(() -> system.edge().buffer().stats().await().lines() == 0);

    HttpResponse<Buffer> audit =
        client
            .get(system.central().port(), "127.0.0.1", "/api/v1/audit")
            .addQueryParam("from", started.minusSeconds(60).toString())
            .addQueryParam("to", Instant.now().plusSeconds(60).toString())
            .bearerTokenAuthentication(system.bearerToken())
            .send()
            .await();
    assertEquals(200, audit.statusCode(), audit.bodyAsString());
    assertFalse(audit.bodyAsString().contains(system.password()), "no password in the audit");
    JsonArray entries = audit.bodyAsJsonArray();
    List<JsonObject> fromSite =
        entries.stream()
            .map(JsonObject.class::cast)
            .filter(e -> "site-local".equals(e.getString("origin")))
            .toList();
    assertEquals(3, fromSite.size(), entries.encodePrettily());
    assertSiteEntry(fromSite.get(0), "login", "refused", 401, null);
    assertSiteEntry(fromSite.get(1), "login", "ok", 200, null);
    assertEquals("ENGINEER", fromSite.get(1).getString("role"));
    assertEquals("local", fromSite.get(1).getString("via"));
    assertSiteEntry(fromSite.get(2), "command", "issued", 201, command);
    assertTrue(fromSite.get(2).getString("note").startsWith("sleep of 1 miner(s)"));
    assertTrue(
        entries.stream()
            .map(JsonObject.class::cast)
            .anyMatch(e -> "central".equals(e.getString("origin"))),
        "central's own entries are listed too");
  }

  private static void assertSiteEntry(
      JsonObject entry, String action, String outcome, int status, String command) {
    assertEquals(SITE, entry.getString("site"), entry.encode());
    assertEquals(LocalSystem.FIELD_USER, entry.getString("user"), entry.encode());
    assertEquals(action, entry.getString("action"), entry.encode());
    assertEquals(outcome, entry.getString("outcome"), entry.encode());
    assertEquals(status, entry.getInteger("status"), entry.encode());
    assertEquals("127.0.0.1", entry.getString("remoteAddress"), entry.encode());
    assertEquals(command, entry.getString("command"), entry.encode());
  }

  private static HttpResponse<Buffer> localLogin(WebClient client, int port, String password) {
    return client
        .post(port, "127.0.0.1", "/api/v1/auth/token")
        .sendJsonObject(
            new JsonObject().put("username", LocalSystem.FIELD_USER).put("password", password))
        .await();
  }
}
