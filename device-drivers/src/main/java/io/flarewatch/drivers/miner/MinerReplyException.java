package io.flarewatch.drivers.miner;

/**
 * The miner replied, but the reply is unusable: not JSON even after repairs, too large, cut off, or
 * a STATUS E/F error. The message names what is wrong and quotes a short excerpt.
 */
public class MinerReplyException extends MinerApiException {

  public MinerReplyException(String message) {
    super(message, null);
  }

  public MinerReplyException(String message, Throwable cause) {
    super(message, cause);
  }
}
