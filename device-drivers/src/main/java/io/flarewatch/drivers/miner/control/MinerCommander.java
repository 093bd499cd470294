package io.flarewatch.drivers.miner.control;

import io.flarewatch.drivers.DeviceFailure;
import io.flarewatch.drivers.miner.MinerAddress;
import io.flarewatch.drivers.miner.MinerCommandException;
import io.flarewatch.drivers.miner.MinerFirmware;
import io.flarewatch.drivers.miner.MinerPoller;
import io.flarewatch.drivers.miner.MinerSample;
import io.flarewatch.drivers.miner.MinerState;
import io.flarewatch.drivers.miner.MinerStatusException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one action on one miner and says how it ended: the one entry point the edge uses.
 *
 * <ol>
 *   <li>Detects the firmware with a poll ({@link MinerPoller}); a firmware without a control for
 *       the action is answered {@code SKIPPED unsupported}, nothing sent.
 *   <li>Sends the action through the firmware's {@link FirmwareControl}.
 *   <li>Reads the state back with polls until it shows the new state: {@code CONFIRMED}. Sleep
 *       shows as {@link MinerState#SLEEPING} (or {@link MinerState#IDLE}, hashrate 0, on firmware
 *       that reports no sleep flag), wake as {@link MinerState#MINING}, a power limit as the
 *       reported {@code powerLimitWatts}.
 * </ol>
 *
 * A failed send (or detection) is retried with doubling backoff while the deadline allows, unless
 * retrying cannot help ({@code auth_failed}, {@code reply_error}); an acknowledged send whose
 * read-back does not change is sent again after {@link MinerCommanderOptions#resendAfter()}. When
 * the deadline (or {@link MinerCommanderOptions#maxAttempts()}) is reached the outcome is {@code
 * FAILED}: {@code not_applied} when the firmware acknowledged and nothing changed, else the code of
 * the last failure ({@link DeviceFailure#code()}). The future never fails. Non-blocking.
 *
 * <p>{@link #confirm} does the same without sending: for an action that may already have been sent
 * before a restart.
 */
public final class MinerCommander {

  private static final Logger LOG = LoggerFactory.getLogger(MinerCommander.class);

  /** How long after the deadline an action without an outcome is given up. */
  private static final long WATCHDOG_MARGIN_MS = 30_000;

  /** Failures a resend cannot mend. */
  private static final Set<String> FINAL_CODES =
      Set.of(MinerCommandException.AUTH_FAILED, MinerStatusException.CODE);

  private final Vertx vertx;
  private final MinerPoller poller;
  private final Map<MinerFirmware, FirmwareControl> controls;
  private final MinerCommanderOptions options;
  private final Clock clock;

  /** A commander with {@link MinerCommanderOptions#defaults()} on the system clock. */
  public MinerCommander(
      Vertx vertx, MinerPoller poller, Map<MinerFirmware, FirmwareControl> controls) {
    this(vertx, poller, controls, MinerCommanderOptions.defaults(), Clock.systemUTC());
  }

  /**
   * @param controls the control of each firmware, e.g. {@link FirmwareControls#standard}
   */
  public MinerCommander(
      Vertx vertx,
      MinerPoller poller,
      Map<MinerFirmware, FirmwareControl> controls,
      MinerCommanderOptions options,
      Clock clock) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.poller = Objects.requireNonNull(poller, "poller");
    this.controls = Map.copyOf(controls);
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Carries out {@code command} on the miner at {@code address}, giving up at {@code deadline}.
   *
   * @return the outcome; never a failed future
   */
  public Future<MinerOutcome> execute(
      MinerAddress address, MinerCommand command, Instant deadline) {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(deadline, "deadline");
    return start(new Run(address, command, deadline, true));
  }

  /**
   * Only reads back whether {@code command} took effect, never sending it: for an action that may
   * have been sent before a restart (a miner must not be commanded twice). Detects the firmware as
   * {@link #execute} does ({@code SKIPPED unsupported} likewise), then polls until the new state
   * shows ({@code CONFIRMED}, attempts 0) or the deadline passes ({@code FAILED not_applied}, or
   * the code of the last failed poll when none answered).
   *
   * @return the outcome; never a failed future
   */
  public Future<MinerOutcome> confirm(
      MinerAddress address, MinerCommand command, Instant deadline) {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(deadline, "deadline");
    return start(new Run(address, command, deadline, false));
  }

  private Future<MinerOutcome> start(Run run) {
    vertx.getOrCreateContext().runOnContext(v -> run.start());
    return run.promise.future();
  }

  /** Whether a read-back shows what {@code command} asked for. */
  static boolean shows(MinerSample sample, MinerCommand command) {
    return switch (command.action()) {
      case SLEEP ->
          sample.state() == MinerState.SLEEPING
              || (sample.state() == MinerState.IDLE
                  && sample.hashrateThs() != null
                  && sample.hashrateThs() == 0);
      case WAKE -> sample.state() == MinerState.MINING;
      case POWER_LIMIT ->
          sample.powerLimitWatts() != null
              && Math.abs(sample.powerLimitWatts() - command.watts()) < 1;
    };
  }

  /** One miner's action: every step runs on the caller's context, one after the other. */
  private final class Run {
    private final MinerAddress address;
    private final MinerCommand command;
    private final Instant deadline;
    private final String action;
    private final boolean sending;
    private final Promise<MinerOutcome> promise = Promise.promise();
    private FirmwareControl control;
    private MinerSample lastSample;
    private int attempts;
    private int acknowledged;
    private Duration backoff = options.initialBackoff();
    private Instant lastAcknowledgedAt;
    private Throwable lastFailure;

    Run(MinerAddress address, MinerCommand command, Instant deadline, boolean sending) {
      this.address = address;
      this.command = command;
      this.deadline = deadline;
      this.sending = sending;
      this.action = command.action().name().toLowerCase(Locale.ROOT);
    }

    void start() {
      // a step that never ends (a control that hangs past its own timeout) still gets an outcome
      long watchdog =
          Math.max(0, Duration.between(clock.instant(), deadline).toMillis()) + WATCHDOG_MARGIN_MS;
      long timer =
          vertx.setTimer(
              watchdog,
              id ->
                  finish(
                      MinerOutcome.failed(
                          state(lastSample),
                          lastSample == null ? null : lastSample.powerLimitWatts(),
                          "timeout",
                          "no outcome " + WATCHDOG_MARGIN_MS / 1000 + " s after the deadline",
                          attempts)));
      promise.future().onComplete(x -> vertx.cancelTimer(timer));
      detect();
    }

    void detect() {
      if (!clock.instant().isBefore(deadline)) {
        finish(MinerOutcome.failed(null, null, "timeout", "deadline passed before the start", 0));
        return;
      }
      poller
          .poll(address)
          .onComplete(
              polled -> {
                if (polled.failed()) {
                  lastFailure = polled.cause();
                  retryOrFail(this::detect);
                  return;
                }
                lastSample = polled.result();
                MinerFirmware firmware = lastSample.firmware();
                control = controls.get(firmware);
                if (control == null || !control.supports(command.action())) {
                  finish(
                      MinerOutcome.skipped(
                          state(lastSample),
                          lastSample.powerLimitWatts(),
                          MinerOutcome.UNSUPPORTED,
                          firmware + " firmware cannot " + action));
                  return;
                }
                if (sending) {
                  send();
                } else {
                  lastAcknowledgedAt = clock.instant();
                  readBack();
                }
              });
    }

    void send() {
      attempts++;
      Future<Void> sending;
      try {
        sending = control.send(address, command);
      } catch (RuntimeException e) {
        sending = Future.failedFuture(e);
      }
      sending.onComplete(
          sent -> {
            if (sent.failed()) {
              lastFailure = sent.cause();
              if (FINAL_CODES.contains(code(lastFailure))) {
                failWithLastFailure();
              } else if (attempts >= options.maxAttempts()) {
                giveUp();
              } else if (acknowledged > 0) {
                // an earlier send was taken: keep reading back, resending when due
                retryOrFail(this::readBack);
              } else {
                retryOrFail(this::send);
              }
              return;
            }
            acknowledged++;
            lastFailure = null;
            lastAcknowledgedAt = clock.instant();
            backoff = options.initialBackoff();
            readBack();
          });
    }

    void readBack() {
      poller
          .poll(address)
          .onComplete(
              polled -> {
                if (polled.succeeded()) {
                  lastSample = polled.result();
                  if (shows(lastSample, command)) {
                    finish(
                        MinerOutcome.confirmed(
                            state(lastSample), lastSample.powerLimitWatts(), attempts));
                    return;
                  }
                } else {
                  lastFailure = polled.cause();
                }
                Instant now = clock.instant();
                if (!now.isBefore(deadline)) {
                  giveUp();
                } else if (sending
                    && attempts < options.maxAttempts()
                    && !now.isBefore(lastAcknowledgedAt.plus(options.resendAfter()))) {
                  send();
                } else {
                  later(options.readbackInterval(), this::readBack);
                }
              });
    }

    /** Waits the backoff and runs {@code step} again, or fails when the deadline is too near. */
    private void retryOrFail(Runnable step) {
      Duration pause = backoff;
      backoff = backoff.multipliedBy(2);
      if (backoff.compareTo(options.maxBackoff()) > 0) {
        backoff = options.maxBackoff();
      }
      if (clock.instant().plus(pause).isBefore(deadline)) {
        LOG.debug("{} {}: retrying in {} ms: {}", address, action, pause.toMillis(), detail());
        vertx.setTimer(pause.toMillis(), id -> step.run());
      } else {
        giveUp();
      }
    }

    /**
     * The end without confirmation: {@code not_applied} once the firmware took the action (or, read
     * back only, once a read-back answered), else the last failure.
     */
    private void giveUp() {
      if (acknowledged > 0 || (!sending && lastSample != null)) {
        notApplied();
      } else {
        failWithLastFailure();
      }
    }

    /** Waits {@code pause} (at most until the deadline) and runs {@code step}. */
    private void later(Duration pause, Runnable step) {
      long untilDeadline = Duration.between(clock.instant(), deadline).toMillis();
      vertx.setTimer(Math.max(1, Math.min(pause.toMillis(), untilDeadline)), id -> step.run());
    }

    private void notApplied() {
      StringBuilder detail =
          sending
              ? new StringBuilder("firmware acknowledged ")
                  .append(action)
                  .append(' ')
                  .append(acknowledged)
                  .append(acknowledged == 1 ? " time" : " times")
              : new StringBuilder(action).append(" not sent again (read back only)");
      detail.append("; read-back ");
      if (lastSample == null) {
        detail.append("never answered");
      } else {
        detail.append("still shows ").append(state(lastSample));
        if (command.action() == MinerAction.POWER_LIMIT) {
          detail.append(", power limit ").append(lastSample.powerLimitWatts()).append(" W");
        }
      }
      if (lastFailure != null) {
        detail.append("; last read-back failed: ").append(detail());
      }
      finish(
          MinerOutcome.failed(
              state(lastSample),
              lastSample == null ? null : lastSample.powerLimitWatts(),
              MinerOutcome.NOT_APPLIED,
              detail.toString(),
              attempts));
    }

    private void failWithLastFailure() {
      finish(
          MinerOutcome.failed(
              state(lastSample),
              lastSample == null ? null : lastSample.powerLimitWatts(),
              code(lastFailure),
              detail(),
              attempts));
    }

    private String detail() {
      if (lastFailure instanceof DeviceFailure f) {
        return f.detail();
      }
      String message = lastFailure.getMessage();
      return message == null ? lastFailure.getClass().getSimpleName() : message;
    }

    private void finish(MinerOutcome outcome) {
      LOG.debug("{} {}: {}", address, action, outcome);
      promise.tryComplete(outcome);
    }
  }

  private static String code(Throwable failure) {
    return failure instanceof DeviceFailure f ? f.code() : "internal_error";
  }

  private static String state(MinerSample sample) {
    return sample == null ? null : sample.state().name().toLowerCase(Locale.ROOT);
  }
}
