package io.flarewatch.central.influx;

import java.util.concurrent.atomic.LongAdder;

/**
 * Failed InfluxDB calls of one {@link InfluxClient}, by operation and by whether InfluxDB was
 * unavailable (unreachable, 5xx) or refused the request itself.
 */
public final class InfluxFailureCounts {

  /** What the client asked InfluxDB to do. */
  public enum Operation {
    WRITE,
    QUERY
  }

  private final LongAdder[] counts = new LongAdder[Operation.values().length * 2];

  public InfluxFailureCounts() {
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  void record(Operation operation, Throwable failure) {
    counts[index(operation, failure instanceof InfluxRejectedException)].increment();
  }

  /** Failures of {@code operation} since start: refused by InfluxDB, or it being unavailable. */
  public long count(Operation operation, boolean rejected) {
    return counts[index(operation, rejected)].sum();
  }

  private static int index(Operation operation, boolean rejected) {
    return operation.ordinal() * 2 + (rejected ? 1 : 0);
  }
}
