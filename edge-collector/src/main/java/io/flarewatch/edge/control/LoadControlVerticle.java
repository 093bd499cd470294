package io.flarewatch.edge.control;

import io.flarewatch.drivers.miner.control.MinerCommand;
import io.flarewatch.drivers.miner.control.MinerOutcome;
import io.flarewatch.edge.buffer.BufferExecutor;
import io.flarewatch.edge.commands.MinerActions;
import io.flarewatch.wire.LineProtocol;
import io.flarewatch.wire.Point;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site's gas-following loop at the edge: after each poll cycle is stored, the {@link
 * LoadController} decides on its readings, the changes go to the miners through the same {@link
 * MinerActions} as central's commands (sent, then confirmed by read-back), and the decision is
 * stored in the buffer as a {@code control_decision} point, so it reaches central like any sample,
 * after an uplink outage too. Miners an operator's command holds ({@link MinerOverrides}) are left
 * alone until it expires.
 */
public final class LoadControlVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(LoadControlVerticle.class);

  /** How long one change may take, read-back included. */
  static final Duration CHANGE_WITHIN = Duration.ofSeconds(60);

  private final String site;
  private final LoadController controller;
  private final SiteReadings readings;
  private final MinerActions actions;
  private final MinerOverrides overrides;
  private final BufferExecutor buffer;
  private final Consumer<Point> decisionStored;
  private final Clock clock;
  private volatile Context home;
  private String lastReason;

  /**
   * @param decisionStored called with the decision's point after it was stored (wakes the uplink,
   *     shows it in the site-local app)
   */
  public LoadControlVerticle(
      String site,
      LoadController controller,
      SiteReadings readings,
      MinerActions actions,
      MinerOverrides overrides,
      BufferExecutor buffer,
      Consumer<Point> decisionStored,
      Clock clock) {
    this.site = site;
    this.controller = controller;
    this.readings = readings;
    this.actions = actions;
    this.overrides = overrides;
    this.buffer = buffer;
    this.decisionStored = decisionStored;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    home = context;
    LOG.info("load loop on: following the gas, shedding first, adding within the ramp");
    return Future.succeededFuture();
  }

  /** A poll cycle is stored: decide on its points (from any thread; runs on this verticle). */
  public void cycleStored(long cycleMillis, List<Point> points) {
    Context context = home;
    if (context != null) {
      context.runOnContext(v -> decide(cycleMillis, points));
    }
  }

  private void decide(long cycleMillis, List<Point> points) {
    ControlDecision decision;
    try {
      decision =
          controller.decide(readings.read(cycleMillis, points, overrides.active(clock.instant())));
    } catch (RuntimeException e) {
      LOG.error("load loop: cannot decide on cycle {}", cycleMillis, e);
      return;
    }
    if (!decision.changes().isEmpty() || !decision.reason().equals(lastReason)) {
      LOG.info(
          "load loop: {} (target {} kW, load {} kW): {}",
          decision.reason(),
          Math.round(decision.targetKw()),
          Math.round(decision.loadKw()),
          decision.changes());
    }
    lastReason = decision.reason();
    for (MinerChange change : decision.changes()) {
      actions
          .execute(change.minerId(), command(change), clock.instant().plus(CHANGE_WITHIN))
          .onComplete(
              done -> {
                if (done.failed()) {
                  LOG.warn("load loop: {} failed: {}", change, done.cause().toString());
                } else if (done.result().result() != MinerOutcome.Result.CONFIRMED) {
                  LOG.warn(
                      "load loop: {} not confirmed: {} {}",
                      change,
                      done.result().error(),
                      done.result().errorDetail());
                }
              });
    }
    Point point = ControlDecisionPoints.of(site, decision);
    buffer
        .append(List.of(LineProtocol.encode(point)))
        .onSuccess(dropped -> decisionStored.accept(point))
        .onFailure(e -> LOG.error("load loop: cannot store the decision: {}", e.toString()));
  }

  private static MinerCommand command(MinerChange change) {
    return switch (change.action()) {
      case SLEEP -> MinerCommand.sleep();
      case WAKE -> MinerCommand.wake();
      case POWER_LIMIT -> MinerCommand.powerLimit((int) Math.round(change.watts()));
    };
  }
}
