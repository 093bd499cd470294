package io.flarewatch.drivers.gas;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers the last totalizer reading of one meter and counts resets; the arithmetic is {@link
 * TotalizerDelta}. A reading can be measured first and committed once its volume is stored ({@link
 * #measure}, {@link #commit}). Not thread-safe: one tracker per meter, used by one poller.
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
   * Accepts the next reading and returns the volume since the previous one: {@link #measure} and
   * {@link #commit} at once.
   *
   * @throws IllegalArgumentException if the reading is out of range or not later than the last
   */
  public TotalizerVolume accept(double reading, Instant at) {
    Pending pending = measure(reading, at);
    commit(pending);
    return pending.volume();
  }

  /**
   * The volume since the last committed reading, without moving on: the tracker stays at that
   * reading until {@link #commit} is called with the result. Whoever stores the volume commits only
   * once it is stored, so after a failure to store, the next reading's volume covers the whole time
   * since the last stored one and no gas goes missing.
   *
   * @throws IllegalArgumentException if the reading is out of range or not later than the last
   */
  public Pending measure(double reading, Instant at) {
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
    return new Pending(volume, reading, at, previousAt);
  }

  /**
   * Moves on to a measured reading (its volume was stored).
   *
   * @throws IllegalStateException if the tracker moved on since the reading was measured
   */
  public void commit(Pending pending) {
    if (!Objects.equals(pending.measuredFrom(), previousAt)) {
      throw new IllegalStateException(
          meter
              + ": the reading at "
              + pending.at()
              + " was measured from the one at "
              + pending.measuredFrom()
              + ", but the tracker has moved on to "
              + previousAt);
    }
    if (pending.volume().kind() == TotalizerVolume.Kind.RESET) {
      resets++;
      LOG.warn(
          "{}: totalizer reset, volume unknown for this interval: {}",
          meter,
          pending.volume().reason());
    }
    previous = pending.reading();
    previousAt = pending.at();
  }

  /**
   * A measured reading not yet committed.
   *
   * @param volume the volume since the reading it was measured from
   * @param reading the totalizer reading
   * @param at when it was read
   * @param measuredFrom when the reading it was measured from was taken; null for a first reading
   */
  public record Pending(TotalizerVolume volume, double reading, Instant at, Instant measuredFrom) {}

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
