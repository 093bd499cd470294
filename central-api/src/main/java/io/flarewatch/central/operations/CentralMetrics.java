package io.flarewatch.central.operations;

import io.flarewatch.central.influx.InfluxFailureCounts;
import io.flarewatch.central.influx.InfluxFailureCounts.Operation;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Central's own counters, written in the Prometheus text exposition format (0.0.4): requests by
 * route template and status class, request latency per route (p50/p99 over a recent window), ingest
 * batches and points, failed InfluxDB calls and lost audit entries. Counters only: no site data,
 * user or token ever appears, which is why {@code GET /metrics} is public.
 */
public final class CentralMetrics {

  static final String PREFIX = "flarewatch_central_";

  /** Latency quantiles cover the requests of the last five minutes ... */
  static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(5);

  /** ... and at most this many of each route's latest requests. */
  static final int WINDOW_REQUESTS = 1024;

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

  private final Map<String, long[]> requests = new TreeMap<>();
  private final Map<String, LatencyWindow> latencies = new TreeMap<>();
  private final long[] batches = new long[BatchOutcome.values().length];
  private final long[] points = new long[BatchOutcome.values().length];
  private final InfluxFailureCounts influxFailures;
  private final LongSupplier lostAuditEntries;
  private final LongSupplier nanoTime;

  public CentralMetrics(InfluxFailureCounts influxFailures, LongSupplier lostAuditEntries) {
    this(influxFailures, lostAuditEntries, System::nanoTime);
  }

  CentralMetrics(
      InfluxFailureCounts influxFailures, LongSupplier lostAuditEntries, LongSupplier nanoTime) {
    this.influxFailures = influxFailures;
    this.lostAuditEntries = lostAuditEntries;
    this.nanoTime = nanoTime;
  }

  /** A request answered {@code status} after {@code durationNanos}. */
  public synchronized void request(String method, String route, int status, long durationNanos) {
    String key = labels("method", METHODS.contains(method) ? method : "other", "route", route);
    int statusClass = Math.max(1, Math.min(5, status / 100));
    requests.computeIfAbsent(key, k -> new long[6])[statusClass]++;
    latencies
        .computeIfAbsent(key, k -> new LatencyWindow())
        .add(nanoTime.getAsLong(), durationNanos);
  }

  /**
   * An ingest batch answered {@code status}; {@code parsedPoints} is null when it did not parse.
   */
  public synchronized void ingestBatch(int status, Integer parsedPoints) {
    BatchOutcome outcome =
        status < 400
            ? BatchOutcome.ACCEPTED
            : status < 500 ? BatchOutcome.REJECTED : BatchOutcome.FAILED;
    batches[outcome.ordinal()]++;
    points[outcome.ordinal()] += parsedPoints == null ? 0 : parsedPoints;
  }

  /** Everything, in the Prometheus text format. */
  public synchronized String render() {
    StringBuilder out = new StringBuilder(4096);
    header(
        out,
        "http_requests_total",
        "counter",
        "HTTP requests answered, by method, route template and status class.");
    requests.forEach(
        (key, byClass) -> {
          for (int c = 1; c <= 5; c++) {
            if (byClass[c] > 0) {
              sample(out, "http_requests_total", key + ",status=\"" + c + "xx\"", byClass[c]);
            }
          }
        });
    header(
        out,
        "http_request_duration_seconds",
        "summary",
        "Request latency by method and route template; quantiles over the last 5 minutes (at most"
            + " the latest "
            + WINDOW_REQUESTS
            + " requests of each), sum and count since start.");
    long now = nanoTime.getAsLong();
    latencies.forEach((key, window) -> window.render(out, key, now));
    header(
        out,
        "ingest_batches_total",
        "counter",
        "Ingest batches by outcome: accepted (stored), rejected (4xx), failed (5xx, retried by the edge).");
    for (BatchOutcome outcome : BatchOutcome.values()) {
      sample(
          out, "ingest_batches_total", labels("outcome", id(outcome)), batches[outcome.ordinal()]);
    }
    header(
        out,
        "ingest_points_total",
        "counter",
        "Points of ingest batches by outcome; a batch that did not parse adds none.");
    for (BatchOutcome outcome : BatchOutcome.values()) {
      sample(out, "ingest_points_total", labels("outcome", id(outcome)), points[outcome.ordinal()]);
    }
    header(
        out,
        "influx_failures_total",
        "counter",
        "Failed InfluxDB calls by operation and reason: unavailable (unreachable, 5xx) or rejected (refused by InfluxDB).");
    for (Operation operation : Operation.values()) {
      for (boolean rejected : new boolean[] {false, true}) {
        sample(
            out,
            "influx_failures_total",
            labels("operation", id(operation), "reason", rejected ? "rejected" : "unavailable"),
            influxFailures.count(operation, rejected));
      }
    }
    header(
        out,
        "audit_entries_lost_total",
        "counter",
        "Audit entries of answered requests that could not be stored.");
    sample(out, "audit_entries_lost_total", "", lostAuditEntries.getAsLong());
    return out.toString();
  }

  private static void header(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(PREFIX).append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(PREFIX).append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder out, String name, String labels, Object value) {
    out.append(PREFIX).append(name);
    if (!labels.isEmpty()) {
      out.append('{').append(labels).append('}');
    }
    out.append(' ').append(value).append('\n');
  }

  /** {@code name="value",...} with values escaped as the text format wants. */
  static String labels(String... namesAndValues) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (i > 0) {
        out.append(',');
      }
      out.append(namesAndValues[i]).append("=\"");
      String value = namesAndValues[i + 1];
      for (int c = 0; c < value.length(); c++) {
        char ch = value.charAt(c);
        switch (ch) {
          case '\\' -> out.append("\\\\");
          case '"' -> out.append("\\\"");
          case '\n' -> out.append("\\n");
          default -> out.append(ch);
        }
      }
      out.append('"');
    }
    return out.toString();
  }

  private static String id(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** One route's latest request durations, a ring of {@link #WINDOW_REQUESTS}. */
  private static final class LatencyWindow {
    private final long[] at = new long[WINDOW_REQUESTS];
    private final long[] nanos = new long[WINDOW_REQUESTS];
    private int next;
    private int size;
    private long count;
    private long sumNanos;

    void add(long now, long durationNanos) {
      at[next] = now;
      nanos[next] = durationNanos;
      next = (next + 1) % WINDOW_REQUESTS;
      size = Math.min(size + 1, WINDOW_REQUESTS);
      count++;
      sumNanos += durationNanos;
    }

    void render(StringBuilder out, String key, long now) {
      long[] recent = new long[size];
      int n = 0;
      for (int i = 0; i < size; i++) {
        if (now - at[i] <= WINDOW_NANOS) {
          recent[n++] = nanos[i];
        }
      }
      long[] sorted = Arrays.copyOf(recent, n);
      Arrays.sort(sorted);
      for (double q : new double[] {0.5, 0.99}) {
        sample(
            out,
            "http_request_duration_seconds",
            key + ",quantile=\"" + q + "\"",
            seconds(quantile(sorted, q)));
      }
      sample(out, "http_request_duration_seconds_sum", key, seconds(sumNanos));
      sample(out, "http_request_duration_seconds_count", key, count);
    }

    /** Nearest rank; NaN for no requests in the window. */
    private static double quantile(long[] sorted, double q) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(q * sorted.length);
      return sorted[Math.max(0, rank - 1)];
    }

    private static String seconds(double nanos) {
      return Double.isNaN(nanos) ? "NaN" : Double.toString(nanos / 1e9);
    }
  }
}
