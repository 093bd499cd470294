package io.flarewatch.drivers.gas;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * Volume of gas metered between two readings of a cumulative totalizer. Pure.
 *
 * <ul>
 *   <li>first reading (no previous): no volume;
 *   <li>current &ge; previous: the plain delta, if it is plausible for the interval;
 *   <li>current &lt; previous and the wrapped delta {@code modulus - previous + current} is
 *       plausible for the interval: a rollover, volume is the wrapped delta;
 *   <li>anything else (a meter reset or replacement, or a jump larger than the meter can measure in
 *       the interval): a reset; the volume for that interval is unknown, never negative or huge.
 * </ul>
 *
 * <p>Plausible means at most {@code maxFlowPerSecond × interval seconds}.
 *
 * <p>A totalizer that counts in steps (a uint32 register scaled by 0.01, as flow computers report
 * decimals) yields volumes that are whole numbers of steps: the difference of two decoded readings
 * ({@code 1000.45 − 1000.17 = 0.2800000000000864} in binary) is rounded to the step ({@code 0.28}),
 * so interval volumes add up to exactly what the totalizer advanced.
 *
 * @param modulus value at which the totalizer wraps to zero, in volume units (e.g. {@code 2^32 ×
 *     scale} for a uint32 register)
 * @param maxFlowPerSecond the largest flow the meter can see, in volume units per second
 * @param resolution the totalizer's step in volume units (the register scale), or 0 for a
 *     continuous (floating-point) totalizer
 */
public record TotalizerDelta(double modulus, double maxFlowPerSecond, double resolution) {

  /** Modulus of an unsigned 32-bit totalizer register with scale 1. */
  public static final double UINT32_MODULUS = 4_294_967_296.0;

  public TotalizerDelta {
    if (!(modulus > 0) || !Double.isFinite(modulus)) {
      throw new IllegalArgumentException(
          "modulus must be a positive finite number, got " + modulus);
    }
    if (!(maxFlowPerSecond > 0) || !Double.isFinite(maxFlowPerSecond)) {
      throw new IllegalArgumentException(
          "maxFlowPerSecond must be a positive finite number, got " + maxFlowPerSecond);
    }
    if (!(resolution >= 0) || !Double.isFinite(resolution) || resolution >= modulus) {
      throw new IllegalArgumentException(
          "resolution must be 0 or a positive step below the modulus, got " + resolution);
    }
  }

  /** A continuous totalizer: volumes are not rounded to a step. */
  public TotalizerDelta(double modulus, double maxFlowPerSecond) {
    this(modulus, maxFlowPerSecond, 0);
  }

  /** For a uint32 totalizer register with the given scale (volume units per count). */
  public static TotalizerDelta forUint32(double scale, double maxFlowPerSecond) {
    return new TotalizerDelta(UINT32_MODULUS * scale, maxFlowPerSecond, scale);
  }

  /** The volume rounded to a whole number of totalizer steps (unchanged when continuous). */
  double toSteps(double volume) {
    if (resolution == 0) {
      return volume;
    }
    long steps = Math.round(volume / resolution);
    double perUnit = 1 / resolution;
    double wholePerUnit = Math.rint(perUnit);
    return Math.abs(perUnit - wholePerUnit) < 1e-9 * perUnit
        ? steps / wholePerUnit
        : steps * resolution;
  }

  /**
   * {@code current - previous} as the difference of the decimals the readings print as: a float
   * totalizer read as 1234600.1 after 1234567.7 advanced 32.4, not 32.4000000001397.
   */
  private static double decimalDifference(double current, double previous) {
    return BigDecimal.valueOf(current).subtract(BigDecimal.valueOf(previous)).doubleValue();
  }

  /**
   * Volume between two readings.
   *
   * @param previous the previous reading, {@code null} when this is the first
   * @param current the current reading, 0 &le; current &lt; modulus
   * @param interval time between the two readings, positive
   */
  public TotalizerVolume between(Double previous, double current, Duration interval) {
    Objects.requireNonNull(interval, "interval");
    requireReading("current", current);
    if (previous == null) {
      return TotalizerVolume.firstReading();
    }
    requireReading("previous", previous);
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, got " + interval);
    }
    double maxPlausible = maxFlowPerSecond * (interval.toNanos() / 1e9);
    if (current >= previous) {
      double delta = toSteps(decimalDifference(current, previous));
      return delta <= maxPlausible
          ? TotalizerVolume.delta(delta)
          : TotalizerVolume.reset(
              String.format(
                  "totalizer jumped by %s in %s, more than the plausible %s",
                  delta, interval, maxPlausible));
    }
    double wrapped = toSteps(modulus - previous + current);
    if (wrapped <= maxPlausible) {
      return TotalizerVolume.rollover(wrapped);
    }
    return TotalizerVolume.reset(
        String.format(
            "totalizer went back from %s to %s and a rollover (%s) is not plausible in %s",
            previous, current, wrapped, interval));
  }

  private void requireReading(String which, double value) {
    if (!Double.isFinite(value) || value < 0 || value >= modulus) {
      throw new IllegalArgumentException(
          which
              + " totalizer reading must be in 0 (inclusive).."
              + modulus
              + " (exclusive), got "
              + value);
    }
  }
}
