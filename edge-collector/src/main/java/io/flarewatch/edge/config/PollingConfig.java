package io.flarewatch.edge.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigCheck;
import java.time.Duration;

/**
 * Poll cycle timing.
 *
 * @param intervalMillis one cycle per interval, aligned to multiples of it
 * @param deviceTimeoutMillis longest wait for one device's reply
 * @param maxConcurrentPolls miners polled at the same time
 * @param jitterMillis each miner's poll starts up to this much after the cycle start, spreading
 *     load
 */
public record PollingConfig(
    @JsonProperty("intervalMillis") Long intervalMillis,
    @JsonProperty("deviceTimeoutMillis") Long deviceTimeoutMillis,
    @JsonProperty("maxConcurrentPolls") Integer maxConcurrentPolls,
    @JsonProperty("jitterMillis") Long jitterMillis) {

  public PollingConfig {
    intervalMillis = intervalMillis == null ? 10_000L : intervalMillis;
    deviceTimeoutMillis = deviceTimeoutMillis == null ? 3_000L : deviceTimeoutMillis;
    maxConcurrentPolls = maxConcurrentPolls == null ? 200 : maxConcurrentPolls;
    jitterMillis = jitterMillis == null ? 1_000L : jitterMillis;
    ConfigCheck check = new ConfigCheck();
    check.that(intervalMillis >= 100, "intervalMillis", intervalMillis + " is below 100");
    check.that(
        deviceTimeoutMillis >= 10 && deviceTimeoutMillis < intervalMillis,
        "deviceTimeoutMillis",
        deviceTimeoutMillis
            + " must be at least 10 and below intervalMillis ("
            + intervalMillis
            + ")");
    check.that(
        maxConcurrentPolls >= 1, "maxConcurrentPolls", maxConcurrentPolls + " must be at least 1");
    check.that(
        jitterMillis >= 0 && jitterMillis + deviceTimeoutMillis < intervalMillis,
        "jitterMillis",
        jitterMillis + " must be >= 0 and leave room for the timeout within the interval");
    check.orThrow();
  }

  public static PollingConfig defaults() {
    return new PollingConfig(null, null, null, null);
  }

  public Duration interval() {
    return Duration.ofMillis(intervalMillis);
  }
}
