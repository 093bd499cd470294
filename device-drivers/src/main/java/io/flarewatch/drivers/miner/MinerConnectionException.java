package io.flarewatch.drivers.miner;

/**
 * The connection failed before a complete reply arrived: reset or closed by the miner, or the
 * request could not be sent. Code {@code io_error}.
 */
public class MinerConnectionException extends MinerApiException {

  public static final String CODE = "io_error";

  public MinerConnectionException(String message, String detail, Throwable cause) {
    super(CODE, message, detail, cause);
  }

  @Override
  MinerConnectionException withPrefix(String prefix) {
    return new MinerConnectionException(prefix + getMessage(), detail(), getCause());
  }
}
