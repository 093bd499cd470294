package io.flarewatch.edge.commands;

import io.flarewatch.edge.buffer.BufferExecutor;
import io.flarewatch.edge.config.CommandsConfig;
import io.flarewatch.edge.config.EdgeConfig;
import io.flarewatch.edge.config.MinerConfig;
import io.flarewatch.edge.control.MinerOverrides;
import io.flarewatch.edge.uplink.Backoff;
import io.flarewatch.edge.uplink.UplinkVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The edge's side of remote commands, assembled: the executor (which resumes what a previous run
 * left unfinished) and the link to central that feeds it. Deploy them in the order given.
 */
public final class CommandVerticles {

  private final List<Deployable> verticles;
  private final LocalCommands local;

  private CommandVerticles(List<Deployable> verticles, LocalCommands local) {
    this.verticles = verticles;
    this.local = local;
  }

  /** The executor, then the link: deploy them in this order. */
  public List<Deployable> verticles() {
    return verticles;
  }

  /** Commands given at the site itself, run by the same executor. */
  public LocalCommands local() {
    return local;
  }

  /** As below, with holds that nothing reads (no load loop). */
  public static List<Deployable> create(
      Vertx vertx,
      EdgeConfig config,
      BufferExecutor buffer,
      MinerActions actions,
      CommandStats stats,
      Clock clock) {
    return assemble(vertx, config, buffer, actions, stats, clock, new MinerOverrides()).verticles();
  }

  /**
   * @param config an edge config with a {@code commands} section
   * @param actions how miners are acted on
   * @param overrides where the executor holds each command's miners until it expires, so the load
   *     loop leaves them alone
   * @return the verticles (executor, then link) and the entry for site-local commands
   */
  public static CommandVerticles assemble(
      Vertx vertx,
      EdgeConfig config,
      BufferExecutor buffer,
      MinerActions actions,
      CommandStats stats,
      Clock clock,
      MinerOverrides overrides) {
    CommandsConfig commands = Objects.requireNonNull(config.commands(), "commands");
    CommandPoints points = new CommandPoints(config.site(), clock);
    Runnable wakeUplink = () -> vertx.eventBus().send(UplinkVerticle.SAMPLES_APPENDED, 1);
    CommandStore store = new CommandStore(buffer, points, clock, wakeUplink);
    CommandExecutorVerticle executor =
        new CommandExecutorVerticle(
            store,
            new CommandProgress(buffer, points, wakeUplink),
            actions,
            config.allMiners().stream().map(MinerConfig::id).collect(Collectors.toSet()),
            commands.maxConcurrent(),
            commands.clockSkew(),
            clock,
            overrides);
    CommandIntake intake =
        new CommandIntake(
            new CommandVerifier(config.site(), commands.centralPublicKey(), commands.clockSkew()),
            store,
            executor,
            stats,
            clock);
    CommandLinkVerticle link =
        new CommandLinkVerticle(
            config.site(),
            config.central(),
            commands.deadLinkAfter(),
            new Backoff(
                config.uplink().minBackoffMillis(),
                config.uplink().maxBackoffMillis(),
                RandomGenerator.getDefault()),
            intake::receive,
            stats);
    return new CommandVerticles(
        List.of(executor, link), new LocalCommands(config.site(), store, executor));
  }
}
