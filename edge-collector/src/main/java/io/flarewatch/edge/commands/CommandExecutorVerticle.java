package io.flarewatch.edge.commands;

import io.flarewatch.drivers.miner.control.MinerCommand;
import io.flarewatch.drivers.miner.control.MinerOutcome;
import io.flarewatch.edge.commands.CommandTables.Unfinished;
import io.flarewatch.wire.command.CommandEnvelope;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes stored commands: each target at {@code notBefore} plus its plan offset, at most {@code
 * maxConcurrent} miners at once over all commands. Per miner, {@code sending} is stored before the
 * send; at start, commands left unfinished are resumed, and a miner found {@code sending} is only
 * read back, never sent the command again. A target the edge's config does not list is skipped
 * ({@code unknown_miner}); one reached only after {@code expiresAt} fails ({@code expired}).
 *
 * <p>All its state lives on its own context: {@link #execute} and {@link #forget} may be called
 * from anywhere.
 */
public final class CommandExecutorVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CommandExecutorVerticle.class);

  /** How long a read-back of a command already past its expiry may take. */
  private static final Duration LATE_READ_BACK = Duration.ofSeconds(30);

  private static final long PURGE_EVERY_MILLIS = Duration.ofMinutes(10).toMillis();

  private final CommandStore store;
  private final MinerActions actions;
  private final Set<String> knownMiners;
  private final int maxConcurrent;
  private final Duration skew;
  private final Clock clock;
  private final Map<String, List<Long>> timers = new HashMap<>();
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private int inFlight;
  private Context home;
  private long purgeTimer = -1;

  CommandExecutorVerticle(
      CommandStore store,
      MinerActions actions,
      Set<String> knownMiners,
      int maxConcurrent,
      Duration skew,
      Clock clock) {
    this.store = store;
    this.actions = actions;
    this.knownMiners = Set.copyOf(knownMiners);
    this.maxConcurrent = maxConcurrent;
    this.skew = skew;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    home = context;
    return store
        .open()
        .compose(v -> store.unfinished())
        .map(
            unfinished -> {
              unfinished.forEach(this::resume);
              purgeTimer = vertx.setPeriodic(1, PURGE_EVERY_MILLIS, t -> purge());
              return null;
            });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(purgeTimer);
    timers.values().forEach(ids -> ids.forEach(vertx::cancelTimer));
    timers.clear();
    waiting.clear();
    return Future.succeededFuture();
  }

  /** Plans a command just accepted: each target at its time. */
  void execute(CommandEnvelope command) {
    home.runOnContext(
        v -> {
          Map<String, String> pending = new HashMap<>();
          command.targets().forEach(miner -> pending.put(miner, CommandTables.PENDING));
          plan(command, pending);
        });
  }

  /** Drops what is planned for a canceled command (the store already refuses to start it). */
  void forget(String commandId) {
    home.runOnContext(
        v -> {
          List<Long> planned = timers.remove(commandId);
          if (planned != null) {
            planned.forEach(vertx::cancelTimer);
          }
        });
  }

  private void resume(Unfinished command) {
    LOG.info(
        "resuming command {} ({}): miners {}",
        command.envelope().id(),
        command.state(),
        command.miners());
    if (command.miners().values().stream().allMatch(CommandTables.DONE::equals)) {
      store
          .finishIfDone(command.envelope())
          .onFailure(e -> LOG.error("cannot finish command {}", command.envelope().id(), e));
      return;
    }
    plan(command.envelope(), command.miners());
  }

  private void plan(CommandEnvelope command, Map<String, String> minerStates) {
    List<Long> planned = timers.computeIfAbsent(command.id(), id -> new ArrayList<>());
    for (String miner : command.targets()) {
      String state = minerStates.getOrDefault(miner, CommandTables.DONE);
      if (state.equals(CommandTables.SENDING)) {
        whenASlotIsFree(() -> readBack(command, miner));
      } else if (state.equals(CommandTables.PENDING)) {
        long delay = Math.max(1, command.dueAt(miner).toEpochMilli() - clock.millis());
        planned.add(
            vertx.setTimer(
                delay,
                timer -> {
                  fired(command.id(), timer);
                  whenASlotIsFree(() -> act(command, miner));
                }));
      }
    }
  }

  private void fired(String commandId, long timer) {
    List<Long> planned = timers.get(commandId);
    if (planned != null) {
      planned.remove(timer);
      if (planned.isEmpty()) {
        timers.remove(commandId);
      }
    }
  }

  private void act(CommandEnvelope command, String miner) {
    store
        .startExecuting(command)
        .compose(
            executing -> {
              if (!executing) {
                return Future.succeededFuture();
              }
              if (!knownMiners.contains(miner)) {
                return store.finish(
                    command,
                    miner,
                    failure(
                        MinerOutcome.Result.SKIPPED,
                        CommandPoints.UNKNOWN_MINER,
                        "not in this edge's config"));
              }
              if (!clock.instant().isBefore(command.expiresAt())) {
                return store.finish(
                    command,
                    miner,
                    failure(
                        MinerOutcome.Result.FAILED,
                        CommandPoints.EXPIRED,
                        "not reached before the command expired at " + command.expiresAt()));
              }
              return store
                  .sending(command, miner)
                  .compose(
                      send ->
                          send
                              ? outcome(
                                      actions.execute(
                                          miner, minerCommand(command), command.expiresAt()))
                                  .compose(outcome -> store.finish(command, miner, outcome))
                              : Future.succeededFuture());
            })
        .onComplete(done -> finished(command, miner, done.cause()));
  }

  private void readBack(CommandEnvelope command, String miner) {
    Instant now = clock.instant();
    Instant deadline =
        command.expiresAt().isAfter(now) ? command.expiresAt() : now.plus(LATE_READ_BACK);
    LOG.warn(
        "miner {} may have been sent command {} before the edge stopped: reading it back only",
        miner,
        command.id());
    outcome(actions.readBack(miner, minerCommand(command), deadline))
        .compose(outcome -> store.finish(command, miner, outcome))
        .onComplete(done -> finished(command, miner, done.cause()));
  }

  private void finished(CommandEnvelope command, String miner, Throwable failure) {
    if (failure != null) {
      LOG.error("command {}: storing the outcome of miner {} failed", command.id(), miner, failure);
    }
    inFlight--;
    Runnable next = waiting.poll();
    if (next != null) {
      inFlight++;
      next.run();
    }
  }

  private void whenASlotIsFree(Runnable work) {
    if (inFlight < maxConcurrent) {
      inFlight++;
      work.run();
    } else {
      waiting.add(work);
    }
  }

  /** A failed future (a fault of the edge, not the device's) becomes a failed outcome. */
  private static Future<MinerOutcome> outcome(Future<MinerOutcome> outcome) {
    return outcome.recover(
        e ->
            Future.succeededFuture(
                new MinerOutcome(
                    MinerOutcome.Result.FAILED,
                    null,
                    null,
                    CommandPoints.INTERNAL_ERROR,
                    String.valueOf(e),
                    0)));
  }

  private static MinerOutcome failure(MinerOutcome.Result result, String error, String detail) {
    return new MinerOutcome(result, null, null, error, detail, 0);
  }

  static MinerCommand minerCommand(CommandEnvelope command) {
    return switch (command.action()) {
      case SLEEP -> MinerCommand.sleep();
      case WAKE -> MinerCommand.wake();
      case POWER_LIMIT -> MinerCommand.powerLimit(command.watts());
      case CANCEL -> throw new IllegalArgumentException("a cancel is not sent to miners");
    };
  }

  private void purge() {
    store
        .purge(clock.millis() - skew.toMillis())
        .onSuccess(
            purged -> {
              if (purged > 0) {
                LOG.info("forgot {} expired command ids", purged);
              }
            })
        .onFailure(e -> LOG.warn("cannot forget expired command ids: {}", e.toString()));
  }
}
