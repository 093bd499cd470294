package io.flarewatch.edge.metrics;

import io.flarewatch.edge.buffer.BufferStats;
import io.flarewatch.edge.commands.CommandStats;
import io.flarewatch.edge.polling.PollingStats;
import io.flarewatch.edge.uplink.UplinkStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The edge's meters in a Micrometer registry that writes the Prometheus text format: buffer depth,
 * oldest sample age, drops, what the uplink sent, poll cycle figures, commands received and refused
 * (by reason). One set per edge, tagged with the site; nothing per miner, so the registry stays the
 * same size whatever the fleet.
 */
final class EdgeMeters {

  static final String PREFIX = "flarewatch.edge.";

  /** Cycle duration quantiles cover the cycles of about the last ten minutes. */
  static final Duration CYCLE_WINDOW = Duration.ofMinutes(10);

  private final PrometheusMeterRegistry registry;
  private final AtomicReference<BufferStats> buffer =
      new AtomicReference<>(new BufferStats(0, 0, 0, 0, 0, 0));
  private final Clock clock;

  EdgeMeters(
      String site, PollingStats polling, UplinkStats uplink, CommandStats commands, Clock clock) {
    this.clock = clock;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("site", site);
    bufferGauge("buffer.lines", "Lines waiting for central.", BufferStats::lines);
    bufferGauge("buffer.bytes", "Bytes of the lines waiting.", BufferStats::bytes);
    bufferGauge(
        "buffer.limit.bytes",
        "Bytes of lines the buffer may hold now (maxBytes or the disk, less the reserve).",
        BufferStats::limitBytes);
    bufferGauge(
        "buffer.oldest.age.seconds", "Age of the oldest waiting line.", this::oldestAgeSeconds);
    bufferCounter(
        "buffer.dropped.lines",
        "Lines dropped because the buffer was full.",
        BufferStats::droppedLines);
    bufferCounter(
        "buffer.corrupt.files",
        "Corrupt buffer files moved aside.",
        BufferStats::corruptFilesSetAside);
    counter(
        "uplink.bytes.sent",
        "Compressed bytes central acknowledged.",
        uplink,
        UplinkStats::bytesSent);
    counter("uplink.lines.sent", "Lines central acknowledged.", uplink, UplinkStats::linesSent);
    counter(
        "uplink.field.values.sent",
        "Field values central acknowledged.",
        uplink,
        UplinkStats::fieldValuesSent);
    counter("uplink.failures", "Failed sends to central.", uplink, UplinkStats::failures);
    counter(
        "uplink.lines.rejected",
        "Lines central refused, set aside.",
        uplink,
        UplinkStats::linesRejected);
    counter("poll.cycles", "Poll cycles completed.", polling, PollingStats::cycles);
    counter(
        "poll.cycles.skipped",
        "Cycles skipped: the previous still ran.",
        polling,
        PollingStats::skippedCycles);
    counter(
        "poll.cycles.lost",
        "Cycles polled but not stored (e.g. disk full).",
        polling,
        PollingStats::cyclesLost);
    counter(
        "device.poll.failures", "Device polls that failed.", polling, PollingStats::deviceFailures);
    Gauge.builder(PREFIX + "miners.online", polling, PollingStats::lastMinersOnline)
        .description("Miners that answered the last cycle.")
        .register(registry);
    // the Prometheus client reserves the suffix _total for counters
    Gauge.builder(PREFIX + "miners.polled", polling, PollingStats::lastMinersTotal)
        .description("Miners polled in the last cycle.")
        .register(registry);
    counter("commands.received", "Command frames central sent.", commands, CommandStats::received);
    counter("commands.accepted", "Commands verified and stored.", commands, CommandStats::accepted);
    counter(
        "commands.replayed",
        "Commands received again after they were stored: ignored.",
        commands,
        CommandStats::replayed);
    for (String reason : CommandStats.REFUSAL_REASONS) {
      FunctionCounter.builder(PREFIX + "commands.refused", commands, c -> c.refused(reason))
          .description("Commands refused, by reason.")
          .tag("reason", reason)
          .register(registry);
    }
    Gauge.builder(PREFIX + "commands.link.up", commands, c -> c.linkUp() ? 1 : 0)
        .description("1 while the command stream from central is open.")
        .register(registry);
    Timer cycle =
        Timer.builder(PREFIX + "poll.cycle")
            .description("Duration of recent poll cycles.")
            .publishPercentiles(0.5, 0.99)
            .percentilePrecision(2)
            .distributionStatisticExpiry(CYCLE_WINDOW)
            .distributionStatisticBufferLength(5)
            .register(registry);
    polling.observeCycles(millis -> cycle.record(millis, TimeUnit.MILLISECONDS));
  }

  /** The registry {@code GET /metrics} scrapes. */
  PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The buffer figures the next scrape shows. */
  void buffer(BufferStats stats) {
    buffer.set(stats);
  }

  private double oldestAgeSeconds(BufferStats stats) {
    return stats.oldestCollectedMillis() == 0
        ? 0
        : Math.max(0, clock.millis() - stats.oldestCollectedMillis()) / 1000.0;
  }

  private void bufferGauge(String name, String help, ToDoubleFunction<BufferStats> value) {
    Gauge.builder(PREFIX + name, buffer, latest -> value.applyAsDouble(latest.get()))
        .description(help)
        .register(registry);
  }

  private void bufferCounter(String name, String help, ToDoubleFunction<BufferStats> value) {
    counter(name, help, buffer, latest -> value.applyAsDouble(latest.get()));
  }

  private <T> void counter(String name, String help, T source, ToDoubleFunction<T> value) {
    FunctionCounter.builder(PREFIX + name, source, value).description(help).register(registry);
  }
}
