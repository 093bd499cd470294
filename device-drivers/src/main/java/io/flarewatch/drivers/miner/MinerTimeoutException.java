package io.flarewatch.drivers.miner;

/** No complete reply arrived within the request timeout (connect and read together). */
public class MinerTimeoutException extends MinerApiException {

  public MinerTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
