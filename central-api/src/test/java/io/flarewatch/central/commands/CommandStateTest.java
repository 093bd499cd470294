package io.flarewatch.central.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flarewatch.central.commands.EdgeReports.Counts;
import io.flarewatch.central.commands.EdgeReports.Event;
import io.flarewatch.central.commands.EdgeReports.MinerStep;
import io.flarewatch.wire.command.CommandAction;
import io.flarewatch.wire.command.CommandEnvelope;
import io.flarewatch.wire.command.SignedCommand;
import io.flarewatch.wire.signing.Ed25519Signatures;
import io.vertx.core.json.JsonObject;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A command's state from what central stored and what the edge reported. */
class CommandStateTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final KeyPair KEY = Ed25519Signatures.newKeyPair();

  private static IssuedCommand command() {
    CommandEnvelope envelope =
        new CommandEnvelope(
            "c-1",
            "well-7",
            CommandAction.SLEEP,
            null,
            null,
            List.of("m-1", "m-2"),
            Map.of("m-1", 0L, "m-2", 5_000L),
            "op",
            T0,
            T0,
            T0.plusSeconds(600));
    return new IssuedCommand(
        SignedCommand.sign(envelope, KEY.getPrivate(), KEY.getPublic()), envelope, "k", "h", null);
  }

  private static Event event(long seconds, String state) {
    return new Event(
        T0.plusSeconds(seconds), "c-1", state, null, null, new Counts(null, null, null, null));
  }

  @Test
  void withoutEdgeReportsItIsQueuedThenExpiredOrCanceled() {
    IssuedCommand command = command();
    assertEquals("queued", CommandState.of(command, null, T0.plusSeconds(599)));
    assertEquals("expired", CommandState.of(command, List.of(), T0.plusSeconds(600)));
    IssuedCommand canceled =
        command.withCancel(new IssuedCommand.Cancel(T0.plusSeconds(1), "op", command.signed()));
    assertEquals("canceled", CommandState.of(canceled, null, T0.plusSeconds(2)));
    assertEquals("canceled", CommandState.of(canceled, null, T0.plusSeconds(900)));
  }

  @Test
  void theEdgesLatestEventWinsAndWithinOneTimestampTheFurthestAlong() {
    IssuedCommand command = command();
    Instant late = T0.plusSeconds(900);
    assertEquals(
        "succeeded",
        CommandState.of(
            command,
            List.of(event(3, "succeeded"), event(1, "delivered"), event(2, "executing")),
            late));
    assertEquals(
        "executing",
        CommandState.of(command, List.of(event(1, "executing"), event(1, "delivered")), late));
    assertEquals(
        "delivered",
        CommandState.of(
            command.withCancel(new IssuedCommand.Cancel(T0, "op", command.signed())),
            List.of(event(1, "delivered")),
            T0.plusSeconds(2)),
        "a cancel the edge has not answered yet does not hide what the edge reported");
  }

  @Test
  void everyTargetHasARowWithItsPlanAndLatestStep() {
    IssuedCommand command = command();
    List<MinerStep> steps =
        List.of(
            new MinerStep(T0.plusSeconds(2), "m-1", "confirmed", "sleeping", null, null, null, 1L),
            new MinerStep(T0.plusSeconds(1), "m-1", "sent", null, null, null, null, 1L));
    JsonObject detail = CommandState.detail(command, null, null, steps, T0.plusSeconds(3));
    JsonObject m1 = detail.getJsonArray("miners").getJsonObject(0);
    assertEquals("confirmed", m1.getString("outcome"));
    assertEquals(T0.plusSeconds(1).toString(), m1.getString("sentAt"));
    assertEquals(T0.plusSeconds(2).toString(), m1.getString("finishedAt"));
    JsonObject m2 = detail.getJsonArray("miners").getJsonObject(1);
    assertEquals("pending", m2.getString("outcome"));
    assertEquals(T0.plusSeconds(5).toString(), m2.getString("plannedAt"));
    assertEquals(null, m2.getString("sentAt"));
  }
}
