package io.flarewatch.edge.commands;

import static io.flarewatch.edge.commands.CommandEdge.SITE;
import static io.flarewatch.edge.commands.TestCommands.plan;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.flarewatch.wire.command.CommandAction;
import io.flarewatch.wire.command.CommandEnvelope;
import io.flarewatch.wire.signing.Ed25519Signatures;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands given at the site run through central's executor, audited, once per id. */
class LocalCommandsTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private Vertx vertx;
  private FakeCommandStream central;
  private final TestCommands signer = new TestCommands(Ed25519Signatures.newKeyPair());
  private final Clock clock = Clock.systemUTC();
  private CommandEdge edge;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    central = new FakeCommandStream(vertx, SITE, CommandEdge.TOKEN, 0);
  }

  @AfterEach
  void stop() {
    if (edge != null) {
      edge.close();
    }
    central.close();
    vertx.close().await();
  }

  private CommandEdge startEdge(MinerActions actions) throws Exception {
    edge =
        new CommandEdge(
            vertx,
            dir,
            signer.publicKeyPem(),
            CommandEdge.plainCentral(central.port(), CommandEdge.TOKEN),
            actions,
            "");
    return edge;
  }

  private CommandEnvelope local(String id, String site, Map<String, Long> plan) {
    Instant now = clock.instant();
    return new CommandEnvelope(
        id,
        site,
        CommandAction.SLEEP,
        null,
        null,
        new ArrayList<>(plan.keySet()),
        plan,
        "alice (edge:" + SITE + ")",
        now,
        now,
        now.plusSeconds(300));
  }

  @Test
  void aLocalCommandRunsThroughTheExecutorAndItsFirstEventNamesWhoGaveIt() throws Exception {
    RecordingMinerActions miners = new RecordingMinerActions(clock);
    startEdge(miners);
    CommandEnvelope sleep = local("local-1", SITE, plan("m-1", 0L, "m-2", 200L));

    edge.local.submit(sleep).await();
    await().atMost(WAIT).until(() -> edge.events(sleep.id()).contains("succeeded"));

    assertEquals(List.of("m-1", "m-2"), miners.executedMiners());
    assertEquals(List.of("delivered", "executing", "succeeded"), edge.events(sleep.id()));
    assertEquals(List.of("sent", "confirmed"), edge.minerOutcomes(sleep.id(), "m-2"));
    Point delivered =
        edge.points().stream()
            .filter(p -> p.measurement().equals(Schema.COMMAND_EVENT))
            .filter(p -> "delivered".equals(p.fields().get(Schema.FIELD_COMMAND_STATE)))
            .findFirst()
            .orElseThrow();
    assertEquals("site-local", delivered.fields().get(Schema.FIELD_COMMAND_ORIGIN));
    assertEquals("alice (edge:well-7)", delivered.fields().get(Schema.FIELD_ISSUED_BY));
    LocalCommands.StoredCommand listed = edge.local.recent(10).await().get(0);
    assertEquals("local-1", listed.id());
    assertEquals("site-local", listed.origin());
    assertEquals(Map.of("confirmed", 2), listed.miners());
  }

  @Test
  void anIdIsExecutedOnceEvenAfterARestart() throws Exception {
    RecordingMinerActions miners = new RecordingMinerActions(clock);
    startEdge(miners);
    CommandEnvelope sleep = local("local-2", SITE, plan("m-1", 0L));
    edge.local.submit(sleep).await();
    await().atMost(WAIT).until(() -> edge.events(sleep.id()).contains("succeeded"));
    edge.close();
    edge = null;

    startEdge(miners);
    Throwable again = failure(sleep);

    assertInstanceOf(IllegalArgumentException.class, again);
    assertTrue(again.getMessage().contains("taken"), again.getMessage());
    assertEquals(List.of("m-1"), miners.executedMiners(), "acted on once");
  }

  private Throwable failure(CommandEnvelope command) {
    try {
      edge.local.submit(command).await();
      return null;
    } catch (Exception e) {
      return e;
    }
  }

  @Test
  void anotherSitesOrACentralLookingIdIsRefusedBeforeAnythingIsStored() throws Exception {
    startEdge(new RecordingMinerActions(clock));
    for (CommandEnvelope wrong :
        List.of(
            local("local-3", "other-site", plan("m-1", 0L)),
            local("0f1e2d3c-central-id", SITE, plan("m-1", 0L)))) {
      Throwable refused = failure(wrong);
      assertInstanceOf(IllegalArgumentException.class, refused, wrong.id());
      assertTrue(edge.events(wrong.id()).isEmpty(), "nothing stored for " + wrong.id());
    }
    assertNull(failure(local("local-4", SITE, plan("m-1", 0L))));
  }
}
