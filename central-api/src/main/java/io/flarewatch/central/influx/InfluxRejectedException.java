package io.flarewatch.central.influx;

/** InfluxDB refused the request itself (4xx), e.g. a field type conflict. */
public final class InfluxRejectedException extends RuntimeException {

  private final int status;

  public InfluxRejectedException(int status, String error) {
    super("InfluxDB rejected the request (" + status + "): " + error);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
