package io.flarewatch.drivers.miner;

/**
 * No complete reply arrived within the request timeout (connect and read together). Code {@code
 * timeout}.
 */
public class MinerTimeoutException extends MinerApiException {

  public static final String CODE = "timeout";

  public MinerTimeoutException(String message, String detail, Throwable cause) {
    super(CODE, message, detail, cause);
  }

  @Override
  MinerTimeoutException withPrefix(String prefix) {
    return new MinerTimeoutException(prefix + getMessage(), detail(), getCause());
  }
}
