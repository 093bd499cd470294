package io.flarewatch.edge.commands;

import io.flarewatch.drivers.miner.control.MinerOutcome;
import io.flarewatch.edge.buffer.BufferExecutor;
import io.flarewatch.edge.buffer.SampleBuffer;
import io.flarewatch.edge.buffer.SqlWork;
import io.flarewatch.edge.commands.CommandPoints.MinerCounts;
import io.flarewatch.wire.command.CommandEnvelope;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The progress of executing commands, stored in the buffer's file with the lines that report it.
 * Miners started together are marked {@code sending} in one transaction, and outcomes that arrive
 * together are stored in one: every commit is an fsync, and a ramp step of a hundred miners should
 * cost a few, not hundreds.
 */
final class CommandProgress {

  /** How one miner of one command ended. */
  record MinerResult(CommandEnvelope command, String miner, MinerOutcome outcome) {

    String result() {
      return outcome.result().name().toLowerCase(Locale.ROOT);
    }
  }

  private final BufferExecutor buffer;
  private final CommandPoints points;
  private final Runnable linesStored;

  CommandProgress(BufferExecutor buffer, CommandPoints points, Runnable linesStored) {
    this.buffer = buffer;
    this.points = points;
    this.linesStored = linesStored;
  }

  /**
   * Starts {@code miners} of a command: the command becomes {@code executing} (with its event, the
   * first time) and each of {@code toSend} that is still pending becomes {@code sending} with its
   * {@code sent} line, all in one transaction, before anything is sent.
   *
   * @return the miners now {@code sending} (only these may be sent the command); null when the
   *     command is no longer to be executed (canceled or finished)
   */
  Future<List<String>> start(CommandEnvelope command, List<String> toSend) {
    return buffer.withBuffer(
        b -> {
          String state = CommandStore.stateOf(b, command.id()).orElse(CommandTables.CANCELED);
          boolean starting = state.equals(CommandTables.DELIVERED);
          if (!starting && !state.equals(CommandTables.EXECUTING)) {
            return null;
          }
          List<String> sending = new ArrayList<>();
          for (String miner : toSend) {
            if (CommandTables.PENDING.equals(minerState(b, command, miner))) {
              sending.add(miner);
            }
          }
          if (!starting && sending.isEmpty()) {
            return sending;
          }
          List<String> lines = new ArrayList<>();
          if (starting) {
            lines.add(points.executing(command));
          }
          sending.forEach(miner -> lines.add(points.sent(command, miner)));
          append(
              b,
              lines,
              c -> {
                if (starting) {
                  CommandTables.moveCommand(
                      c, command.id(), CommandTables.DELIVERED, CommandTables.EXECUTING);
                }
                for (String miner : sending) {
                  CommandTables.moveMiner(
                      c, command.id(), miner, CommandTables.PENDING, CommandTables.SENDING, null);
                }
                return null;
              });
          return sending;
        });
  }

  /**
   * Stores how miners ended (each from {@code pending} or {@code sending}), in one transaction; a
   * command whose last miner is among them finishes in it too, with its final event and counts. A
   * miner already done is left alone (its first outcome stands).
   */
  Future<Void> finish(List<MinerResult> results) {
    return buffer.withBuffer(
        b -> {
          List<String> lines = new ArrayList<>();
          List<MinerResult> moves = new ArrayList<>();
          Map<String, String> from = new HashMap<>();
          Map<String, List<MinerResult>> byCommand = new LinkedHashMap<>();
          for (MinerResult result : results) {
            String state = minerState(b, result.command(), result.miner());
            String key = result.command().id() + "\n" + result.miner();
            if (state == null || state.equals(CommandTables.DONE) || from.containsKey(key)) {
              continue;
            }
            from.put(key, state);
            moves.add(result);
            lines.add(points.outcome(result.command(), result.miner(), result.outcome()));
            byCommand.computeIfAbsent(result.command().id(), id -> new ArrayList<>()).add(result);
          }
          List<CommandEnvelope> finishing = new ArrayList<>();
          for (List<MinerResult> ofCommand : byCommand.values()) {
            CommandEnvelope command = ofCommand.get(0).command();
            long left = b.read(c -> CommandTables.minersLeft(c, command.id()));
            if (left == ofCommand.size()) {
              MinerCounts counts = b.read(c -> CommandTables.counts(c, command.id()));
              for (MinerResult result : ofCommand) {
                counts = counts.plus(result.result());
              }
              lines.add(points.finished(command, counts));
              finishing.add(command);
            }
          }
          if (moves.isEmpty()) {
            return null;
          }
          append(
              b,
              lines,
              c -> {
                for (MinerResult r : moves) {
                  CommandTables.moveMiner(
                      c,
                      r.command().id(),
                      r.miner(),
                      from.get(r.command().id() + "\n" + r.miner()),
                      CommandTables.DONE,
                      r.result());
                }
                for (CommandEnvelope command : finishing) {
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
    return buffer.withBuffer(
        b -> {
          if (b.read(c -> CommandTables.minersLeft(c, command.id())) > 0) {
            return null;
          }
          MinerCounts counts = b.read(c -> CommandTables.counts(c, command.id()));
          append(
              b,
              List.of(points.finished(command, counts)),
              c ->
                  CommandTables.moveCommand(
                      c, command.id(), CommandTables.EXECUTING, CommandTables.FINISHED));
          return null;
        });
  }

  private static String minerState(SampleBuffer b, CommandEnvelope command, String miner) {
    return b.read(c -> CommandTables.minerState(c, command.id(), miner));
  }

  private void append(SampleBuffer b, List<String> lines, SqlWork<?> rows) {
    b.append(lines, rows);
    linesStored.run();
  }
}
