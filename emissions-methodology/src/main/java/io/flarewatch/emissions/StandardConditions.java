package io.flarewatch.emissions;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Standard conditions of the methodology (98.233(t)): 60 °F and 14.7 psia. Meters that report at
 * another pressure base (North Dakota: 14.73 psia at 60 °F) are converted by Boyle's law at the
 * common temperature: V_14.7 = V_base · base / 14.7.
 */
public final class StandardConditions {

  public static final BigDecimal TEMPERATURE_F = new BigDecimal("60");
  public static final BigDecimal PRESSURE_PSIA = new BigDecimal("14.7");

  /** Pressure bases outside this range are rejected as a likely unit mistake (kPa, bar). */
  public static final double MIN_PRESSURE_BASE_PSIA = 13.0;

  public static final double MAX_PRESSURE_BASE_PSIA = 16.0;

  private StandardConditions() {}

  /**
   * Volume at 60 °F / 14.7 psia from a volume measured at 60 °F and {@code pressureBasePsia}. Exact
   * to 34 significant digits.
   */
  public static BigDecimal toStandardVolume(BigDecimal volumeAtBase, BigDecimal pressureBasePsia) {
    if (pressureBasePsia.compareTo(PRESSURE_PSIA) == 0) {
      return volumeAtBase;
    }
    return volumeAtBase.multiply(pressureBasePsia).divide(PRESSURE_PSIA, MathContext.DECIMAL128);
  }

  static double checkPressureBase(String path, double psia) {
    Checks.finite(path, psia);
    if (psia < MIN_PRESSURE_BASE_PSIA || psia > MAX_PRESSURE_BASE_PSIA) {
      throw new InvalidEmissionsParametersException(
          path,
          Checks.plain(psia)
              + " psia is outside the plausible range ["
              + Checks.plain(MIN_PRESSURE_BASE_PSIA)
              + ", "
              + Checks.plain(MAX_PRESSURE_BASE_PSIA)
              + "] (the value must be in psia, e.g. 14.73)");
    }
    return psia;
  }
}
