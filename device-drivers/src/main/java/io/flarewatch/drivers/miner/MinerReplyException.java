package io.flarewatch.drivers.miner;

/**
 * The miner replied, but the reply cannot be read: not JSON even after repairs, not an object, or
 * larger than allowed. Code {@code bad_reply}. The message names what is wrong and quotes a short
 * excerpt.
 */
public class MinerReplyException extends MinerApiException {

  public static final String CODE = "bad_reply";

  public MinerReplyException(String message) {
    this(message, null);
  }

  public MinerReplyException(String message, Throwable cause) {
    this(message, message, cause);
  }

  public MinerReplyException(String message, String detail, Throwable cause) {
    super(CODE, message, detail, cause);
  }

  @Override
  MinerReplyException withPrefix(String prefix) {
    return new MinerReplyException(prefix + getMessage(), detail(), getCause());
  }
}
