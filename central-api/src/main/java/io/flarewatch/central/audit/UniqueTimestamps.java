package io.flarewatch.central.audit;

import java.util.function.LongSupplier;

/**
 * Nanosecond timestamps that strictly increase within this process.
 *
 * <p>InfluxDB identifies a point by measurement, tag set and timestamp: two audit entries of the
 * same user in the same millisecond, written with millisecond timestamps, would be one point and
 * the second would overwrite the first. Each entry therefore gets the wall-clock millisecond
 * followed by six digits that count up within it (written with {@code precision=ns}); when the
 * clock stands still or steps back, the next timestamp is the previous one plus one nanosecond.
 */
final class UniqueTimestamps {

  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final LongSupplier epochMillis;
  private long last;

  UniqueTimestamps(LongSupplier epochMillis) {
    this.epochMillis = epochMillis;
  }

  synchronized long nextNanos() {
    last = Math.max(epochMillis.getAsLong() * NANOS_PER_MILLI, last + 1);
    return last;
  }
}
