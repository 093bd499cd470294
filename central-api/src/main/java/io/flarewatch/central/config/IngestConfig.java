package io.flarewatch.central.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigException;

/**
 * Limits of {@code POST /api/v1/sites/{site}/samples}, on top of {@code http.maxBodyBytes} (the
 * body as sent, compressed or not).
 *
 * @param maxFutureSkewSeconds a point may be dated at most this far ahead of central's clock
 *     (default 300); older points are always welcome
 * @param maxInflatedBytes largest body once gunzipped (default 16 MiB); a larger one is a 413
 * @param maxConcurrentDecodes at most this many bodies are read and checked at once (default 8);
 *     one more is answered 503 with Retry-After at once, without reading its body
 * @param bodyTimeoutSeconds a body must arrive whole within this time of its request's head
 *     (default 60), or the request is answered 408 and its connection closed
 */
public record IngestConfig(
    @JsonProperty("maxFutureSkewSeconds") Integer maxFutureSkewSeconds,
    @JsonProperty("maxInflatedBytes") Long maxInflatedBytes,
    @JsonProperty("maxConcurrentDecodes") Integer maxConcurrentDecodes,
    @JsonProperty("bodyTimeoutSeconds") Integer bodyTimeoutSeconds) {

  public static final int DEFAULT_MAX_FUTURE_SKEW_SECONDS = 300;
  public static final long DEFAULT_MAX_INFLATED_BYTES = 16L * 1024 * 1024;
  public static final int DEFAULT_MAX_CONCURRENT_DECODES = 8;
  public static final int DEFAULT_BODY_TIMEOUT_SECONDS = 60;

  /** Bodies are held in one array each. */
  private static final long MAX_INFLATED_BYTES = 1L << 30;

  public IngestConfig {
    maxFutureSkewSeconds =
        maxFutureSkewSeconds == null ? DEFAULT_MAX_FUTURE_SKEW_SECONDS : maxFutureSkewSeconds;
    if (maxFutureSkewSeconds < 0 || maxFutureSkewSeconds > 86_400) {
      throw new ConfigException(
          "ingest.maxFutureSkewSeconds", maxFutureSkewSeconds + " is not 0 to 86400 seconds");
    }
    maxInflatedBytes = maxInflatedBytes == null ? DEFAULT_MAX_INFLATED_BYTES : maxInflatedBytes;
    if (maxInflatedBytes < 1024 || maxInflatedBytes > MAX_INFLATED_BYTES) {
      throw new ConfigException(
          "ingest.maxInflatedBytes", maxInflatedBytes + " is not 1024 to " + MAX_INFLATED_BYTES);
    }
    maxConcurrentDecodes =
        maxConcurrentDecodes == null ? DEFAULT_MAX_CONCURRENT_DECODES : maxConcurrentDecodes;
    if (maxConcurrentDecodes < 1 || maxConcurrentDecodes > 1024) {
      throw new ConfigException(
          "ingest.maxConcurrentDecodes", maxConcurrentDecodes + " is not 1 to 1024");
    }
    bodyTimeoutSeconds =
        bodyTimeoutSeconds == null ? DEFAULT_BODY_TIMEOUT_SECONDS : bodyTimeoutSeconds;
    if (bodyTimeoutSeconds < 1 || bodyTimeoutSeconds > 3_600) {
      throw new ConfigException(
          "ingest.bodyTimeoutSeconds", bodyTimeoutSeconds + " is not 1 to 3600 seconds");
    }
  }

  public static IngestConfig defaults() {
    return new IngestConfig(null, null, null, null);
  }
}
