package io.flarewatch.edge.commands;

import io.flarewatch.drivers.miner.control.MinerCommand;
import io.flarewatch.drivers.miner.control.MinerOutcome;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

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

  RecordingMinerActions(Clock clock) {
    this.clock = clock;
  }

  void hang(String miner) {
    hanging.add(miner);
  }

  @Override
  public Future<MinerOutcome> execute(String minerId, MinerCommand command, Instant deadline) {
    executed.add(new Call(minerId, command, clock.instant()));
    if (hanging.contains(minerId)) {
      return Promise.<MinerOutcome>promise().future();
    }
    return Future.succeededFuture(confirmed(command, 1));
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
