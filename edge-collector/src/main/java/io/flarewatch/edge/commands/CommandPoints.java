package io.flarewatch.edge.commands;

import io.flarewatch.drivers.miner.control.MinerOutcome;
import io.flarewatch.edge.polling.ShortText;
import io.flarewatch.wire.LineProtocol;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.flarewatch.wire.command.CommandEnvelope;
import io.flarewatch.wire.command.CommandRefusedException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code command_event} and {@code command_miner} lines the edge writes about a command, as
 * line protocol ready for the buffer.
 *
 * <p>A point's identity is measurement + tags + timestamp, so two steps of one command (or of one
 * miner under it) in the same millisecond would overwrite each other in InfluxDB: each point gets a
 * timestamp later than the previous point of its series. (Points of different series may share one,
 * so a step of a thousand miners is not dated a second into the future.)
 */
final class CommandPoints {

  static final String DELIVERED = "delivered";
  static final String EXECUTING = "executing";
  static final String SUCCEEDED = "succeeded";
  static final String PARTIALLY_SUCCEEDED = "partially_succeeded";
  static final String FAILED = "failed";
  static final String CANCELED = "canceled";
  static final String REJECTED = "rejected";

  static final String SENT = "sent";

  /** A target the edge's config does not list: skipped. */
  static final String UNKNOWN_MINER = "unknown_miner";

  /** The command's window closed before the miner was reached: failed. */
  static final String EXPIRED = "expired";

  /** Something in the edge itself went wrong while acting on the miner: failed. */
  static final String INTERNAL_ERROR = "internal_error";

  /** Series whose last timestamp is kept; older ones are long past by the clock. */
  private static final int SERIES_KEPT = 100_000;

  private final String site;
  private final Clock clock;
  private final Map<String, Long> lastMillis =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > SERIES_KEPT;
        }
      };

  CommandPoints(String site, Clock clock) {
    this.site = site;
    this.clock = clock;
  }

  /** Now, or one millisecond after the previous point of the series when that is not earlier. */
  private synchronized long nextMillis(String series) {
    long next = Math.max(clock.millis(), lastMillis.getOrDefault(series, Long.MIN_VALUE) + 1);
    lastMillis.put(series, next);
    return next;
  }

  String delivered(CommandEnvelope command) {
    return encode(event(command.id(), DELIVERED, command));
  }

  /**
   * A command given at the site itself is stored: the audit of who gave it ({@code issued_by}),
   * with {@code origin=site-local}, reaches central with the lines.
   */
  String deliveredLocally(CommandEnvelope command) {
    return encode(
        event(command.id(), DELIVERED, command)
            .field(Schema.FIELD_COMMAND_ORIGIN, LocalCommands.ORIGIN)
            .field(Schema.FIELD_ISSUED_BY, ShortText.of(command.issuedBy())));
  }

  String executing(CommandEnvelope command) {
    return encode(event(command.id(), EXECUTING, command));
  }

  /** The last event of a command: its state from the miners' outcomes, with the counts. */
  String finished(CommandEnvelope command, MinerCounts counts) {
    return encode(
        event(command.id(), counts.state(), command)
            .field(Schema.FIELD_MINERS_TARGETED, (long) command.targets().size())
            .field(Schema.FIELD_MINERS_CONFIRMED, counts.confirmed())
            .field(Schema.FIELD_MINERS_FAILED, counts.failed())
            .field(Schema.FIELD_MINERS_SKIPPED, counts.skipped()));
  }

  String canceled(String commandId, String detail) {
    return encode(
        event(commandId, CANCELED, null).field(Schema.FIELD_DETAIL, ShortText.of(detail)));
  }

  /**
   * A refusal.
   *
   * @param command the envelope as far as it could be read (unverified), or null
   * @param reason one of {@link CommandRefusedException#REASONS}
   */
  String rejected(String commandId, CommandEnvelope command, String reason, String detail) {
    return encode(
        event(commandId, REJECTED, command)
            .field(Schema.FIELD_REASON, CommandRefusedException.requireKnown(reason))
            .field(Schema.FIELD_DETAIL, ShortText.of(detail)));
  }

  /** The miner is about to be sent the command (stored before the send). */
  String sent(CommandEnvelope command, String miner) {
    return encode(
        miner(command, miner)
            .field(Schema.FIELD_OUTCOME, SENT)
            .field(Schema.FIELD_PLANNED_OFFSET_MS, command.plan().get(miner)));
  }

  String outcome(CommandEnvelope command, String miner, MinerOutcome outcome) {
    return encode(
        miner(command, miner)
            .field(Schema.FIELD_OUTCOME, outcome.result().name().toLowerCase(Locale.ROOT))
            .field(Schema.FIELD_READBACK_STATE, ShortText.of(outcome.readbackState()))
            .field(Schema.FIELD_READBACK_POWER_LIMIT_W, outcome.readbackPowerLimitW())
            .field(Schema.FIELD_ERROR, ShortText.of(outcome.error()))
            .field(Schema.FIELD_ERROR_DETAIL, ShortText.of(outcome.errorDetail()))
            .field(Schema.FIELD_ATTEMPTS, (long) outcome.attempts())
            .field(Schema.FIELD_PLANNED_OFFSET_MS, command.plan().get(miner)));
  }

  private Point.Builder event(String commandId, String state, CommandEnvelope command) {
    return Point.builder(Schema.COMMAND_EVENT, nextMillis(commandId))
        .tag(Schema.TAG_SITE, site)
        .tag(Schema.TAG_COMMAND, commandId)
        .field(Schema.FIELD_COMMAND_STATE, state)
        .field(Schema.FIELD_COMMAND_ACTION, command == null ? null : command.action().wireName());
  }

  private Point.Builder miner(CommandEnvelope command, String miner) {
    return Point.builder(Schema.COMMAND_MINER, nextMillis(command.id() + "\n" + miner))
        .tag(Schema.TAG_SITE, site)
        .tag(Schema.TAG_COMMAND, command.id())
        .tag(Schema.TAG_MINER, miner);
  }

  private static String encode(Point.Builder point) {
    return LineProtocol.encode(point.build());
  }

  /** How a command's miners ended. */
  record MinerCounts(long confirmed, long failed, long skipped) {

    /** These counts and one more miner with {@code outcome} (confirmed, failed or skipped). */
    MinerCounts plus(String outcome) {
      return switch (outcome) {
        case "confirmed" -> new MinerCounts(confirmed + 1, failed, skipped);
        case "skipped" -> new MinerCounts(confirmed, failed, skipped + 1);
        default -> new MinerCounts(confirmed, failed + 1, skipped);
      };
    }

    /**
     * {@code succeeded} when none failed and at least one was confirmed, {@code
     * partially_succeeded} when some failed and some were confirmed, else {@code failed}.
     */
    String state() {
      if (confirmed == 0) {
        return FAILED;
      }
      return failed == 0 ? SUCCEEDED : PARTIALLY_SUCCEEDED;
    }
  }
}
