package io.flarewatch.edge.metrics;

import io.flarewatch.edge.buffer.BufferExecutor;
import io.flarewatch.edge.commands.CommandStats;
import io.flarewatch.edge.config.MetricsConfig;
import io.flarewatch.edge.polling.PollingStats;
import io.flarewatch.edge.uplink.UplinkStats;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.micrometer.PrometheusRequestHandler;
import java.time.Clock;

/**
 * Serves {@code GET /metrics} in the Prometheus text format (written by Micrometer): buffer depth,
 * oldest sample age, drops, bytes sent, poll cycle figures. Each scrape first reads the buffer's
 * figures on the buffer's own thread; when the buffer cannot answer, the scrape is a 503.
 */
public final class MetricsVerticle extends VerticleBase {

  static final String PATH = "/metrics";

  private final MetricsConfig config;
  private final BufferExecutor buffer;
  private final EdgeMeters meters;
  private final Handler<HttpServerRequest> scrape;
  private HttpServer server;

  public MetricsVerticle(
      MetricsConfig config,
      String site,
      BufferExecutor buffer,
      PollingStats polling,
      UplinkStats uplink,
      CommandStats commands,
      Clock clock) {
    this.config = config;
    this.buffer = buffer;
    this.meters = new EdgeMeters(site, polling, uplink, commands, clock);
    this.scrape = PrometheusRequestHandler.create(meters.registry(), PATH);
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer().requestHandler(this::handle);
    return server.listen(config.port(), config.host());
  }

  public int actualPort() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest request) {
    if (!request.path().equals(PATH)) {
      request.response().setStatusCode(404).end("Only /metrics is served here.\n");
      return;
    }
    buffer
        .stats()
        .onSuccess(
            stats -> {
              meters.buffer(stats);
              scrape.handle(request);
            })
        .onFailure(
            e ->
                request.response().setStatusCode(503).end("buffer unavailable: " + e.getMessage()));
  }
}
