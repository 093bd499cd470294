package io.flarewatch.edge.commands;

import static io.flarewatch.edge.commands.CommandEdge.SITE;
import static io.flarewatch.edge.commands.TestCommands.plan;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.edge.uplink.UplinkVerticle;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.flarewatch.wire.command.CommandAction;
import io.flarewatch.wire.command.CommandEnvelope;
import io.flarewatch.wire.command.SignedCommand;
import io.flarewatch.wire.signing.Ed25519Signatures;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge's side of remote commands against a stand-in for central's command stream that speaks
 * the delivery protocol and signs with a test key: verification, durable once-only execution,
 * results in the buffer, restarts and reconnects.
 */
class RemoteCommandsTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration WINDOW = Duration.ofMinutes(5);

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
    return startEdge(actions, "");
  }

  private CommandEdge startEdge(MinerActions actions, String extraCommandsYaml) throws Exception {
    edge =
        new CommandEdge(
            vertx,
            dir,
            signer.publicKeyPem(),
            CommandEdge.plainCentral(central.port(), CommandEdge.TOKEN),
            actions,
            extraCommandsYaml);
    await().atMost(WAIT).until(() -> central.openLinks() == 1);
    return edge;
  }

  private void awaitEvent(String command, String state) {
    await().atMost(WAIT).until(() -> edge.events(command).contains(state));
  }

  @Test
  void anAcceptedCommandActsOnEachMinerOnceAtItsTimeAndReportsThroughTheBuffer() throws Exception {
    RecordingMinerActions miners = new RecordingMinerActions(clock);
    startEdge(miners);
    AtomicInteger uplinkWakeUps = new AtomicInteger();
    vertx
        .eventBus()
        .localConsumer(UplinkVerticle.SAMPLES_APPENDED, m -> uplinkWakeUps.incrementAndGet());
    CommandEnvelope sleep =
        TestCommands.sleep(
            SITE,
            clock.instant().plusMillis(300),
            WINDOW,
            plan("m-2", 400L, "m-1", 0L, "m-9", 200L));

    central.push(signer.sign(sleep));
    awaitEvent(sleep.id(), "succeeded");

    assertEquals(List.of("m-1", "m-2"), miners.executedMiners(), "in plan order, each once");
    for (RecordingMinerActions.Call call : miners.executed()) {
      assertFalse(
          call.at().isBefore(sleep.dueAt(call.miner())),
          call.miner() + " was acted on before notBefore + its offset");
      assertEquals(CommandAction.SLEEP.wireName(), call.command().action().name().toLowerCase());
    }
    assertEquals(
        List.of("delivered", "executing", "succeeded"),
        edge.events(sleep.id()),
        "one event per step, none overwriting another");
    assertEquals(List.of("sent", "confirmed"), edge.minerOutcomes(sleep.id(), "m-1"));
    assertEquals(List.of("sent", "confirmed"), edge.minerOutcomes(sleep.id(), "m-2"));
    assertEquals(
        List.of("skipped"), edge.minerOutcomes(sleep.id(), "m-9"), "not in the edge's config");
    Point last = edge.lastEvent(sleep.id());
    assertEquals(3L, last.fields().get(Schema.FIELD_MINERS_TARGETED));
    assertEquals(2L, last.fields().get(Schema.FIELD_MINERS_CONFIRMED));
    assertEquals(0L, last.fields().get(Schema.FIELD_MINERS_FAILED));
    assertEquals(1L, last.fields().get(Schema.FIELD_MINERS_SKIPPED));
    assertTrue(uplinkWakeUps.get() > 0, "the uplink is woken when results are stored");
    edge.points().forEach(p -> assertEquals(null, Schema.problem(p, clock.millis(), 60_000)));
  }

  @Test
  void noMoreThanMaxConcurrentMinersAreActedOnAtOnce() throws Exception {
    RecordingMinerActions miners = new RecordingMinerActions(clock);
    miners.answerLater(vertx);
    startEdge(miners); // maxConcurrent: 2
    CommandEnvelope sleep =
        TestCommands.sleep(SITE, clock.instant(), WINDOW, plan("m-1", 0L, "m-2", 0L, "m-3", 0L));

    central.push(signer.sign(sleep));
    awaitEvent(sleep.id(), "succeeded");

    assertEquals(2, miners.mostInFlight(), "two at once, the third when a place was free");
    assertEquals(List.of("m-1", "m-2", "m-3"), miners.executedMiners().stream().sorted().toList());
    assertEquals(3L, edge.lastEvent(sleep.id()).fields().get(Schema.FIELD_MINERS_CONFIRMED));
  }

  @Test
  void aMinerReachedOnlyAfterTheWindowClosedFailsAsExpired() throws Exception {
    RecordingMinerActions miners = new RecordingMinerActions(clock);
    startEdge(miners);
    CommandEnvelope sleep =
        TestCommands.sleep(
            SITE, clock.instant(), Duration.ofMillis(1500), plan("m-1", 0L, "m-2", 2_500L));

    central.push(signer.sign(sleep));
    awaitEvent(sleep.id(), "partially_succeeded");

    assertEquals(List.of("m-1"), miners.executedMiners());
    assertEquals(List.of("failed"), edge.minerOutcomes(sleep.id(), "m-2"));
    Point expired =
        edge.points().stream()
            .filter(p -> "m-2".equals(p.tag(Schema.TAG_MINER)))
            .findFirst()
            .orElseThrow();
    assertEquals("expired", expired.fields().get(Schema.FIELD_ERROR));
  }

  @Test
  void refusedCommandsAreReportedWithTheirReasonAndNeverExecuted() throws Exception {
    RecordingMinerActions miners = new RecordingMinerActions(clock);
    startEdge(miners);
    Instant now = clock.instant();
    TestCommands otherKey = new TestCommands(Ed25519Signatures.newKeyPair());
    CommandEnvelope forged = TestCommands.sleep(SITE, now, WINDOW, plan("m-1", 0L));
    CommandEnvelope otherSite = TestCommands.sleep("well-8", now, WINDOW, plan("m-1", 0L));
    CommandEnvelope expired =
        TestCommands.sleep(SITE, now.minusSeconds(600), Duration.ofSeconds(60), plan("m-1", 0L));
    CommandEnvelope future =
        TestCommands.sleep(SITE, now.plusSeconds(3600), WINDOW, plan("m-1", 0L));

    central.push(otherKey.sign(forged));
    central.push(signer.sign(otherSite));
    central.push(signer.sign(expired));
    central.push(signer.sign(future));
    central.pushText("{\"type\":\"command\",\"command\":{\"payload\":\"%%%\"}}");

    await().atMost(WAIT).until(() -> edge.events(future.id()).contains("rejected"));
    assertEquals("bad_signature", reason(forged));
    assertEquals("wrong_site", reason(otherSite));
    assertEquals("expired", reason(expired));
    assertEquals("not_yet_valid", reason(future));
    for (String code : List.of("bad_signature", "wrong_site", "expired", "not_yet_valid")) {
      assertEquals(1, edge.stats.refused(code), code + " counted");
    }
    await().atMost(WAIT).until(() -> edge.stats.refused("malformed") == 1);
    assertEquals(List.of(), miners.executedMiners());
    assertEquals(0, edge.stats.accepted());
  }

  private String reason(CommandEnvelope command) {
    Point rejected = edge.lastEvent(command.id());
    assertEquals("rejected", rejected.fields().get(Schema.FIELD_COMMAND_STATE));
    return (String) rejected.fields().get(Schema.FIELD_REASON);
  }

  @Test
  void aReplayedIdIsNeverExecutedTwiceNotEvenAfterARestart() throws Exception {
    RecordingMinerActions miners = new RecordingMinerActions(clock);
    startEdge(miners);
    SignedCommand wake =
        signer.sign(
            TestCommands.command(
                SITE, CommandAction.WAKE, null, clock.instant(), WINDOW, plan("m-1", 0L)));
    String id = SignedCommand.envelope(wake.payload()).id();

    central.push(wake);
    awaitEvent(id, "succeeded");
    central.push(wake);
    await().atMost(WAIT).until(() -> edge.stats.replayed() == 1);

    edge.close();
    RecordingMinerActions afterRestart = new RecordingMinerActions(clock);
    central.addPending(wake);
    startEdge(afterRestart);
    await().atMost(WAIT).until(() -> edge.stats.replayed() == 1);

    assertEquals(List.of("m-1"), miners.executedMiners());
    assertEquals(List.of(), afterRestart.executedMiners());
    assertEquals(List.of(), afterRestart.readBackMiners());
    assertEquals(List.of("delivered", "executing", "succeeded"), edge.events(id));
  }

  @Test
  void afterAKillMidCommandAMinerCaughtSendingIsOnlyReadBack() throws Exception {
    RecordingMinerActions beforeKill = new RecordingMinerActions(clock);
    beforeKill.hang("m-2");
    startEdge(beforeKill, "maxConcurrent: 5");
    CommandEnvelope sleep =
        TestCommands.sleep(
            SITE, clock.instant(), WINDOW, plan("m-1", 0L, "m-2", 100L, "m-3", 3_000L));

    central.push(signer.sign(sleep));
    await().atMost(WAIT).until(() -> edge.minerOutcomes(sleep.id(), "m-2").equals(List.of("sent")));
    await()
        .atMost(WAIT)
        .until(() -> edge.minerOutcomes(sleep.id(), "m-1").equals(List.of("sent", "confirmed")));
    edge.close();

    RecordingMinerActions afterRestart = new RecordingMinerActions(clock);
    startEdge(afterRestart);
    awaitEvent(sleep.id(), "succeeded");

    assertEquals(List.of("m-2"), afterRestart.readBackMiners(), "read back, not sent again");
    assertFalse(afterRestart.executedMiners().contains("m-2"));
    assertFalse(afterRestart.executedMiners().contains("m-1"));
    List<String> everySend = new java.util.ArrayList<>(beforeKill.executedMiners());
    everySend.addAll(afterRestart.executedMiners());
    assertEquals(
        List.of("m-1", "m-2", "m-3"), everySend.stream().sorted().toList(), "each miner sent once");
    assertEquals(List.of("sent", "confirmed"), edge.minerOutcomes(sleep.id(), "m-2"));
    assertEquals(List.of("delivered", "executing", "succeeded"), edge.events(sleep.id()));
  }

  @Test
  void aPendingCommandReachesTheEdgeOnceAcrossDroppedLinks() throws Exception {
    RecordingMinerActions miners = new RecordingMinerActions(clock);
    startEdge(miners);
    SignedCommand first =
        signer.sign(TestCommands.sleep(SITE, clock.instant(), WINDOW, plan("m-1", 0L)));
    central.addPending(first);
    String firstId = SignedCommand.envelope(first.payload()).id();
    awaitEvent(firstId, "succeeded");

    central.dropLinks();
    SignedCommand issuedMeanwhile =
        signer.sign(TestCommands.sleep(SITE, clock.instant(), WINDOW, plan("m-2", 0L)));
    central.addPending(issuedMeanwhile);
    String meanwhileId = SignedCommand.envelope(issuedMeanwhile.payload()).id();
    await().atMost(WAIT).until(() -> central.connects() >= 2);
    awaitEvent(meanwhileId, "succeeded");
    central.dropLinks();
    await().atMost(WAIT).until(() -> central.connects() >= 3 && edge.stats.replayed() >= 3);

    assertEquals(List.of("m-1", "m-2"), miners.executedMiners(), "each command executed once");
    assertEquals(2, edge.stats.accepted());
  }

  @Test
  void aSilentLinkIsCountedDeadAndOpenedAgain() throws Exception {
    startEdge(new RecordingMinerActions(clock), "pingSeconds: 1");
    // the fake central never pings: after three silent intervals the edge gives up on the link
    await().atMost(WAIT).until(() -> central.connects() >= 2);
    assertTrue(edge.stats.linkConnects() >= 2);
  }

  @Test
  void aCancelBeforeExecutionWithdrawsTheCommandAndOneAfterwardsIsRefused() throws Exception {
    RecordingMinerActions miners = new RecordingMinerActions(clock);
    startEdge(miners);
    Instant now = clock.instant();
    CommandEnvelope later =
        TestCommands.sleep(SITE, now.plusMillis(1_500), WINDOW, plan("m-1", 0L));
    CommandEnvelope probe =
        TestCommands.sleep(SITE, now.plusMillis(2_000), WINDOW, plan("m-2", 0L));
    central.push(signer.sign(later));
    central.push(signer.sign(probe));
    CommandEnvelope cancel = TestCommands.cancel(SITE, later.id(), now);
    central.push(signer.sign(cancel));
    awaitEvent(later.id(), "canceled");

    // the probe is due after the canceled command was: once it ran, the canceled one would have
    awaitEvent(probe.id(), "succeeded");
    assertEquals(List.of("m-2"), miners.executedMiners());
    assertEquals(List.of("delivered", "canceled"), edge.events(later.id()));
    assertEquals(List.of("delivered"), edge.events(cancel.id()));
    await()
        .atMost(WAIT)
        .until(() -> edge.overrides.active(clock.instant()).keySet().equals(Set.of("m-2")));

    CommandEnvelope tooLate = TestCommands.cancel(SITE, probe.id(), clock.instant());
    central.push(signer.sign(tooLate));
    awaitEvent(tooLate.id(), "rejected");
    assertEquals("already_executing", reason(tooLate));
    assertEquals(1, edge.stats.refused("already_executing"));
  }

  @Test
  void anAcceptedCommandHoldsItsMinersFromTheLoadLoopUntilItExpires() throws Exception {
    startEdge(new RecordingMinerActions(clock));
    Instant now = clock.instant();
    CommandEnvelope later =
        TestCommands.sleep(SITE, now.plusSeconds(4), WINDOW, plan("m-1", 0L, "m-2", 0L));
    central.push(signer.sign(later));
    awaitEvent(later.id(), "delivered");

    await().atMost(WAIT).until(() -> edge.overrides.active(clock.instant()).size() == 2);
    assertEquals(
        Map.of("m-1", later.expiresAt(), "m-2", later.expiresAt()),
        edge.overrides.active(clock.instant()));
    assertEquals(Map.of(), edge.overrides.active(later.expiresAt()), "nothing held after expiry");
  }

  @Test
  void aCancelArrivingBeforeItsCommandKeepsTheCommandFromEverRunning() throws Exception {
    RecordingMinerActions miners = new RecordingMinerActions(clock);
    startEdge(miners);
    Instant now = clock.instant();
    CommandEnvelope sleep = TestCommands.sleep(SITE, now, WINDOW, plan("m-1", 0L));
    central.push(signer.sign(TestCommands.cancel(SITE, sleep.id(), now)));
    awaitEvent(sleep.id(), "canceled");

    central.push(signer.sign(sleep));
    await().atMost(WAIT).until(() -> edge.stats.replayed() == 1);
    assertEquals(List.of(), miners.executedMiners());
  }
}
