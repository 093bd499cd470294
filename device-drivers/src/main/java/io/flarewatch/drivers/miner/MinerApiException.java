package io.flarewatch.drivers.miner;

/**
 * Base of the failures of a miner API request; futures returned by {@link MinerApiClient} and
 * {@link MinerPoller} fail with one of its subclasses.
 */
public abstract class MinerApiException extends RuntimeException {

  protected MinerApiException(String message, Throwable cause) {
    super(message, cause);
  }
}
