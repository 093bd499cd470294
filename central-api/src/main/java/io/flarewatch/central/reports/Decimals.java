package io.flarewatch.central.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Report numbers: fixed six decimals, half-even, independent of locale. */
final class Decimals {

  static final int SCALE = 6;

  private Decimals() {}

  /** The value with six decimals, or null when it is not a finite number. */
  static BigDecimal fixed(double value) {
    if (!Double.isFinite(value)) {
      return null;
    }
    return BigDecimal.valueOf(value).setScale(SCALE, RoundingMode.HALF_EVEN);
  }

  /** {@code part / whole × 100} with six decimals, or null when {@code whole} is zero. */
  static BigDecimal percent(double part, double whole) {
    return whole == 0 ? null : fixed(part * 100.0 / whole);
  }
}
