package io.flarewatch.central.influx;

/**
 * InfluxDB refused the request itself (4xx), e.g. a field type conflict. The message says what kind
 * of refusal it was in central's words; InfluxDB's own text, which may quote the request at length,
 * is logged by {@link InfluxClient} and kept out of the message, which clients see.
 */
public final class InfluxRejectedException extends RuntimeException {

  private final int status;

  public InfluxRejectedException(int status, String influxError) {
    super(describe(influxError));
    this.status = status;
  }

  public int status() {
    return status;
  }

  private static String describe(String influxError) {
    String error = influxError == null ? "" : influxError;
    if (error.contains("field type conflict")) {
      return "InfluxDB refused points whose field has another type in storage than in the"
          + " request; other points of the request may have been stored.";
    }
    if (error.contains("max-values-per-tag") || error.contains("max-series-per-database")) {
      return "InfluxDB refused points: a limit on tag values or series is reached.";
    }
    if (error.startsWith("unable to parse") || error.contains("partial write")) {
      return "InfluxDB refused points of the request; other points may have been stored.";
    }
    return "InfluxDB refused the request.";
  }
}
