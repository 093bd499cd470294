package io.flarewatch.edge.metrics;

import io.flarewatch.edge.buffer.BufferExecutor;
import io.flarewatch.edge.buffer.BufferStats;
import io.flarewatch.edge.config.MetricsConfig;
import io.flarewatch.edge.polling.PollingStats;
import io.flarewatch.edge.uplink.UplinkStats;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.Locale;

/**
 * Serves {@code GET /metrics} in the Prometheus text format: buffer depth, oldest sample age,
 * drops, bytes sent, poll cycle figures.
 */
public final class MetricsVerticle extends VerticleBase {

  private final MetricsConfig config;
  private final String site;
  private final BufferExecutor buffer;
  private final PollingStats polling;
  private final UplinkStats uplink;
  private final Clock clock;
  private HttpServer server;

  public MetricsVerticle(
      MetricsConfig config,
      String site,
      BufferExecutor buffer,
      PollingStats polling,
      UplinkStats uplink,
      Clock clock) {
    this.config = config;
    this.site = site;
    this.buffer = buffer;
    this.polling = polling;
    this.uplink = uplink;
    this.clock = clock;
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
    if (!request.path().equals("/metrics")) {
      request.response().setStatusCode(404).end("Only /metrics is served here.\n");
      return;
    }
    buffer
        .stats()
        .onSuccess(
            stats ->
                request
                    .response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(render(stats)))
        .onFailure(
            e ->
                request.response().setStatusCode(503).end("buffer unavailable: " + e.getMessage()));
  }

  String render(BufferStats stats) {
    StringBuilder out = new StringBuilder(2048);
    double oldestAge =
        stats.oldestCollectedMillis() == 0
            ? 0
            : Math.max(0, clock.millis() - stats.oldestCollectedMillis()) / 1000.0;
    gauge(out, "flarewatch_edge_buffer_lines", "Lines waiting for central.", stats.lines());
    gauge(out, "flarewatch_edge_buffer_bytes", "Bytes of the lines waiting.", stats.bytes());
    gauge(
        out,
        "flarewatch_edge_buffer_oldest_age_seconds",
        "Age of the oldest waiting line.",
        oldestAge);
    gauge(
        out,
        "flarewatch_edge_buffer_limit_bytes",
        "Bytes of lines the buffer may hold now (maxBytes or the disk, less the reserve).",
        stats.limitBytes());
    counter(
        out,
        "flarewatch_edge_buffer_dropped_lines_total",
        "Lines dropped because the buffer was full.",
        stats.droppedLines());
    counter(
        out,
        "flarewatch_edge_buffer_corrupt_files_total",
        "Corrupt buffer files moved aside.",
        stats.corruptFilesSetAside());
    counter(
        out,
        "flarewatch_edge_uplink_bytes_sent_total",
        "Compressed bytes central acknowledged.",
        uplink.bytesSent());
    counter(
        out,
        "flarewatch_edge_uplink_lines_sent_total",
        "Lines central acknowledged.",
        uplink.linesSent());
    counter(
        out,
        "flarewatch_edge_uplink_field_values_sent_total",
        "Field values central acknowledged.",
        uplink.fieldValuesSent());
    counter(
        out,
        "flarewatch_edge_uplink_failures_total",
        "Failed sends to central.",
        uplink.failures());
    counter(
        out,
        "flarewatch_edge_uplink_lines_rejected_total",
        "Lines central refused, set aside.",
        uplink.linesRejected());
    counter(out, "flarewatch_edge_poll_cycles_total", "Poll cycles completed.", polling.cycles());
    counter(
        out,
        "flarewatch_edge_poll_cycles_skipped_total",
        "Cycles skipped: the previous still ran.",
        polling.skippedCycles());
    counter(
        out,
        "flarewatch_edge_poll_cycles_lost_total",
        "Cycles polled but not stored (e.g. disk full).",
        polling.cyclesLost());
    counter(
        out,
        "flarewatch_edge_device_poll_failures_total",
        "Device polls that failed.",
        polling.deviceFailures());
    gauge(
        out,
        "flarewatch_edge_miners_online",
        "Miners that answered the last cycle.",
        polling.lastMinersOnline());
    gauge(
        out,
        "flarewatch_edge_miners_total",
        "Miners polled in the last cycle.",
        polling.lastMinersTotal());
    out.append("# HELP flarewatch_edge_poll_cycle_seconds Duration of recent poll cycles.\n")
        .append("# TYPE flarewatch_edge_poll_cycle_seconds summary\n");
    for (double q : new double[] {0.5, 0.99}) {
      line(
          out,
          "flarewatch_edge_poll_cycle_seconds{quantile=\"" + q + "\",",
          polling.cycleMillisQuantile(q) / 1000.0);
    }
    return out.toString();
  }

  private void gauge(StringBuilder out, String name, String help, double value) {
    metric(out, name, help, "gauge", value);
  }

  private void counter(StringBuilder out, String name, String help, double value) {
    metric(out, name, help, "counter", value);
  }

  private void metric(StringBuilder out, String name, String help, String type, double value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    line(out, name + "{", value);
  }

  private void line(StringBuilder out, String nameAndOpenLabels, double value) {
    out.append(nameAndOpenLabels)
        .append("site=\"")
        .append(site)
        .append("\"} ")
        .append(
            value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3f", value))
        .append('\n');
  }
}
