package io.flarewatch.central.commands;

import static io.flarewatch.central.commands.CommandsFixture.OTHER_TOKEN;
import static io.flarewatch.central.commands.CommandsFixture.SITE;
import static io.flarewatch.central.commands.CommandsFixture.TOKEN;
import static io.flarewatch.central.commands.CommandsFixture.sleepAll;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.CentralApp;
import io.flarewatch.central.TestUsers;
import io.flarewatch.central.auth.Role;
import io.flarewatch.wire.command.CommandAction;
import io.flarewatch.wire.command.CommandEnvelope;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge's WebSocket against a real InfluxDB: authenticated like ingest, pending commands on
 * connect, new ones pushed at once, expired and canceled ones never sent, and a command issued
 * through another central replica reaching an edge connected to this one.
 */
class CommandStreamIT {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir static Path directory;
  private static CommandsFixture fixture;
  private static PublicKey centralKey;

  @BeforeAll
  static void start() throws Exception {
    fixture = new CommandsFixture(directory, 1);
    centralKey = fixture.publicKey();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void aNewCommandIsPushedToTheConnectedEdgeSignedWithCentralsKey() {
    CommandsFixture.Edge edge = fixture.connect(SITE, TOKEN);
    String id = fixture.issued(sleepAll());
    await().atMost(WAIT).until(() -> edge.ids(centralKey).contains(id));
    CommandEnvelope envelope =
        edge.envelopes(centralKey).stream()
            .filter(e -> e.id().equals(id))
            .findFirst()
            .orElseThrow();
    assertEquals(SITE, envelope.site());
    assertEquals(CommandAction.SLEEP, envelope.action());
    assertEquals(CommandsFixture.MINERS, envelope.targets());
    assertEquals(1_000L, envelope.plan().get("m-04"));
    edge.close();
  }

  @Test
  void anOfflineSiteGetsItsPendingCommandsOldestFirstButNoExpiredOrCanceledOne() {
    String expired =
        fixture.issued(
            new JsonObject()
                .put("action", "sleep")
                .put("targets", new JsonArray().add("m-01"))
                .put("expiresAt", Instant.now().plusSeconds(2).toString()));
    String first = fixture.issued(sleepAll());
    String canceled = fixture.issued(sleepAll());
    assertEquals(200, fixture.cancel(canceled, TestUsers.name(Role.OPERATOR)).statusCode());
    String second =
        fixture.issued(
            new JsonObject().put("action", "wake").put("targets", new JsonArray().add("m-02")));
    await().atMost(WAIT).until(() -> fixture.command(expired).getString("state").equals("expired"));

    CommandsFixture.Edge edge = fixture.connect(SITE, TOKEN);
    // a command issued after connecting is sent after every pending one
    String marker = fixture.issued(sleepAll());
    await().atMost(WAIT).until(() -> edge.ids(centralKey).contains(marker));
    List<String> received = edge.ids(centralKey);
    assertTrue(received.indexOf(first) >= 0 && received.indexOf(first) < received.indexOf(second));
    assertTrue(received.indexOf(second) < received.indexOf(marker), received.toString());
    assertFalse(received.contains(expired), "an expired command is not sent");
    assertFalse(received.contains(canceled), "a command canceled before delivery is not sent");
    assertEquals("expired", fixture.command(expired).getString("state"));
    edge.close();
  }

  @Test
  void aCommandTheEdgeReportedIsNotSentAgainButTheCancelOfADeliveredOneIs() {
    String delivered = fixture.issued(sleepAll());
    long t = Instant.now().toEpochMilli();
    fixture.ingest(
        SITE,
        TOKEN,
        "command_event,command=" + delivered + ",site=" + SITE + " state=\"delivered\" " + t);
    assertEquals("delivered", fixture.command(delivered).getString("state"));
    HttpResponse<Buffer> cancel = fixture.cancel(delivered, TestUsers.name(Role.OPERATOR));
    assertEquals(200, cancel.statusCode(), cancel.bodyAsString());

    CommandsFixture.Edge edge = fixture.connect(SITE, TOKEN);
    String marker = fixture.issued(sleepAll());
    await().atMost(WAIT).until(() -> edge.ids(centralKey).contains(marker));
    List<CommandEnvelope> received = edge.envelopes(centralKey);
    assertFalse(received.stream().anyMatch(e -> e.id().equals(delivered)));
    CommandEnvelope cancelEnvelope =
        received.stream()
            .filter(e -> delivered.equals(e.cancels()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no cancel envelope: " + received));
    assertEquals(CommandAction.CANCEL, cancelEnvelope.action());
    edge.close();
  }

  @Test
  void onlyTheSitesOwnIngestTokenOpensTheStream() {
    assertEquals(401, refusal(null));
    assertEquals(401, refusal("not-a-token"));
    assertEquals(403, refusal(OTHER_TOKEN));
    assertEquals(401, refusal(fixture.token(Role.ADMIN)), "a user token is not a site token");
    HttpResponse<Buffer> plainGet =
        fixture
            .client
            .get(fixture.port(), "127.0.0.1", "/api/v1/sites/" + SITE + "/commands/stream")
            .putHeader("Authorization", "Bearer " + TOKEN)
            .send()
            .await();
    assertEquals(426, plainGet.statusCode(), plainGet.bodyAsString());
    assertEquals("application/problem+json", plainGet.getHeader("Content-Type"));
  }

  @Test
  void aCommandIssuedThroughAnotherReplicaReachesTheEdgeConnectedHere() {
    CommandsFixture.Edge edge = fixture.connect(SITE, TOKEN);
    // another process in effect: its own Vert.x, so no event bus shared with this central
    Vertx elsewhere = Vertx.vertx();
    CentralApp replica = CentralApp.start(elsewhere, fixture.config).await();
    try {
      String token = TestUsers.token(fixture.client, replica.port(), Role.OPERATOR);
      HttpResponse<Buffer> issued =
          fixture
              .client
              .post(replica.port(), "127.0.0.1", "/api/v1/sites/" + SITE + "/commands")
              .bearerTokenAuthentication(token)
              .putHeader("Idempotency-Key", "via-replica")
              .sendBuffer(Buffer.buffer(sleepAll().encode()))
              .await();
      assertEquals(201, issued.statusCode(), issued.bodyAsString());
      String id = issued.bodyAsJsonObject().getString("id");
      await().atMost(WAIT).until(() -> edge.ids(centralKey).contains(id));
      assertEquals("queued", fixture.command(id).getString("state"), "this replica reads it too");
    } finally {
      elsewhere.close().await();
      edge.close();
    }
  }

  private static int refusal(String bearer) {
    Throwable failure = assertThrows(Throwable.class, () -> fixture.connect(SITE, bearer));
    while (!(failure instanceof UpgradeRejectedException) && failure.getCause() != null) {
      failure = failure.getCause();
    }
    assertTrue(failure instanceof UpgradeRejectedException, failure.toString());
    return ((UpgradeRejectedException) failure).getStatus();
  }
}
