package io.flarewatch.drivers;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Unit conversions done in decimal, so a converted value is the nearest double to the exact decimal
 * result: {@code 1012 × 0.1} is 101.2 and {@code 101200000 MH/s} is 101.2 TH/s, not
 * 101.19999999999999 as a binary multiplication by an inexact factor gives. Pure.
 *
 * <p>A double is taken as the decimal it prints as ({@link Double#toString}), a float likewise
 * ({@link Float#toString}): the shortest decimal that reads back as the same number, which is the
 * number the device meant.
 */
public final class DecimalScale {

  private DecimalScale() {}

  /** {@code value × 10^exponent}, e.g. {@code (101200000, -6)} is 101.2. */
  public static double byPowerOfTen(double value, int exponent) {
    if (!Double.isFinite(value) || value == 0 || exponent == 0) {
      return value;
    }
    return BigDecimal.valueOf(value).scaleByPowerOfTen(exponent).doubleValue();
  }

  /** {@code raw × scale + offset} in decimal, rounded once to the nearest double. */
  public static double apply(BigDecimal raw, BigDecimal scale, BigDecimal offset) {
    Objects.requireNonNull(raw, "raw");
    return raw.multiply(scale).add(offset).doubleValue();
  }

  /** The decimal a float prints as, e.g. 101.2f is 101.2 (not 101.19999694824219). */
  public static BigDecimal ofFloat(float value) {
    return new BigDecimal(Float.toString(value));
  }

  /** The decimal a double prints as. */
  public static BigDecimal ofDouble(double value) {
    return BigDecimal.valueOf(value);
  }
}
