package io.flarewatch.edge.commands;

import static io.flarewatch.edge.commands.CommandEdge.SITE;
import static io.flarewatch.edge.commands.TestCommands.plan;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.flarewatch.wire.command.CommandEnvelope;
import io.flarewatch.wire.signing.Ed25519Signatures;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the edge opens the command stream: wss with central's own authority, the site's token. */
class CommandLinkTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private Vertx vertx;
  private SelfSignedCertificate certificate;
  private FakeCommandStream central;
  private CommandEdge edge;
  private final TestCommands signer = new TestCommands(Ed25519Signatures.newKeyPair());
  private final RecordingMinerActions miners = new RecordingMinerActions(Clock.systemUTC());

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    certificate = SelfSignedCertificate.create("localhost");
  }

  @AfterEach
  void stop() {
    if (edge != null) {
      edge.close();
    }
    central.close();
    vertx.close().await();
    certificate.delete();
  }

  @Test
  void overTlsTheEdgeTrustsCentralsOwnAuthority() throws Exception {
    central =
        new FakeCommandStream(
            vertx,
            SITE,
            CommandEdge.TOKEN,
            0,
            new HttpServerOptions().setSsl(true).setKeyCertOptions(certificate.keyCertOptions()));
    edge =
        new CommandEdge(
            vertx,
            dir,
            signer.publicKeyPem(),
            "{url: \"https://localhost:%d\", token: %s, caCertPath: \"%s\"}"
                .formatted(central.port(), CommandEdge.TOKEN, certificate.certificatePath()),
            miners,
            "");
    await().atMost(WAIT).until(() -> central.openLinks() == 1);
    CommandEnvelope sleep =
        TestCommands.sleep(
            SITE, Clock.systemUTC().instant(), Duration.ofMinutes(5), plan("m-1", 0L));

    central.push(signer.sign(sleep));

    await().atMost(WAIT).until(() -> edge.events(sleep.id()).contains("succeeded"));
    assertEquals(List.of("m-1"), miners.executedMiners());
  }

  @Test
  void aTokenCentralRefusesOpensNothingAndIsTriedAgainLater() throws Exception {
    central = new FakeCommandStream(vertx, SITE, "the-right-token", 0);
    edge =
        new CommandEdge(
            vertx,
            dir,
            signer.publicKeyPem(),
            CommandEdge.plainCentral(central.port(), "a-wrong-token"),
            miners,
            "");

    await().atMost(WAIT).until(() -> central.refusedTokens() >= 2);
    assertEquals(0, central.connects());
    assertFalse(edge.stats.linkUp());
  }
}
