package io.flarewatch.drivers.miner;

/**
 * The miner refused the connection, the host is unknown, or the peer dropped it before replying.
 */
public class MinerUnreachableException extends MinerApiException {

  public MinerUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
