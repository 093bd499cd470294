package io.flarewatch.emissions;

import java.math.BigDecimal;

/** Range checks shared by the parameter records and the configuration reader. */
final class Checks {

  private Checks() {}

  /** Requires a finite value in (0, 1]. */
  static double efficiency(String path, double value) {
    finite(path, value);
    if (!(value > 0 && value <= 1)) {
      throw new InvalidEmissionsParametersException(path, plain(value) + " is outside (0, 1]");
    }
    return value;
  }

  /** Requires a finite value in [0, 1]. */
  static double fraction(String path, double value) {
    finite(path, value);
    if (!(value >= 0 && value <= 1)) {
      throw new InvalidEmissionsParametersException(path, plain(value) + " is outside [0, 1]");
    }
    return value;
  }

  static double finite(String path, double value) {
    if (!Double.isFinite(value)) {
      throw new InvalidEmissionsParametersException(path, value + " is not a finite number");
    }
    return value;
  }

  static String nonBlank(String path, String value, String hint) {
    if (value == null) {
      throw new InvalidEmissionsParametersException(path, "is required (" + hint + ")");
    }
    if (value.isBlank()) {
      throw new InvalidEmissionsParametersException(path, "must not be empty (" + hint + ")");
    }
    if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new InvalidEmissionsParametersException(
          path, "must be one line of text without control characters (" + hint + ")");
    }
    return value;
  }

  static <T> T nonNull(String path, T value) {
    if (value == null) {
      throw new InvalidEmissionsParametersException(path, "is required");
    }
    return value;
  }

  /** Plain decimal text of a double, without exponent or trailing zeros: 0.98, 14.7, 0. */
  static String plain(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
    return decimal.signum() == 0 ? "0" : decimal.toPlainString();
  }
}
