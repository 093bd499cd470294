package io.flarewatch.central.reports;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How report numbers are written, independent of locale: plain decimals, never an exponent.
 *
 * <ul>
 *   <li>masses, CO2e and percentages: {@value #SIGNIFICANT_DIGITS} significant digits (half-even),
 *       trailing zeros dropped, so a small site keeps its digits ({@code 0.00000612345} t) as well
 *       as a large one;
 *   <li>uncertainties: {@value #UNCERTAINTY_DIGITS} significant digits, as GUM recommends;
 *   <li>volumes: the decimals of the meter's totalizer step (0.01 scf: 2 decimals, whole scf:
 *       none), or at most 6 decimals with trailing zeros dropped when the step is unknown.
 * </ul>
 */
final class Figures {

  static final int SIGNIFICANT_DIGITS = 6;
  static final int UNCERTAINTY_DIGITS = 2;
  static final int MAX_VOLUME_DECIMALS = 6;

  private Figures() {}

  /** {@code value} to {@value #SIGNIFICANT_DIGITS} significant digits; null when not finite. */
  static BigDecimal significant(double value) {
    return significant(value, SIGNIFICANT_DIGITS);
  }

  static BigDecimal significant(double value, int digits) {
    if (!Double.isFinite(value)) {
      return null;
    }
    BigDecimal rounded =
        BigDecimal.valueOf(value).round(new MathContext(digits, RoundingMode.HALF_EVEN));
    return plain(rounded);
  }

  /** {@code part / whole × 100} to six significant digits, or null when {@code whole} is zero. */
  static BigDecimal percent(double part, double whole) {
    return whole == 0 ? null : significant(part * 100.0 / whole);
  }

  /** Decimals a volume is written with, for a totalizer step (NaN: unknown). */
  static int decimals(double resolution) {
    if (Double.isNaN(resolution) || resolution <= 0) {
      return -1;
    }
    int decimals = 0;
    while (decimals < MAX_VOLUME_DECIMALS
        && Math.abs(
                resolution * Math.pow(10, decimals)
                    - Math.rint(resolution * Math.pow(10, decimals)))
            > 1e-9) {
      decimals++;
    }
    return decimals;
  }

  /** A volume with the decimals of the meter's step (NaN: unknown). */
  static BigDecimal volume(double value, double resolution) {
    if (!Double.isFinite(value)) {
      return null;
    }
    int decimals = decimals(resolution);
    BigDecimal decimal = BigDecimal.valueOf(value);
    return decimals < 0
        ? plain(decimal.setScale(MAX_VOLUME_DECIMALS, RoundingMode.HALF_EVEN))
        : decimal.setScale(decimals, RoundingMode.HALF_EVEN);
  }

  private static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.signum() == 0) {
      return BigDecimal.ZERO;
    }
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
