package io.flarewatch.edge.commands;

import io.flarewatch.edge.buffer.BufferExecutor;
import io.flarewatch.edge.buffer.SampleBuffer;
import io.flarewatch.edge.buffer.SqlWork;
import io.flarewatch.edge.commands.CommandTables.Unfinished;
import io.flarewatch.wire.command.CommandEnvelope;
import io.flarewatch.wire.command.CommandRefusedException;
import io.flarewatch.wire.command.SignedCommand;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Commands kept durably in the buffer's file: accepted, refused, canceled, resumed and forgotten.
 * Every change is committed in one transaction with the line that reports it, on the buffer's
 * thread, so the rows and what central is told can never disagree, not even after kill -9. Each
 * change checks the state it starts from in the same step, so a cancel and the start of execution
 * ({@link CommandProgress}) cannot both win.
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
    return store(command, signed, List.of(points.delivered(command)));
  }

  /**
   * Stores a command given at the site itself (no central signature: {@code signed} carries the
   * canonical bytes and an empty signature) with its {@code delivered} event naming who gave it.
   *
   * @return false for an id stored before: nothing stored
   */
  Future<Boolean> acceptLocal(
      CommandEnvelope command, SignedCommand unsigned, List<String> alongside) {
    List<String> lines = new ArrayList<>(alongside);
    lines.add(points.deliveredLocally(command));
    return store(command, unsigned, lines);
  }

  /** Stores a command with the lines reporting it delivered, unless its id is stored already. */
  private Future<Boolean> store(CommandEnvelope command, SignedCommand signed, List<String> lines) {
    return write(
        b -> {
          if (stateOf(b, command.id()).isPresent()) {
            return false;
          }
          long now = clock.millis();
          appendWith(
              b,
              lines,
              c -> {
                CommandTables.insert(c, command, signed, CommandTables.DELIVERED, now);
                return null;
              });
          return true;
        });
  }

  /** The newest stored commands, newest first, at most {@code limit}. */
  Future<List<CommandTables.Stored>> recent(int limit) {
    return buffer.withBuffer(b -> b.read(c -> CommandTables.recent(c, limit)));
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
                            CommandRefusedException.ALREADY_EXECUTING,
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

  static Optional<String> stateOf(SampleBuffer b, String commandId) {
    return b.read(c -> CommandTables.state(c, commandId));
  }

  private void appendWith(SampleBuffer b, List<String> lines, SqlWork<?> rows) {
    b.append(lines, rows);
    linesStored.run();
  }
}
