package io.flarewatch.central.commands;

import io.flarewatch.central.commands.EdgeReports.Event;
import io.flarewatch.central.commands.EdgeReports.MinerStep;
import io.flarewatch.wire.command.CommandEnvelope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's state, merged from what central stored (issued, canceled) and what the edge reported
 * ({@code command_event}, {@code command_miner}). Once the edge reported anything, its latest event
 * is the state; before that the command is {@code canceled} (canceled at central), {@code expired}
 * (its window passed undelivered) or {@code queued}.
 */
final class CommandState {

  static final String QUEUED = "queued";
  static final String DELIVERED = "delivered";
  static final String EXECUTING = "executing";
  static final String CANCELED = "canceled";
  static final String EXPIRED = "expired";

  /** Every state a command can be in. */
  static final Set<String> STATES =
      Set.of(
          QUEUED,
          DELIVERED,
          EXECUTING,
          "succeeded",
          "partially_succeeded",
          "failed",
          "rejected",
          EXPIRED,
          CANCELED);

  static final String PENDING = "pending";

  private CommandState() {}

  /** The command's state now. */
  static String of(IssuedCommand command, List<Event> events, Instant now) {
    Event latest = latest(events);
    if (latest != null) {
      return latest.state();
    }
    if (command.cancel() != null) {
      return CANCELED;
    }
    return now.isBefore(command.envelope().expiresAt()) ? QUEUED : EXPIRED;
  }

  /** The edge's latest event; among events of one timestamp, the furthest along. */
  static Event latest(List<Event> events) {
    if (events == null || events.isEmpty()) {
      return null;
    }
    return events.stream()
        .max(Comparator.comparing(Event::at).thenComparingInt(e -> rank(e.state())))
        .orElseThrow();
  }

  /** Whether a command in this state may still be canceled (not yet executed). */
  static boolean cancelable(String state) {
    return state.equals(QUEUED) || state.equals(DELIVERED);
  }

  /** The command as the list shows it. */
  static JsonObject summary(IssuedCommand command, List<Event> events, Instant now) {
    CommandEnvelope e = command.envelope();
    Event latest = latest(events);
    JsonObject json =
        new JsonObject()
            .put("id", e.id())
            .put("site", e.site())
            .put("action", e.action().wireName())
            .put("watts", e.watts())
            .put("state", of(command, events, now))
            .put("reason", latest == null ? null : latest.reason())
            .put("detail", latest == null ? null : latest.detail())
            .put("issuedBy", e.issuedBy())
            .put("issuedAt", e.issuedAt().toString())
            .put("notBefore", e.notBefore().toString())
            .put("expiresAt", e.expiresAt().toString())
            .put("targets", e.targets().size())
            .put("updatedAt", latest == null ? null : latest.at().toString());
    if (latest != null && latest.counts().targeted() != null) {
      json.put(
          "counts",
          new JsonObject()
              .put("targeted", latest.counts().targeted())
              .put("confirmed", latest.counts().confirmed())
              .put("failed", latest.counts().failed())
              .put("skipped", latest.counts().skipped()));
    }
    if (command.cancel() != null) {
      json.put(
          "cancel",
          new JsonObject()
              .put("at", command.cancel().at().toString())
              .put("by", command.cancel().by())
              .put("id", CommandIds.cancelOf(e.id())));
    }
    return json;
  }

  /**
   * The command in full: its summary, the edge's events, one row per targeted miner (its planned
   * time, latest outcome, read-back, error, attempts and when it was sent and finished) and the
   * signed envelope as the edge received it.
   */
  static JsonObject detail(
      IssuedCommand command,
      List<Event> events,
      List<Event> cancelEvents,
      List<MinerStep> steps,
      Instant now) {
    JsonObject json = summary(command, events, now);
    JsonArray eventRows = new JsonArray();
    if (events != null) {
      events.stream()
          .sorted(Comparator.comparing(Event::at).thenComparingInt(ev -> rank(ev.state())))
          .forEach(
              ev ->
                  eventRows.add(
                      new JsonObject()
                          .put("at", ev.at().toString())
                          .put("state", ev.state())
                          .put("reason", ev.reason())
                          .put("detail", ev.detail())));
    }
    json.put("events", eventRows);
    Event cancelAnswer = latest(cancelEvents);
    if (json.containsKey("cancel") && cancelAnswer != null) {
      json.getJsonObject("cancel")
          .put(
              "edge",
              new JsonObject()
                  .put("state", cancelAnswer.state())
                  .put("reason", cancelAnswer.reason())
                  .put("at", cancelAnswer.at().toString()));
    }
    json.put("miners", minerRows(command.envelope(), steps));
    json.put("signed", new JsonObject(command.signed().toJson().toString()));
    return json;
  }

  private static JsonArray minerRows(CommandEnvelope envelope, List<MinerStep> steps) {
    Map<String, MinerStep> latest = new HashMap<>();
    Map<String, Instant> sentAt = new HashMap<>();
    for (MinerStep step : steps) {
      if ("sent".equals(step.outcome())) {
        sentAt.merge(step.miner(), step.at(), (a, b) -> a.isBefore(b) ? a : b);
      }
      MinerStep known = latest.get(step.miner());
      if (known == null
          || step.at().isAfter(known.at())
          || (step.at().equals(known.at()) && minerRank(step) > minerRank(known))) {
        latest.put(step.miner(), step);
      }
    }
    JsonArray rows = new JsonArray();
    for (String miner : envelope.targets()) {
      MinerStep step = latest.get(miner);
      boolean done = step != null && !"sent".equals(step.outcome());
      rows.add(
          new JsonObject()
              .put("miner", miner)
              .put("plannedOffsetMs", envelope.plan().get(miner))
              .put("plannedAt", envelope.dueAt(miner).toString())
              .put("outcome", step == null ? PENDING : step.outcome())
              .put("readbackState", step == null ? null : step.readbackState())
              .put("readbackPowerLimitW", step == null ? null : step.readbackPowerLimitW())
              .put("error", step == null ? null : step.error())
              .put("errorDetail", step == null ? null : step.errorDetail())
              .put("attempts", step == null ? null : step.attempts())
              .put("sentAt", sentAt.containsKey(miner) ? sentAt.get(miner).toString() : null)
              .put("finishedAt", done ? step.at().toString() : null));
    }
    return rows;
  }

  /** How far along a state is, to order events of one timestamp. */
  private static int rank(String state) {
    if (state == null) {
      return -1;
    }
    return switch (state) {
      case DELIVERED -> 1;
      case EXECUTING -> 2;
      default -> 3;
    };
  }

  private static int minerRank(MinerStep step) {
    return "sent".equals(step.outcome()) ? 1 : 2;
  }
}
