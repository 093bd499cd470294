package io.flarewatch.central.operations;

import io.flarewatch.central.influx.InfluxFailureCounts;
import io.flarewatch.central.influx.InfluxFailureCounts.Operation;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Central's own meters, in a Micrometer registry that writes the Prometheus text format: requests
 * by route template and status class, request latency per route (p50/p99 over a recent window),
 * ingest batches and points, failed InfluxDB calls and lost audit entries. Counters and latencies
 * only: no site data, user or token ever appears, which is why {@code GET /metrics} is public.
 */
public final class CentralMetrics {

  static final String PREFIX = "flarewatch.central.";

  /** Latency quantiles cover the requests of the last five minutes. */
  static final Duration WINDOW = Duration.ofMinutes(5);

  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");

  /** What an ingest batch came to. */
  enum BatchOutcome {
    /** Stored (2xx). */
    ACCEPTED,
    /** Refused as a request (4xx): bad line protocol, token, site, size or type. */
    REJECTED,
    /** Not stored because of central or InfluxDB (5xx); the edge retries. */
    FAILED
  }

  private final PrometheusMeterRegistry registry;
  private final Map<BatchOutcome, Counter> batches = new EnumMap<>(BatchOutcome.class);
  private final Map<BatchOutcome, Counter> points = new EnumMap<>(BatchOutcome.class);
  // Micrometer holds what a function counter reads weakly: these keep them alive
  private final InfluxFailureCounts influxFailures;
  private final LongSupplier lostAuditEntries;

  public CentralMetrics(InfluxFailureCounts influxFailures, LongSupplier lostAuditEntries) {
    this(influxFailures, lostAuditEntries, Clock.SYSTEM);
  }

  CentralMetrics(InfluxFailureCounts influxFailures, LongSupplier lostAuditEntries, Clock clock) {
    this.influxFailures = influxFailures;
    this.lostAuditEntries = lostAuditEntries;
    this.registry =
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
    for (BatchOutcome outcome : BatchOutcome.values()) {
      batches.put(
          outcome,
          Counter.builder(PREFIX + "ingest.batches")
              .description(
                  "Ingest batches by outcome: accepted (stored), rejected (4xx), failed (5xx,"
                      + " retried by the edge).")
              .tag("outcome", id(outcome))
              .register(registry));
      points.put(
          outcome,
          Counter.builder(PREFIX + "ingest.points")
              .description(
                  "Points of ingest batches by outcome; a batch that did not parse adds none.")
              .tag("outcome", id(outcome))
              .register(registry));
    }
    for (Operation operation : Operation.values()) {
      for (boolean rejected : new boolean[] {false, true}) {
        FunctionCounter.builder(
                PREFIX + "influx.failures",
                influxFailures,
                counts -> counts.count(operation, rejected))
            .description(
                "Failed InfluxDB calls by operation and reason: unavailable (unreachable, 5xx) or"
                    + " rejected (refused by InfluxDB).")
            .tag("operation", id(operation))
            .tag("reason", rejected ? "rejected" : "unavailable")
            .register(registry);
      }
    }
    FunctionCounter.builder(
            PREFIX + "audit.entries.lost", lostAuditEntries, LongSupplier::getAsLong)
        .description("Audit entries of answered requests that could not be stored.")
        .register(registry);
  }

  /** A request answered {@code status} after {@code durationNanos}. */
  public void request(String method, String route, int status, long durationNanos) {
    String methodLabel = METHODS.contains(method) ? method : "other";
    int statusClass = Math.max(1, Math.min(5, status / 100));
    Counter.builder(PREFIX + "http.requests")
        .description("HTTP requests answered, by method, route template and status class.")
        .tags("method", methodLabel, "route", route, "status", statusClass + "xx")
        .register(registry)
        .increment();
    Timer.builder(PREFIX + "http.request.duration")
        .description(
            "Request latency by method and route template; quantiles over the last 5 minutes, sum"
                + " and count since start.")
        .tags("method", methodLabel, "route", route)
        .publishPercentiles(0.5, 0.99)
        .percentilePrecision(2)
        .distributionStatisticExpiry(WINDOW)
        .register(registry)
        .record(durationNanos, TimeUnit.NANOSECONDS);
  }

  /**
   * An ingest batch answered {@code status}; {@code parsedPoints} is null when it did not parse.
   */
  public void ingestBatch(int status, Integer parsedPoints) {
    BatchOutcome outcome =
        status < 400
            ? BatchOutcome.ACCEPTED
            : status < 500 ? BatchOutcome.REJECTED : BatchOutcome.FAILED;
    batches.get(outcome).increment();
    points.get(outcome).increment(parsedPoints == null ? 0 : parsedPoints);
  }

  /** The registry {@code GET /metrics} scrapes. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Everything, in the Prometheus text format. */
  public String render() {
    return registry.scrape();
  }

  private static String id(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
