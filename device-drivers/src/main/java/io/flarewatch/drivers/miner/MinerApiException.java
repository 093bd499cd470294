package io.flarewatch.drivers.miner;

import io.flarewatch.drivers.DeviceFailure;

/**
 * Base of the failures of a miner API request; futures returned by {@link MinerApiClient} and
 * {@link MinerPoller} fail with one of its subclasses. Each carries the stable {@link #code()} the
 * edge stores and a short {@link #detail()}; the message adds the miner and command for logs.
 */
public abstract class MinerApiException extends RuntimeException implements DeviceFailure {

  /** Longest detail kept: a short line, never a whole reply. */
  static final int MAX_DETAIL_CHARS = 200;

  private final String code;
  private final String detail;

  protected MinerApiException(String code, String message, String detail, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.detail = shorten(detail == null ? "" : detail);
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public String detail() {
    return detail;
  }

  /** The same failure with {@code prefix} (e.g. the miner and command) before its message. */
  abstract MinerApiException withPrefix(String prefix);

  static String shorten(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= MAX_DETAIL_CHARS
        ? oneLine
        : oneLine.substring(0, MAX_DETAIL_CHARS - 3) + "...";
  }
}
