package io.flarewatch.edge.commands;

import io.flarewatch.drivers.miner.control.MinerOutcome;
import io.flarewatch.edge.buffer.BufferExecutor;
import io.flarewatch.edge.buffer.SampleBuffer;
import io.flarewatch.edge.buffer.SqlWork;
import io.flarewatch.edge.commands.CommandTables.Unfinished;
import io.flarewatch.wire.command.CommandEnvelope;
import io.flarewatch.wire.command.SignedCommand;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Commands kept durably in the buffer's file: every change of a command or a miner is committed in
 * one transaction with the line that reports it, on the buffer's thread, so the rows and what
 * central is told can never disagree, not even after kill -9. Each change checks the state it
 * starts from in the same step, so a cancel and the start of execution cannot both win.
 */
final class CommandStore {

  /** What a cancel envelope did. */
  enum CancelResult {
    /** The cancel's id was stored before: a replay, nothing done. */
    KNOWN,
    /** The command is canceled (or was never delivered and now never will be executed). */
    CANCELED,
    /** A miner of the command was acted on already: refused, {@code already_executing}. */
    TOO_LATE
  }

  /** Reason of a cancel refused because its command is already being executed. */
  static final String ALREADY_EXECUTING = "already_executing";

  private final BufferExecutor buffer;
  private final CommandPoints points;
  private final Clock clock;
  private final Runnable linesStored;

  /**
   * @param linesStored called after lines were appended (wakes the uplink, so they leave at once)
   */
  CommandStore(BufferExecutor buffer, CommandPoints points, Clock clock, Runnable linesStored) {
    this.buffer = buffer;
    this.points = points;
    this.clock = clock;
    this.linesStored = linesStored;
  }

  Future<Void> open() {
    return buffer.withBuffer(b -> b.append(List.of(), CommandTables::create)).mapEmpty();
  }

  /**
   * Stores a verified command with its {@code delivered} event, unless its id is stored already.
   *
   * @return false for an id seen before (a replay): nothing stored
   */
  Future<Boolean> accept(CommandEnvelope command, SignedCommand signed) {
    return write(
        b -> {
          if (stateOf(b, command.id()).isPresent()) {
            return false;
          }
          long now = clock.millis();
          appendWith(
              b,
              List.of(points.delivered(command)),
              c -> {
                CommandTables.insert(c, command, signed, CommandTables.DELIVERED, now);
                return null;
              });
          return true;
        });
  }

  /** Reports a refused command. */
  Future<Void> reject(String commandId, CommandEnvelope command, String reason, String detail) {
    return write(
        b -> {
          appendWith(b, List.of(points.rejected(commandId, command, reason, detail)), c -> null);
          return null;
        });
  }

  /**
   * Withdraws the command a cancel envelope names, if none of its miners was acted on yet. A
   * command not stored yet is stored as canceled, so it is refused as a replay if it still comes.
   */
  Future<CancelResult> cancel(CommandEnvelope cancel, SignedCommand signed) {
    return write(
        b -> {
          if (stateOf(b, cancel.id()).isPresent()) {
            return CancelResult.KNOWN;
          }
          String target = cancel.cancels();
          Optional<String> state = stateOf(b, target);
          long now = clock.millis();
          if (state.isPresent() && !state.get().equals(CommandTables.DELIVERED)) {
            boolean alreadyCanceled = state.get().equals(CommandTables.CANCELED);
            appendWith(
                b,
                List.of(
                    alreadyCanceled
                        ? points.delivered(cancel)
                        : points.rejected(
                            cancel.id(),
                            cancel,
                            ALREADY_EXECUTING,
                            "command " + target + " is " + state.get())),
                c -> {
                  CommandTables.insert(c, cancel, signed, CommandTables.FINISHED, now);
                  return null;
                });
            return alreadyCanceled ? CancelResult.CANCELED : CancelResult.TOO_LATE;
          }
          appendWith(
              b,
              List.of(
                  points.delivered(cancel),
                  points.canceled(target, "canceled by command " + cancel.id())),
              c -> {
                CommandTables.insert(c, cancel, signed, CommandTables.FINISHED, now);
                if (state.isPresent()) {
                  CommandTables.moveCommand(
                      c, target, CommandTables.DELIVERED, CommandTables.CANCELED);
                } else {
                  CommandTables.insertCanceled(c, target, cancel.expiresAt().toEpochMilli(), now);
                }
                return null;
              });
          return CancelResult.CANCELED;
        });
  }

  /**
   * Marks a command executing, with its {@code executing} event the first time.
   *
   * @return false when the command is no longer to be executed (canceled, finished)
   */
  Future<Boolean> startExecuting(CommandEnvelope command) {
    return write(
        b -> {
          String state = stateOf(b, command.id()).orElse(CommandTables.CANCELED);
          if (state.equals(CommandTables.EXECUTING)) {
            return true;
          }
          if (!state.equals(CommandTables.DELIVERED)) {
            return false;
          }
          appendWith(
              b,
              List.of(points.executing(command)),
              c ->
                  CommandTables.moveCommand(
                      c, command.id(), CommandTables.DELIVERED, CommandTables.EXECUTING));
          return true;
        });
  }

  /**
   * Writes {@code sending} for a pending miner, with its {@code sent} line, before the send.
   *
   * @return false when the miner is not pending (then it must not be sent anything)
   */
  Future<Boolean> sending(CommandEnvelope command, String miner) {
    return write(
        b -> {
          if (!CommandTables.EXECUTING.equals(stateOf(b, command.id()).orElse(null))
              || !CommandTables.PENDING.equals(minerState(b, command.id(), miner))) {
            return false;
          }
          appendWith(
              b,
              List.of(points.sent(command, miner)),
              c ->
                  CommandTables.moveMiner(
                      c, command.id(), miner, CommandTables.PENDING, CommandTables.SENDING, null));
          return true;
        });
  }

  /**
   * Records how a miner ended (from {@code pending} or {@code sending}); when it was the command's
   * last miner, the command finishes too, with its final event and counts.
   */
  Future<Void> finish(CommandEnvelope command, String miner, MinerOutcome outcome) {
    String result = outcome.result().name().toLowerCase(Locale.ROOT);
    return write(
        b -> {
          String from = minerState(b, command.id(), miner);
          if (from == null || from.equals(CommandTables.DONE)) {
            throw new IllegalStateException(
                "miner " + miner + " of command " + command.id() + " is " + from);
          }
          boolean last = b.read(c -> CommandTables.minersLeft(c, command.id())) == 1;
          List<String> lines = new ArrayList<>(2);
          lines.add(points.outcome(command, miner, outcome));
          if (last) {
            lines.add(
                points.finished(
                    command, b.read(c -> CommandTables.counts(c, command.id())).plus(result)));
          }
          appendWith(
              b,
              lines,
              c -> {
                CommandTables.moveMiner(c, command.id(), miner, from, CommandTables.DONE, result);
                if (last) {
                  CommandTables.moveCommand(
                      c, command.id(), CommandTables.EXECUTING, CommandTables.FINISHED);
                }
                return null;
              });
          return null;
        });
  }

  /**
   * Finishes a command whose miners are all done but which was not finished (the edge stopped in
   * between): its final event. Nothing when miners are left.
   */
  Future<Void> finishIfDone(CommandEnvelope command) {
    return write(
        b -> {
          if (b.read(c -> CommandTables.minersLeft(c, command.id())) > 0) {
            return null;
          }
          CommandPoints.MinerCounts counts = b.read(c -> CommandTables.counts(c, command.id()));
          appendWith(
              b,
              List.of(points.finished(command, counts)),
              c ->
                  CommandTables.moveCommand(
                      c, command.id(), CommandTables.EXECUTING, CommandTables.FINISHED));
          return null;
        });
  }

  /** Commands delivered or executing, oldest first. */
  Future<List<Unfinished>> unfinished() {
    return buffer.withBuffer(b -> b.read(CommandTables::unfinished));
  }

  /** Forgets ended commands that expired before {@code beforeMillis}; how many. */
  Future<Integer> purge(long beforeMillis) {
    return buffer.withBuffer(
        b -> {
          int[] purged = new int[1];
          b.append(
              List.of(),
              c -> {
                purged[0] = CommandTables.purge(c, beforeMillis);
                return null;
              });
          return purged[0];
        });
  }

  private <T> Future<T> write(Function<SampleBuffer, T> work) {
    return buffer.withBuffer(work);
  }

  private static Optional<String> stateOf(SampleBuffer b, String commandId) {
    return b.read(c -> CommandTables.state(c, commandId));
  }

  private static String minerState(SampleBuffer b, String commandId, String miner) {
    return b.read(c -> CommandTables.minerState(c, commandId, miner));
  }

  private void appendWith(SampleBuffer b, List<String> lines, SqlWork<?> rows) {
    b.append(lines, rows);
    linesStored.run();
  }
}
