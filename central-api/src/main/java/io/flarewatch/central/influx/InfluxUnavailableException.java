package io.flarewatch.central.influx;

/** InfluxDB could not be reached or failed internally: nothing was stored, try again later. */
public final class InfluxUnavailableException extends RuntimeException {

  public InfluxUnavailableException(Throwable cause) {
    super("InfluxDB unavailable: " + cause.getMessage(), cause);
  }

  public InfluxUnavailableException(String message) {
    super("InfluxDB unavailable: " + message);
  }
}
