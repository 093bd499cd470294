package io.flarewatch.edge;

import io.flarewatch.drivers.miner.MinerApiClient;
import io.flarewatch.drivers.miner.MinerApiClientOptions;
import io.flarewatch.drivers.miner.MinerPoller;
import io.flarewatch.edge.buffer.BufferExecutor;
import io.flarewatch.edge.buffer.SampleBuffer;
import io.flarewatch.edge.buffer.SqliteSampleBuffer;
import io.flarewatch.edge.config.EdgeConfig;
import io.flarewatch.edge.emissions.EmissionsPoints;
import io.flarewatch.edge.metrics.MetricsVerticle;
import io.flarewatch.edge.polling.PollingStats;
import io.flarewatch.edge.polling.PollingVerticle;
import io.flarewatch.edge.uplink.UplinkStats;
import io.flarewatch.edge.uplink.UplinkVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;

/**
 * One site's edge on a Vert.x instance: the buffer, the poller that fills it and the uplink that
 * drains it to central.
 */
public final class EdgeApp {

  private final Vertx vertx;
  private final EdgeConfig config;
  private final SampleBuffer buffer;
  private final BufferExecutor bufferExecutor;
  private final PollingStats pollingStats = new PollingStats();
  private final UplinkStats uplinkStats = new UplinkStats();
  private String pollingId;
  private String uplinkId;
  private MetricsVerticle metrics;

  private EdgeApp(Vertx vertx, EdgeConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.buffer =
        SqliteSampleBuffer.open(
            config.buffer().path(), config.buffer().maxBytes(), Clock.systemUTC());
    this.bufferExecutor = new BufferExecutor(vertx, buffer);
  }

  public static Future<EdgeApp> start(Vertx vertx, EdgeConfig config) {
    EdgeApp app;
    try {
      app = new EdgeApp(vertx, config);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    MinerPoller minerPoller =
        new MinerPoller(
            new MinerApiClient(
                vertx,
                new MinerApiClientOptions(
                    Duration.ofMillis(config.polling().deviceTimeoutMillis()),
                    MinerApiClientOptions.defaults().maxReplyBytes())));
    return vertx
        .deployVerticle(
            new UplinkVerticle(
                config.site(),
                config.central(),
                config.uplink(),
                app.bufferExecutor,
                app.uplinkStats,
                Clock.systemUTC()))
        .compose(
            id -> {
              app.uplinkId = id;
              return vertx.deployVerticle(
                  new PollingVerticle(
                      config,
                      app.bufferExecutor,
                      minerPoller,
                      app.pollingStats,
                      config
                          .emissionsParameters()
                          .<PollingVerticle.CycleListener>map(
                              p ->
                                  new EmissionsPoints(
                                      config.site(), p, config.polling().intervalMillis()))
                          .orElse(PollingVerticle.CycleListener.NONE),
                      Clock.systemUTC()));
            })
        .compose(
            id -> {
              app.pollingId = id;
              if (config.metrics() == null) {
                return Future.succeededFuture(app);
              }
              app.metrics =
                  new MetricsVerticle(
                      config.metrics(),
                      config.site(),
                      app.bufferExecutor,
                      app.pollingStats,
                      app.uplinkStats,
                      Clock.systemUTC());
              return vertx.deployVerticle(app.metrics).map(metricsId -> app);
            });
  }

  public PollingStats pollingStats() {
    return pollingStats;
  }

  public UplinkStats uplinkStats() {
    return uplinkStats;
  }

  public BufferExecutor buffer() {
    return bufferExecutor;
  }

  /** The port metrics are served on, or empty when they are not served. */
  public java.util.OptionalInt metricsPort() {
    return metrics == null
        ? java.util.OptionalInt.empty()
        : java.util.OptionalInt.of(metrics.actualPort());
  }

  public EdgeConfig config() {
    return config;
  }

  /** Stops collecting; the uplink goes on draining the buffer. */
  public Future<Void> stopPolling() {
    String id = pollingId;
    pollingId = null;
    return id == null ? Future.succeededFuture() : vertx.undeploy(id);
  }

  /** Stops polling first, then the uplink, then closes the buffer. */
  public Future<Void> stop() {
    return stopPolling()
        .compose(v -> uplinkId == null ? Future.succeededFuture() : vertx.undeploy(uplinkId))
        .eventually(
            () ->
                bufferExecutor.run(
                    () -> {
                      buffer.close();
                      return null;
                    }))
        .eventually(
            () -> {
              bufferExecutor.close();
              return Future.succeededFuture();
            });
  }
}
