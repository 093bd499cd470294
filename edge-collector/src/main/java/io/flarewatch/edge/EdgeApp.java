package io.flarewatch.edge;

import io.flarewatch.drivers.miner.MinerApiClient;
import io.flarewatch.drivers.miner.MinerApiClientOptions;
import io.flarewatch.drivers.miner.MinerPoller;
import io.flarewatch.drivers.miner.control.FirmwareControls;
import io.flarewatch.drivers.miner.control.MinerCommander;
import io.flarewatch.drivers.miner.control.MinerCredentials;
import io.flarewatch.edge.buffer.BufferExecutor;
import io.flarewatch.edge.buffer.SqliteSampleBuffer;
import io.flarewatch.edge.commands.CommandStats;
import io.flarewatch.edge.commands.CommandVerticles;
import io.flarewatch.edge.commands.LocalCommands;
import io.flarewatch.edge.commands.MinerActions;
import io.flarewatch.edge.commands.SiteMinerActions;
import io.flarewatch.edge.config.BufferConfig;
import io.flarewatch.edge.config.EdgeConfig;
import io.flarewatch.edge.config.LocalAppConfig;
import io.flarewatch.edge.config.MinerConfig;
import io.flarewatch.edge.config.ModbusConfig;
import io.flarewatch.edge.control.LoadControlVerticle;
import io.flarewatch.edge.control.LoadController;
import io.flarewatch.edge.control.MinerOverrides;
import io.flarewatch.edge.control.SiteReadings;
import io.flarewatch.edge.emissions.EmissionsPoints;
import io.flarewatch.edge.localapp.LocalAppVerticle;
import io.flarewatch.edge.localapp.LocalAuth;
import io.flarewatch.edge.localapp.LocalCommandRoutes;
import io.flarewatch.edge.localapp.LocalData;
import io.flarewatch.edge.localapp.SiteAuditLog;
import io.flarewatch.edge.metrics.MetricsVerticle;
import io.flarewatch.edge.polling.DeviceReading;
import io.flarewatch.edge.polling.PollingStats;
import io.flarewatch.edge.polling.PollingVerticle;
import io.flarewatch.edge.uplink.UplinkStats;
import io.flarewatch.edge.uplink.UplinkVerticle;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.command.RampPlanner;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One site's edge on a Vert.x instance: the buffer, the poller that fills it, the uplink that
 * drains it to central and, when configured, the executor of central's commands and its link. A
 * start that fails part-way undoes what it did (verticles undeployed, buffer closed) and fails with
 * one message naming the part that could not start.
 */
public final class EdgeApp {

  private static final Logger LOG = LoggerFactory.getLogger(EdgeApp.class);

  private final Vertx vertx;
  private final EdgeConfig config;
  private final BufferExecutor buffer;
  private final PollingStats pollingStats = new PollingStats();
  private final UplinkStats uplinkStats = new UplinkStats();
  private final CommandStats commandStats = new CommandStats();
  private final MinerOverrides overrides = new MinerOverrides();
  private MinerActions minerActions;
  private final Deque<String> deployed = new ArrayDeque<>();
  private String pollingId;
  private MetricsVerticle metrics;
  private volatile LocalData localData;
  private LocalAppVerticle localApp;

  private EdgeApp(Vertx vertx, EdgeConfig config, BufferExecutor buffer) {
    this.vertx = vertx;
    this.config = config;
    this.buffer = buffer;
  }

  /**
   * Opens the buffer (on its worker thread) and deploys the uplink, the poller and, when
   * configured, the metrics server.
   *
   * @return the running edge; or a failure whose message says what could not start, after
   *     everything already started was stopped again
   */
  public static Future<EdgeApp> start(Vertx vertx, EdgeConfig config) {
    BufferConfig settings = config.buffer();
    return BufferExecutor.open(
            vertx,
            () ->
                SqliteSampleBuffer.open(
                    settings.path(),
                    settings.maxBytes(),
                    settings.reserveBytes(),
                    Clock.systemUTC()))
        .recover(e -> failure("cannot open the sample buffer " + settings.path(), e))
        .compose(
            buffer -> {
              EdgeApp app = new EdgeApp(vertx, config, buffer);
              return app.deploy()
                  .recover(e -> app.stop().transform(stopped -> Future.failedFuture(e)));
            });
  }

  private Future<EdgeApp> deploy() {
    MinerApiClient minerClient =
        new MinerApiClient(
            vertx,
            new MinerApiClientOptions(
                Duration.ofMillis(config.polling().deviceTimeoutMillis()),
                MinerApiClientOptions.defaults().maxReplyBytes()));
    MinerPoller minerPoller = new MinerPoller(minerClient);
    UplinkVerticle uplink =
        new UplinkVerticle(
            config.site(),
            config.central(),
            config.uplink(),
            buffer,
            uplinkStats,
            Clock.systemUTC());
    PollingVerticle.CycleListener emissions =
        config
            .emissionsParameters()
            .<PollingVerticle.CycleListener>map(
                p -> new EmissionsPoints(config.site(), p, config.polling().intervalMillis()))
            .orElse(PollingVerticle.CycleListener.NONE);
    LoadControlVerticle loop =
        config.loadControl().enabled() ? loadLoop(minerClient, minerPoller) : null;
    PollingVerticle polling =
        new PollingVerticle(
            config,
            buffer,
            minerPoller,
            pollingStats,
            loop == null ? emissions : withLoop(emissions, loop),
            Clock.systemUTC());
    return openLocalData()
        .compose(v -> deploy(uplink, "cannot start the uplink to " + config.central().url()))
        .compose(
            id ->
                loop == null
                    ? Future.succeededFuture(id)
                    : deploy(loop, "cannot start the load loop"))
        .compose(
            id -> {
              if (localData != null) {
                polling.onStored(localData::stored);
              }
              return deploy(polling, "cannot start polling");
            })
        .compose(
            id -> {
              pollingId = id;
              return deployCommands(minerClient, minerPoller);
            })
        .compose(this::deployLocalApp)
        .compose(
            commands -> {
              if (config.metrics() == null) {
                return Future.succeededFuture(this);
              }
              MetricsVerticle served =
                  new MetricsVerticle(
                      config.metrics(),
                      config.site(),
                      buffer,
                      pollingStats,
                      uplinkStats,
                      commandStats,
                      Clock.systemUTC());
              return deploy(
                      served,
                      "cannot serve metrics on "
                          + config.metrics().host()
                          + ":"
                          + config.metrics().port())
                  .map(
                      metricsId -> {
                        metrics = served;
                        return this;
                      });
            });
  }

  /**
   * The command executor and the link to central's command stream, when the config has a {@code
   * commands} section. Miners are acted on through their firmware's control ({@link MinerCommander}
   * with the config's credentials), found by their id in the config.
   */
  private Future<LocalCommands> deployCommands(
      MinerApiClient minerClient, MinerPoller minerPoller) {
    if (config.commands() == null) {
      return Future.succeededFuture();
    }
    MinerActions actions = minerActions(minerClient, minerPoller);
    // reads central's public key file: off the event loop
    return vertx
        .executeBlocking(
            () ->
                CommandVerticles.assemble(
                    vertx, config, buffer, actions, commandStats, Clock.systemUTC(), overrides))
        .compose(
            assembled -> {
              Future<String> chain = Future.succeededFuture();
              for (Deployable verticle : assembled.verticles()) {
                chain = chain.compose(id -> deploy(verticle, "cannot start remote commands"));
              }
              return chain.map(id -> assembled.local());
            });
  }

  /** The site-local data (latest cycle, rollups file), when the config has {@code localApp}. */
  private Future<Void> openLocalData() {
    LocalAppConfig local = config.localApp();
    if (local == null) {
      return Future.succeededFuture();
    }
    Path file = local.rollupFile(config.buffer().path());
    return LocalData.open(vertx, config.site(), file, local, Clock.systemUTC())
        .recover(e -> failure("cannot open the site-local rollups " + file, e))
        .map(
            opened -> {
              localData = opened;
              return null;
            });
  }

  /** The site-local app, when the config has {@code localApp}. */
  private Future<Void> deployLocalApp(LocalCommands commands) {
    LocalAppConfig local = config.localApp();
    if (local == null) {
      return Future.succeededFuture();
    }
    Clock clock = Clock.systemUTC();
    RampPlanner planner =
        local.maxLoadStepKw() == null
            ? null
            : new RampPlanner(
                local.maxLoadStepKw() * 1000, Duration.ofSeconds(local.rampStepSeconds()));
    Set<String> miners =
        config.allMiners().stream().map(MinerConfig::id).collect(Collectors.toSet());
    // reads central's public key file: off the event loop
    return vertx
        .executeBlocking(
            () ->
                new LocalAuth(
                    config.site(),
                    local,
                    config.commands() == null ? null : config.commands().centralPublicKey(),
                    config.commands() == null
                        ? Duration.ofSeconds(60)
                        : config.commands().clockSkew(),
                    clock))
        .compose(
            auth -> {
              SiteAuditLog audit =
                  new SiteAuditLog(
                      config.site(),
                      lines ->
                          buffer
                              .append(lines)
                              .onSuccess(
                                  dropped ->
                                      vertx
                                          .eventBus()
                                          .send(UplinkVerticle.SAMPLES_APPENDED, lines.size())),
                      clock);
              LocalAppVerticle app =
                  new LocalAppVerticle(
                      local,
                      config.site(),
                      3L * config.polling().intervalMillis(),
                      localData,
                      auth,
                      new LocalCommandRoutes(
                          config.site(),
                          commands,
                          localData.latest(),
                          miners,
                          planner,
                          audit,
                          clock),
                      audit,
                      clock);
              return deploy(
                      app,
                      "cannot serve the site-local app on " + local.host() + ":" + local.port())
                  .map(
                      id -> {
                        localApp = app;
                        return null;
                      });
            });
  }

  /**
   * How the command executor and the load loop act on miners: their firmware's control ({@link
   * MinerCommander}) with the credentials of the {@code commands} section, or the factory ones.
   */
  private MinerActions minerActions(MinerApiClient minerClient, MinerPoller minerPoller) {
    if (minerActions == null) {
      MinerCredentials credentials =
          config.commands() == null
              ? MinerCredentials.factoryDefaults()
              : config.commands().credentials().toMinerCredentials();
      MinerCommander commander =
          new MinerCommander(
              vertx, minerPoller, FirmwareControls.standard(vertx, minerClient, credentials));
      minerActions =
          new SiteMinerActions(
              vertx, config.allMiners(), commander::execute, minerPoller, Clock.systemUTC());
    }
    return minerActions;
  }

  /** The load loop, acting through the same miner actions as commands and leaving theirs alone. */
  private LoadControlVerticle loadLoop(MinerApiClient minerClient, MinerPoller minerPoller) {
    int gasMeters =
        (int) config.modbus().stream().filter(d -> d.role() != ModbusConfig.Role.GENERATOR).count();
    return new LoadControlVerticle(
        config.site(),
        new LoadController(config.loadControl()),
        new SiteReadings(
            config.loadControl(),
            gasMeters,
            config.allMiners().stream().map(MinerConfig::id).toList()),
        minerActions(minerClient, minerPoller),
        overrides,
        buffer,
        point -> {
          vertx.eventBus().send(UplinkVerticle.SAMPLES_APPENDED, 1);
          LocalData local = localData;
          if (local != null) {
            local.latest().decided(point);
          }
        },
        Clock.systemUTC());
  }

  /** The emissions listener, and the loop told of every stored cycle. */
  private static PollingVerticle.CycleListener withLoop(
      PollingVerticle.CycleListener emissions, LoadControlVerticle loop) {
    return new PollingVerticle.CycleListener() {
      @Override
      public List<Point> derive(long cycleMillis, List<DeviceReading> readings) {
        return emissions.derive(cycleMillis, readings);
      }

      @Override
      public void stored(long cycleMillis, List<Point> points) {
        loop.cycleStored(cycleMillis, points);
      }
    };
  }

  private Future<String> deploy(Deployable verticle, String whatFailed) {
    return vertx
        .deployVerticle(verticle)
        .onSuccess(deployed::push)
        .recover(e -> failure(whatFailed, e));
  }

  private static <T> Future<T> failure(String whatFailed, Throwable cause) {
    String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    return Future.failedFuture(new IllegalStateException(whatFailed + ": " + reason, cause));
  }

  public PollingStats pollingStats() {
    return pollingStats;
  }

  public CommandStats commandStats() {
    return commandStats;
  }

  public UplinkStats uplinkStats() {
    return uplinkStats;
  }

  public BufferExecutor buffer() {
    return buffer;
  }

  /** The port metrics are served on, or empty when they are not served. */
  public OptionalInt metricsPort() {
    return metrics == null ? OptionalInt.empty() : OptionalInt.of(metrics.actualPort());
  }

  /** The port the site-local app is served on, or empty when it is not served. */
  public OptionalInt localAppPort() {
    return localApp == null ? OptionalInt.empty() : OptionalInt.of(localApp.actualPort());
  }

  public EdgeConfig config() {
    return config;
  }

  /** Stops collecting; the uplink goes on draining the buffer. */
  public Future<Void> stopPolling() {
    String id = pollingId;
    pollingId = null;
    if (id == null) {
      return Future.succeededFuture();
    }
    deployed.remove(id);
    return vertx.undeploy(id);
  }

  /**
   * Undeploys every verticle this edge deployed, newest first (polling before the uplink), then
   * closes the buffer, even when an undeploy fails.
   */
  public Future<Void> stop() {
    pollingId = null;
    Future<Void> undeployed = Future.succeededFuture();
    while (!deployed.isEmpty()) {
      String id = deployed.pop();
      undeployed =
          undeployed.eventually(
              () ->
                  vertx
                      .undeploy(id)
                      .onFailure(e -> LOG.warn("cannot undeploy {}: {}", id, e.toString())));
    }
    LocalData local = localData;
    localData = null;
    Future<Void> closedLocal =
        local == null
            ? undeployed
            : undeployed.eventually(
                () ->
                    local
                        .close()
                        .onFailure(e -> LOG.warn("cannot close the rollups: {}", e.toString())));
    return closedLocal.eventually(buffer::close);
  }
}
