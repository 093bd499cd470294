package io.flarewatch.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.edge.commands.CommandStats;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.flarewatch.wire.command.CommandAction;
import io.flarewatch.wire.command.CommandEnvelope;
import io.flarewatch.wire.command.CommandRefusedException;
import io.flarewatch.wire.command.SignedCommand;
import io.flarewatch.wire.signing.Ed25519Signatures;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that must not run, sent to a real edge over its real command stream by an attacker
 * between the site and central ({@link CentralInTheMiddle}): a captured command sent again (also
 * after the edge restarted), a command signed with another key, and a command of central's own held
 * back until it expired. The edge refuses each, no miner receives anything, and the refusals reach
 * central's database as {@code command_event rejected} with their reason (except the replay of an
 * id already stored, which central already has the first report of).
 */
class CommandForgeryIT {

  private static final Duration REFUSED = Duration.ofSeconds(30);

  @TempDir Path dir;
  private Vertx vertx;
  private CentralInTheMiddle mitm;
  private CommandSystem site;
  private Path signingKey;

  @BeforeEach
  void start() {
    int centralPort = CommandSystem.freePort();
    vertx = Vertx.vertx();
    mitm = CentralInTheMiddle.start(vertx, centralPort);
    signingKey = dir.resolve("command-signing-key.pem");
    CommandSettings.writeNewKey(signingKey);
    site =
        CommandSystem.start(
            dir,
            "forgery-site",
            CommandSystem.everyFirmware(5, 51),
            new CommandSettings(signingKey, 100.0, 1, 20, null),
            centralPort,
            mitm.url());
    await("the edge's stream runs through the attacker")
        .atMost(Duration.ofSeconds(30))
        .until(() -> mitm.edgeConnected() && site.system.edge().commandStats().linkUp());
  }

  @AfterEach
  void stop() {
    if (site != null) {
      site.close();
    }
    if (mitm != null) {
      mitm.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void aCapturedCommandSentAgainIsRefusedAlsoAfterTheEdgeRestarted() {
    String miner = site.simulator().miners().get(0).id();
    String id = site.api.issue(CommandApi.body("sleep", List.of(miner)));
    JsonObject done = site.api.awaitFinal(id, Duration.ofSeconds(60));
    assertEquals("succeeded", done.getString("state"), done.encodePrettily());
    JsonObject captured = done.getJsonObject("signed");
    Map<String, Long> after = site.commandsReceived();

    mitm.inject(captured);
    await("replay refused")
        .atMost(REFUSED)
        .until(() -> site.system.edge().commandStats().replayed() == 1);

    site.system.stopEdge().await();
    site.system.startEdge().await();
    await("the restarted edge's stream runs through the attacker")
        .atMost(Duration.ofSeconds(30))
        .until(() -> mitm.edgeConnected() && site.system.edge().commandStats().linkUp());
    mitm.inject(captured);
    await("replay refused after a restart")
        .atMost(REFUSED)
        .until(() -> site.system.edge().commandStats().replayed() == 1);

    assertEquals(after, site.commandsReceived(), "no miner commanded again");
    assertEquals("succeeded", site.api.get(id).getString("state"));
  }

  @Test
  void aCommandSignedWithAnotherKeyIsRefused() {
    KeyPair attacker = Ed25519Signatures.newKeyPair();
    Instant now = Instant.now();
    String id = refusedCommand(attacker.getPrivate(), attacker, now, now.plusSeconds(300));

    assertRefused(id, CommandRefusedException.BAD_SIGNATURE);
  }

  @Test
  void aCommandOfCentralHeldPastItsExpiryIsRefused() throws Exception {
    PrivateKey central = Ed25519Signatures.readPrivateKey(Files.readString(signingKey));
    KeyPair centralPair = new KeyPair(Ed25519Signatures.publicKeyOf(central), central);
    Instant issued = Instant.now().minusSeconds(900);
    String id = refusedCommand(central, centralPair, issued, issued.plusSeconds(600));

    assertRefused(id, CommandRefusedException.EXPIRED);
  }

  /** Injects a sleep of every miner, signed with {@code key}, valid from {@code issuedAt}. */
  private String refusedCommand(PrivateKey key, KeyPair pair, Instant issuedAt, Instant expiresAt) {
    List<String> miners = site.simulator().miners().stream().map(m -> m.id()).toList();
    String id = UUID.randomUUID().toString();
    CommandEnvelope envelope =
        new CommandEnvelope(
            id,
            site.site,
            CommandAction.SLEEP,
            null,
            null,
            miners,
            miners.stream().collect(java.util.stream.Collectors.toMap(m -> m, m -> 0L)),
            LocalSystem.USER,
            issuedAt,
            issuedAt,
            expiresAt);
    Map<String, Long> before = site.commandsReceived();
    mitm.inject(
        new JsonObject(SignedCommand.sign(envelope, key, pair.getPublic()).toJson().toString()));
    await("refused")
        .atMost(REFUSED)
        .until(() -> site.system.edge().commandStats().received() > 0 && refusals() == 1);
    assertEquals(before, site.commandsReceived(), "no miner commanded");
    return id;
  }

  private long refusals() {
    CommandStats stats = site.system.edge().commandStats();
    return CommandStats.REFUSAL_REASONS.stream().mapToLong(stats::refused).sum();
  }

  /** The refusal is counted under {@code reason} and reaches central's database. */
  private void assertRefused(String id, String reason) {
    assertEquals(1, site.system.edge().commandStats().refused(reason), reason);
    InfluxClient influx =
        new InfluxClient(
            site.vertx, new InfluxConfig(InfluxTestServer.shared().url(), site.database(), "", ""));
    await("the refusal reaches central")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                InfluxRows.rows(
                        influx,
                        "SELECT state, reason FROM command_event WHERE command = '" + id + "'")
                    .stream()
                    .anyMatch(
                        r ->
                            "rejected".equals(r.getString("state"))
                                && reason.equals(r.getString("reason"))));
  }
}
