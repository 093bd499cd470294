package io.flarewatch.edge.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigCheck;

/**
 * Sending batches to central.
 *
 * @param batchMaxLines lines per request at most
 * @param minBackoffMillis first wait after a failure
 * @param maxBackoffMillis longest wait between retries
 * @param requestTimeoutMillis longest wait for central's answer
 * @param liveWindowMillis lines appended this recently are live: sent before any backlog
 * @param catchUpFactor the backlog is sent at most this many times faster than it was collected, so
 *     central is not flooded after an outage
 */
public record UplinkConfig(
    @JsonProperty("batchMaxLines") Integer batchMaxLines,
    @JsonProperty("minBackoffMillis") Long minBackoffMillis,
    @JsonProperty("maxBackoffMillis") Long maxBackoffMillis,
    @JsonProperty("requestTimeoutMillis") Long requestTimeoutMillis,
    @JsonProperty("liveWindowMillis") Long liveWindowMillis,
    @JsonProperty("catchUpFactor") Double catchUpFactor) {

  public UplinkConfig {
    batchMaxLines = batchMaxLines == null ? 5_000 : batchMaxLines;
    minBackoffMillis = minBackoffMillis == null ? 500L : minBackoffMillis;
    maxBackoffMillis = maxBackoffMillis == null ? 60_000L : maxBackoffMillis;
    requestTimeoutMillis = requestTimeoutMillis == null ? 30_000L : requestTimeoutMillis;
    liveWindowMillis = liveWindowMillis == null ? 30_000L : liveWindowMillis;
    catchUpFactor = catchUpFactor == null ? 60.0 : catchUpFactor;
    ConfigCheck check = new ConfigCheck();
    check.that(liveWindowMillis >= 0, "liveWindowMillis", liveWindowMillis + " is negative");
    check.that(
        catchUpFactor >= 1,
        "catchUpFactor",
        catchUpFactor + " must be at least 1 (times real time)");
    check.that(
        batchMaxLines >= 1 && batchMaxLines <= 100_000,
        "batchMaxLines",
        batchMaxLines + " must be 1 to 100000");
    check.that(
        minBackoffMillis >= 1 && maxBackoffMillis >= minBackoffMillis,
        "maxBackoffMillis",
        "backoff must satisfy 1 <= minBackoffMillis <= maxBackoffMillis");
    check.that(
        requestTimeoutMillis >= 100,
        "requestTimeoutMillis",
        requestTimeoutMillis + " is below 100");
    check.orThrow();
  }

  public static UplinkConfig defaults() {
    return new UplinkConfig(null, null, null, null, null, null);
  }
}
