package io.flarewatch.edge.commands;

import io.flarewatch.drivers.miner.control.MinerCommand;
import io.flarewatch.drivers.miner.control.MinerOutcome;
import io.flarewatch.edge.commands.CommandProgress.MinerResult;
import io.flarewatch.edge.commands.CommandTables.Unfinished;
import io.flarewatch.edge.control.MinerOverrides;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes stored commands: each target at {@code notBefore} plus its plan offset, at most {@code
 * maxConcurrent} miners at once over all commands. Per miner, {@code sending} is stored before the
 * send; at start, commands left unfinished are resumed, and a miner found {@code sending} is only
 * read back, never sent the command again. A target the edge's config does not list is skipped
 * ({@code unknown_miner}); one reached only after {@code expiresAt} fails ({@code expired}).
 *
 * <p>Miners due at the same time start together: their {@code sending} rows commit in one
 * transaction, and outcomes that arrive while one is being stored are stored together next ({@link
 * CommandProgress}). All its state lives on its own context: {@link #execute} and {@link #forget}
 * may be called from anywhere.
 */
public final class CommandExecutorVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CommandExecutorVerticle.class);

  /** How long a read-back of a command already past its expiry may take. */
  private static final Duration LATE_READ_BACK = Duration.ofSeconds(30);

  private static final long PURGE_EVERY_MILLIS = Duration.ofMinutes(10).toMillis();

  /** A miner whose time has come; {@code readBackOnly} when it may have been sent it already. */
  private record Due(CommandEnvelope command, String miner, boolean readBackOnly) {}

  private final CommandStore store;
  private final CommandProgress progress;
  private final MinerActions actions;
  private final Set<String> knownMiners;
  private final int maxConcurrent;
  private final Duration skew;
  private final Clock clock;
  private final MinerOverrides overrides;

  /** Commands whose miners the load loop must leave alone, by id, until they expire. */
  private final Map<String, CommandEnvelope> holding = new HashMap<>();

  private final Map<String, List<Long>> timers = new HashMap<>();
  private final Deque<Due> ready = new ArrayDeque<>();
  private final List<MinerResult> toStore = new ArrayList<>();
  private boolean storing;
  private int inFlight;
  private Context home;
  private long purgeTimer = -1;

  CommandExecutorVerticle(
      CommandStore store,
      CommandProgress progress,
      MinerActions actions,
      Set<String> knownMiners,
      int maxConcurrent,
      Duration skew,
      Clock clock,
      MinerOverrides overrides) {
    this.store = store;
    this.progress = progress;
    this.actions = actions;
    this.knownMiners = Set.copyOf(knownMiners);
    this.maxConcurrent = maxConcurrent;
    this.skew = skew;
    this.clock = clock;
    this.overrides = overrides;
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
    ready.clear();
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
          List<Long> timed = timers.remove(commandId);
          if (timed != null) {
            timed.forEach(vertx::cancelTimer);
          }
          CommandEnvelope canceled = holding.remove(commandId);
          if (canceled != null) {
            overrides.release(canceled.targets());
          }
          ready.removeIf(due -> due.command().id().equals(commandId));
        });
  }

  private void resume(Unfinished command) {
    LOG.info(
        "resuming command {} ({}): miners {}",
        command.envelope().id(),
        command.state(),
        command.miners());
    if (command.miners().values().stream().allMatch(CommandTables.DONE::equals)) {
      progress
          .finishIfDone(command.envelope())
          .onFailure(e -> LOG.error("cannot finish command {}", command.envelope().id(), e));
      return;
    }
    plan(command.envelope(), command.miners());
  }

  /** One timer per distinct time of the plan; a miner caught sending is read back at once. */
  private void plan(CommandEnvelope command, Map<String, String> minerStates) {
    overrides.hold(command.targets(), command.expiresAt());
    holding.put(command.id(), command);
    Map<Long, List<String>> byTime = new TreeMap<>();
    for (String miner : command.targets()) {
      String state = minerStates.getOrDefault(miner, CommandTables.DONE);
      if (state.equals(CommandTables.SENDING)) {
        ready.add(new Due(command, miner, true));
      } else if (state.equals(CommandTables.PENDING)) {
        byTime
            .computeIfAbsent(command.dueAt(miner).toEpochMilli(), t -> new ArrayList<>())
            .add(miner);
      }
    }
    List<Long> planned = timers.computeIfAbsent(command.id(), id -> new ArrayList<>());
    byTime.forEach(
        (at, miners) ->
            planned.add(
                vertx.setTimer(
                    Math.max(1, at - clock.millis()),
                    timer -> {
                      fired(command.id(), timer);
                      miners.forEach(miner -> ready.add(new Due(command, miner, false)));
                      startReady();
                    })));
    startReady();
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

  /** Starts as many ready miners as there are free places, each command's in one step. */
  private void startReady() {
    Map<CommandEnvelope, List<String>> toStart = new LinkedHashMap<>();
    while (inFlight < maxConcurrent && !ready.isEmpty()) {
      Due due = ready.poll();
      inFlight++;
      if (due.readBackOnly()) {
        readBack(due.command(), due.miner());
      } else {
        toStart.computeIfAbsent(due.command(), c -> new ArrayList<>()).add(due.miner());
      }
    }
    toStart.forEach(this::start);
  }

  private void start(CommandEnvelope command, List<String> miners) {
    boolean expired = !clock.instant().isBefore(command.expiresAt());
    List<String> toSend =
        expired ? List.of() : miners.stream().filter(knownMiners::contains).toList();
    progress
        .start(command, toSend)
        .onFailure(
            e -> {
              LOG.error("command {}: cannot start miners {}", command.id(), miners, e);
              miners.forEach(miner -> placeFreed());
            })
        .onSuccess(
            sending -> {
              for (String miner : miners) {
                if (sending == null) {
                  placeFreed();
                } else if (!knownMiners.contains(miner)) {
                  ended(
                      command,
                      miner,
                      outcome(
                          MinerOutcome.Result.SKIPPED,
                          CommandPoints.UNKNOWN_MINER,
                          "not in this edge's config"));
                } else if (expired) {
                  ended(
                      command,
                      miner,
                      outcome(
                          MinerOutcome.Result.FAILED,
                          CommandPoints.EXPIRED,
                          "not reached before the command expired at " + command.expiresAt()));
                } else if (sending.contains(miner)) {
                  orFailure(actions.execute(miner, minerCommand(command), command.expiresAt()))
                      .onSuccess(outcome -> ended(command, miner, outcome));
                } else {
                  placeFreed();
                }
              }
            });
  }

  private void readBack(CommandEnvelope command, String miner) {
    Instant now = clock.instant();
    Instant deadline =
        command.expiresAt().isAfter(now) ? command.expiresAt() : now.plus(LATE_READ_BACK);
    LOG.warn(
        "miner {} may have been sent command {} before the edge stopped: reading it back only",
        miner,
        command.id());
    orFailure(actions.readBack(miner, minerCommand(command), deadline))
        .onSuccess(outcome -> ended(command, miner, outcome));
  }

  /**
   * A miner's outcome: stored with the others that arrive meanwhile; its place goes to the next.
   */
  private void ended(CommandEnvelope command, String miner, MinerOutcome outcome) {
    toStore.add(new MinerResult(command, miner, outcome));
    storeOutcomes();
    placeFreed();
  }

  private void placeFreed() {
    inFlight--;
    startReady();
  }

  private void storeOutcomes() {
    if (storing || toStore.isEmpty()) {
      return;
    }
    List<MinerResult> batch = List.copyOf(toStore);
    toStore.clear();
    storing = true;
    progress
        .finish(batch)
        .onFailure(e -> LOG.error("cannot store the outcomes of {} miners", batch.size(), e))
        .onComplete(
            done -> {
              storing = false;
              storeOutcomes();
            });
  }

  /** A failed future (a fault of the edge, not the device's) becomes a failed outcome. */
  private static Future<MinerOutcome> orFailure(Future<MinerOutcome> outcome) {
    return outcome.recover(
        e ->
            Future.succeededFuture(
                outcome(
                    MinerOutcome.Result.FAILED, CommandPoints.INTERNAL_ERROR, String.valueOf(e))));
  }

  private static MinerOutcome outcome(MinerOutcome.Result result, String error, String detail) {
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
    Instant now = clock.instant();
    holding.values().removeIf(command -> !command.expiresAt().isAfter(now));
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
