package io.flarewatch.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A clock that runs {@code scale} times as fast as a base clock from the moment it is made: site
 * time for a running simulator that should live an hour in a few minutes. Because the gas profiles
 * are functions of site time, a scaled run sees the same supply as a real-time one.
 */
public final class ScaledClock extends Clock {
  private final Clock base;
  private final double scale;
  private final Instant origin;

  /**
   * @param scale site seconds per real second, at least 1
   */
  public ScaledClock(Clock base, double scale) {
    if (!(scale >= 1) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException("time scale must be a number >= 1, got " + scale);
    }
    this.base = base;
    this.scale = scale;
    this.origin = base.instant();
  }

  public double scale() {
    return scale;
  }

  @Override
  public Instant instant() {
    long realNanos = Duration.between(origin, base.instant()).toNanos();
    return origin.plusNanos((long) (realNanos * scale));
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new ScaledClock(base.withZone(zone), scale);
  }
}
