package io.flarewatch.simulator;

/**
 * Faults of one simulated Modbus device. Counters ("next N requests") count down as requests
 * arrive; the fraction applies to every request while set (decided by the seeded random source, so
 * it is reproducible).
 *
 * @param exceptionCode Modbus exception code to answer with (1..11, e.g. 2 Illegal Data Address, 6
 *     Slave Device Busy); ignored when no request is to get it
 * @param exceptionNextRequests the next N requests get the exception
 * @param exceptionFraction each request gets the exception with this probability (0..1)
 * @param resetNextRequests the next N requests get their connection closed without a reply
 */
public record ModbusFaultSettings(
    int exceptionCode, int exceptionNextRequests, double exceptionFraction, int resetNextRequests) {

  public ModbusFaultSettings {
    if (exceptionCode < 0 || exceptionCode > 11) {
      throw new IllegalArgumentException(
          "exceptionCode must be a Modbus exception code 1..11 (0 = none), got " + exceptionCode);
    }
    if (exceptionNextRequests < 0) {
      throw new IllegalArgumentException(
          "exceptionNextRequests must be >= 0, got " + exceptionNextRequests);
    }
    if (!(exceptionFraction >= 0 && exceptionFraction <= 1)) {
      throw new IllegalArgumentException(
          "exceptionFraction must be between 0 and 1, got " + exceptionFraction);
    }
    if (resetNextRequests < 0) {
      throw new IllegalArgumentException(
          "resetNextRequests must be >= 0, got " + resetNextRequests);
    }
    if (exceptionCode == 0 && (exceptionNextRequests > 0 || exceptionFraction > 0)) {
      throw new IllegalArgumentException(
          "exceptionCode must be set (1..11) when exceptionNextRequests or exceptionFraction is");
    }
  }

  /** No fault. */
  public static ModbusFaultSettings none() {
    return new ModbusFaultSettings(0, 0, 0, 0);
  }

  /** The next {@code count} requests are answered with exception {@code code}. */
  public static ModbusFaultSettings exceptionForNext(int code, int count) {
    return new ModbusFaultSettings(code, count, 0, 0);
  }

  /** Each request is answered with exception {@code code} with probability {@code fraction}. */
  public static ModbusFaultSettings exceptionFraction(int code, double fraction) {
    return new ModbusFaultSettings(code, 0, fraction, 0);
  }

  /** The next {@code count} requests get their connection closed without a reply. */
  public static ModbusFaultSettings resetForNext(int count) {
    return new ModbusFaultSettings(0, 0, 0, count);
  }
}
