package io.flarewatch.drivers.gas;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers the last totalizer reading of one meter and counts resets; the arithmetic is {@link
 * TotalizerDelta}. Not thread-safe: one tracker per meter, used by one poller.
 */
public final class TotalizerTracker {

  private static final Logger LOG = LoggerFactory.getLogger(TotalizerTracker.class);

  private final String meter;
  private final TotalizerDelta delta;
  private Double previous;
  private Instant previousAt;
  private long resets;

  public TotalizerTracker(String meter, TotalizerDelta delta) {
    this.meter = Objects.requireNonNull(meter, "meter");
    this.delta = Objects.requireNonNull(delta, "delta");
  }

  /**
   * Accepts the next reading and returns the volume since the previous one.
   *
   * @throws IllegalArgumentException if the reading is out of range or not later than the last
   */
  public TotalizerVolume accept(double reading, Instant at) {
    Objects.requireNonNull(at, "at");
    if (previousAt != null && !at.isAfter(previousAt)) {
      throw new IllegalArgumentException(
          meter + ": reading at " + at + " is not after the previous one at " + previousAt);
    }
    TotalizerVolume volume =
        delta.between(
            previous,
            reading,
            previousAt == null ? Duration.ZERO : Duration.between(previousAt, at));
    if (volume.kind() == TotalizerVolume.Kind.RESET) {
      resets++;
      LOG.warn("{}: totalizer reset, volume unknown for this interval: {}", meter, volume.reason());
    }
    previous = reading;
    previousAt = at;
    return volume;
  }

  /**
   * Continues from a reading remembered across a restart (e.g. stored with the samples of the cycle
   * that read it), so the first reading after the restart yields the volume since then instead of
   * none.
   *
   * @throws IllegalStateException if this tracker has already seen a reading
   */
  public void resumeFrom(double reading, Instant at) {
    if (previous != null) {
      throw new IllegalStateException(meter + ": cannot resume, readings were already taken");
    }
    delta.between(null, reading, Duration.ZERO);
    previous = reading;
    previousAt = Objects.requireNonNull(at, "at");
  }

  /** The last reading accepted (or resumed from), empty before the first. */
  public Optional<LastReading> last() {
    return previous == null ? Optional.empty() : Optional.of(new LastReading(previous, previousAt));
  }

  /** A totalizer reading and when it was taken. */
  public record LastReading(double value, Instant at) {}

  /** Number of resets seen so far. */
  public long resets() {
    return resets;
  }
}
