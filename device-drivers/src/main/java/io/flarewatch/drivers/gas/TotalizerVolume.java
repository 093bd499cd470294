package io.flarewatch.drivers.gas;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Outcome of {@link TotalizerDelta#between}: what happened, and the volume when it is known.
 *
 * @param kind what the two readings mean
 * @param volume volume for the interval (&ge; 0), {@code null} unless kind is DELTA or ROLLOVER
 * @param reason why the volume is unknown, for a RESET; empty otherwise
 */
public record TotalizerVolume(Kind kind, Double volume, String reason) {

  /** What two consecutive totalizer readings mean. */
  public enum Kind {
    /** No previous reading: no volume yet. */
    FIRST_READING,
    /** Current &ge; previous: plain difference. */
    DELTA,
    /** The register wrapped past its modulus. */
    ROLLOVER,
    /** The totalizer was reset, replaced or jumped implausibly: volume unknown. */
    RESET
  }

  public TotalizerVolume {
    Objects.requireNonNull(kind, "kind");
    reason = reason == null ? "" : reason;
    boolean hasVolume = kind == Kind.DELTA || kind == Kind.ROLLOVER;
    if (hasVolume != (volume != null)) {
      throw new IllegalArgumentException(
          kind + " must " + (hasVolume ? "" : "not ") + "carry a volume");
    }
    if (volume != null && (volume < 0 || !Double.isFinite(volume))) {
      throw new IllegalArgumentException("volume must be finite and not negative, got " + volume);
    }
  }

  static TotalizerVolume firstReading() {
    return new TotalizerVolume(Kind.FIRST_READING, null, "");
  }

  static TotalizerVolume delta(double volume) {
    return new TotalizerVolume(Kind.DELTA, volume, "");
  }

  static TotalizerVolume rollover(double volume) {
    return new TotalizerVolume(Kind.ROLLOVER, volume, "");
  }

  static TotalizerVolume reset(String reason) {
    return new TotalizerVolume(Kind.RESET, null, reason);
  }

  /** The volume, empty when unknown. */
  public OptionalDouble knownVolume() {
    return volume == null ? OptionalDouble.empty() : OptionalDouble.of(volume);
  }
}
