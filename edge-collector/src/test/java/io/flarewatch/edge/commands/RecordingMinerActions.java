package io.flarewatch.edge.commands;

import io.flarewatch.drivers.miner.control.MinerCommand;
import io.flarewatch.drivers.miner.control.MinerOutcome;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Miners that confirm every command at once and record what they were asked and when (by the edge's
 * clock); the miners named in {@link #hang} never answer, as a miner does while the edge is killed
 * mid-send.
 */
final class RecordingMinerActions implements MinerActions {

  /** One call. */
  record Call(String miner, MinerCommand command, Instant at) {}

  private final Clock clock;
  private final List<Call> executed = new CopyOnWriteArrayList<>();
  private final List<Call> readBack = new CopyOnWriteArrayList<>();
  private final Set<String> hanging = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  private volatile Vertx slowly;

  RecordingMinerActions(Clock clock) {
    this.clock = clock;
  }

  void hang(String miner) {
    hanging.add(miner);
  }

  /** Each miner answers only after a timer of a few milliseconds, so sends overlap. */
  void answerLater(Vertx vertx) {
    slowly = vertx;
  }

  /** The most miners that were being acted on at the same time. */
  int mostInFlight() {
    return mostInFlight.get();
  }

  @Override
  public Future<MinerOutcome> execute(String minerId, MinerCommand command, Instant deadline) {
    executed.add(new Call(minerId, command, clock.instant()));
    if (hanging.contains(minerId)) {
      return Promise.<MinerOutcome>promise().future();
    }
    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    Promise<MinerOutcome> outcome = Promise.promise();
    Runnable answer =
        () -> {
          inFlight.decrementAndGet();
          outcome.complete(confirmed(command, 1));
        };
    if (slowly == null) {
      answer.run();
    } else {
      slowly.setTimer(50, t -> answer.run());
    }
    return outcome.future();
  }

  @Override
  public Future<MinerOutcome> readBack(String minerId, MinerCommand command, Instant deadline) {
    readBack.add(new Call(minerId, command, clock.instant()));
    return Future.succeededFuture(confirmed(command, 0));
  }

  private static MinerOutcome confirmed(MinerCommand command, int attempts) {
    String state =
        switch (command.action()) {
          case SLEEP -> "sleeping";
          case WAKE, POWER_LIMIT -> "mining";
        };
    return new MinerOutcome(
        MinerOutcome.Result.CONFIRMED,
        state,
        command.watts() == null ? null : command.watts().doubleValue(),
        null,
        null,
        attempts);
  }

  List<Call> executed() {
    return List.copyOf(executed);
  }

  List<String> executedMiners() {
    return executed.stream().map(Call::miner).toList();
  }

  List<String> readBackMiners() {
    return readBack.stream().map(Call::miner).toList();
  }
}
