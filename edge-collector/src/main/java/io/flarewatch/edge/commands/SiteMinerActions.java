package io.flarewatch.edge.commands;

import io.flarewatch.drivers.miner.MinerAddress;
import io.flarewatch.drivers.miner.MinerApiException;
import io.flarewatch.drivers.miner.MinerPoller;
import io.flarewatch.drivers.miner.MinerSample;
import io.flarewatch.drivers.miner.MinerState;
import io.flarewatch.drivers.miner.control.MinerCommand;
import io.flarewatch.drivers.miner.control.MinerOutcome;
import io.flarewatch.edge.config.MinerConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The site's miners as the command executor acts on them: a miner id of the edge's config becomes
 * its address; commands go through the firmware {@link MinerControl}; a read-back alone is a poll
 * ({@link MinerPoller}) repeated until it shows the command applied or the time is up.
 */
public final class SiteMinerActions implements MinerActions {

  /** A read-back alone waits at most this long for the miner to show the new state. */
  static final Duration READ_BACK_AT_MOST = Duration.ofSeconds(60);

  private static final long READ_BACK_EVERY_MILLIS = 2_000;

  private final Vertx vertx;
  private final Map<String, MinerAddress> addresses = new HashMap<>();
  private final MinerControl control;
  private final MinerPoller poller;
  private final Clock clock;

  public SiteMinerActions(
      Vertx vertx,
      List<MinerConfig> miners,
      MinerControl control,
      MinerPoller poller,
      Clock clock) {
    this.vertx = vertx;
    miners.forEach(m -> addresses.put(m.id(), new MinerAddress(m.host(), m.port())));
    this.control = control;
    this.poller = poller;
    this.clock = clock;
  }

  @Override
  public Future<MinerOutcome> execute(String minerId, MinerCommand command, Instant deadline) {
    MinerAddress address = addresses.get(minerId);
    if (address == null) {
      return Future.failedFuture(new IllegalArgumentException(minerId + " is not configured"));
    }
    return control.execute(address, command, deadline);
  }

  @Override
  public Future<MinerOutcome> readBack(String minerId, MinerCommand command, Instant deadline) {
    MinerAddress address = addresses.get(minerId);
    if (address == null) {
      return Future.failedFuture(new IllegalArgumentException(minerId + " is not configured"));
    }
    Instant atMost = clock.instant().plus(READ_BACK_AT_MOST);
    Promise<MinerOutcome> outcome = Promise.promise();
    poll(address, command, deadline.isBefore(atMost) ? deadline : atMost, outcome);
    return outcome.future();
  }

  private void poll(
      MinerAddress address, MinerCommand command, Instant until, Promise<MinerOutcome> outcome) {
    poller
        .poll(address)
        .onComplete(
            polled -> {
              MinerOutcome now = judge(polled.result(), polled.cause(), command);
              boolean again =
                  now.result() != MinerOutcome.Result.CONFIRMED
                      && clock.instant().plusMillis(READ_BACK_EVERY_MILLIS).isBefore(until);
              if (again) {
                vertx.setTimer(READ_BACK_EVERY_MILLIS, t -> poll(address, command, until, outcome));
              } else {
                outcome.complete(now);
              }
            });
  }

  /** One read-back: confirmed when the miner shows the command applied. */
  static MinerOutcome judge(MinerSample sample, Throwable failure, MinerCommand command) {
    if (sample == null) {
      boolean device = failure instanceof MinerApiException;
      return new MinerOutcome(
          MinerOutcome.Result.FAILED,
          null,
          null,
          device ? ((MinerApiException) failure).code() : CommandPoints.INTERNAL_ERROR,
          device ? ((MinerApiException) failure).detail() : String.valueOf(failure),
          0);
    }
    String state = sample.state().name().toLowerCase(Locale.ROOT);
    boolean applied =
        switch (command.action()) {
          case SLEEP -> sample.state() == MinerState.SLEEPING || sample.state() == MinerState.IDLE;
          case WAKE -> sample.state() == MinerState.MINING;
          case POWER_LIMIT ->
              sample.powerLimitWatts() != null
                  && Math.abs(sample.powerLimitWatts() - command.watts()) < 1;
        };
    return new MinerOutcome(
        applied ? MinerOutcome.Result.CONFIRMED : MinerOutcome.Result.FAILED,
        state,
        sample.powerLimitWatts(),
        applied ? null : "not_applied",
        applied ? null : "the read-back shows " + state + " (nothing was sent again)",
        0);
  }
}
