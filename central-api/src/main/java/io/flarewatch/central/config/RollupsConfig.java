package io.flarewatch.central.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigCheck;
import java.time.Duration;

/**
 * The emissions report's daily rollups ({@code reports.rollups}).
 *
 * @param retentionPolicy the InfluxDB retention policy the rollups are written to and read from;
 *     absent: the database's default policy. It must exist (e.g. {@code year} of {@code
 *     deploy/influxdb/retention.influxql}) and keep rollups as long as reports must reach back
 * @param marginSeconds a rollup counts only when computed at least this long after the latest write
 *     that changed its day was sent; it covers a write in flight (InfluxDB's write timeout, 30 s,
 *     twice: two writes to one day may land in either order) and the replicas' clock skew; default
 *     {@value #DEFAULT_MARGIN_SECONDS}, at least {@value #MIN_MARGIN_SECONDS}
 * @param sweepMinutes how often the roller compares the day-changed markers with the rollups, to
 *     roll up what another replica (or one that stopped) left; default {@value
 *     #DEFAULT_SWEEP_MINUTES}, 1 to 1,440
 * @param sweepDays how many days back a sweep looks; default {@value #DEFAULT_SWEEP_DAYS}, 1 to
 *     3,660
 * @param concurrency site-days rolled up at once by one replica; default {@value
 *     #DEFAULT_CONCURRENCY}, 1 to 16
 */
public record RollupsConfig(
    @JsonProperty("retentionPolicy") String retentionPolicy,
    @JsonProperty("marginSeconds") Integer marginSeconds,
    @JsonProperty("sweepMinutes") Integer sweepMinutes,
    @JsonProperty("sweepDays") Integer sweepDays,
    @JsonProperty("concurrency") Integer concurrency) {

  /** Twice InfluxDB's write timeout (30 s) and 5 s of clock skew between replicas. */
  public static final int DEFAULT_MARGIN_SECONDS = 65;

  /** Once InfluxDB's write timeout, at least: a shorter margin could trust a stale rollup. */
  public static final int MIN_MARGIN_SECONDS = 30;

  public static final int DEFAULT_SWEEP_MINUTES = 5;
  public static final int DEFAULT_SWEEP_DAYS = 35;
  public static final int DEFAULT_CONCURRENCY = 2;

  public RollupsConfig {
    marginSeconds = marginSeconds == null ? DEFAULT_MARGIN_SECONDS : marginSeconds;
    sweepMinutes = sweepMinutes == null ? DEFAULT_SWEEP_MINUTES : sweepMinutes;
    sweepDays = sweepDays == null ? DEFAULT_SWEEP_DAYS : sweepDays;
    concurrency = concurrency == null ? DEFAULT_CONCURRENCY : concurrency;
    ConfigCheck check = new ConfigCheck();
    check.that(
        retentionPolicy == null || retentionPolicy.matches("[A-Za-z0-9_]{1,64}"),
        "retentionPolicy",
        "'" + retentionPolicy + "' must be 1 to 64 letters, digits or '_'");
    check.that(
        marginSeconds >= MIN_MARGIN_SECONDS && marginSeconds <= 86_400,
        "marginSeconds",
        marginSeconds
            + " must be "
            + MIN_MARGIN_SECONDS
            + " (InfluxDB's write timeout) to 86400 seconds");
    check.that(
        sweepMinutes >= 1 && sweepMinutes <= 1_440,
        "sweepMinutes",
        sweepMinutes + " must be 1 to 1440 minutes");
    check.that(sweepDays >= 1 && sweepDays <= 3_660, "sweepDays", sweepDays + " must be 1 to 3660");
    check.that(
        concurrency >= 1 && concurrency <= 16, "concurrency", concurrency + " must be 1 to 16");
    check.orThrow();
  }

  /** Every setting at its default. */
  public static RollupsConfig defaults() {
    return new RollupsConfig(null, null, null, null, null);
  }

  public Duration margin() {
    return Duration.ofSeconds(marginSeconds);
  }
}
