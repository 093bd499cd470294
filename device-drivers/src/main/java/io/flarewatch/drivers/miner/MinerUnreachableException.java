package io.flarewatch.drivers.miner;

/**
 * No connection to the miner: it refused (code {@code refused}: the host is up, nothing listens on
 * the port) or could not be reached (code {@code unreachable}: unknown host, no route).
 */
public class MinerUnreachableException extends MinerApiException {

  public static final String REFUSED = "refused";
  public static final String UNREACHABLE = "unreachable";

  private MinerUnreachableException(String code, String message, String detail, Throwable cause) {
    super(code, message, detail, cause);
  }

  /** The host answered that nothing listens on the port. */
  public static MinerUnreachableException refused(String message, String detail, Throwable cause) {
    return new MinerUnreachableException(REFUSED, message, detail, cause);
  }

  /** The host could not be reached at all. */
  public static MinerUnreachableException unreachable(
      String message, String detail, Throwable cause) {
    return new MinerUnreachableException(UNREACHABLE, message, detail, cause);
  }

  @Override
  MinerUnreachableException withPrefix(String prefix) {
    return new MinerUnreachableException(code(), prefix + getMessage(), detail(), getCause());
  }
}
