package io.flarewatch.edge.uplink;

import java.util.random.RandomGenerator;

/** Exponential backoff with full jitter: a random wait in [min, min · 2^failures], capped. */
public final class Backoff {

  private final long minMillis;
  private final long maxMillis;
  private final RandomGenerator random;
  private int failures;

  public Backoff(long minMillis, long maxMillis, RandomGenerator random) {
    this.minMillis = minMillis;
    this.maxMillis = maxMillis;
    this.random = random;
  }

  public long nextDelayMillis() {
    long ceiling = Math.min(maxMillis, minMillis << Math.min(failures, 20));
    failures++;
    return minMillis + (ceiling > minMillis ? random.nextLong(ceiling - minMillis + 1) : 0);
  }

  /** At least this long, e.g. a server's Retry-After. */
  public long nextDelayMillis(long atLeastMillis) {
    return Math.max(atLeastMillis, nextDelayMillis());
  }

  public void reset() {
    failures = 0;
  }
}
