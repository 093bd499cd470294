package io.flarewatch.central.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.flarewatch.config.ConfigException;
import io.flarewatch.emissions.InvalidEmissionsParametersException;
import io.flarewatch.emissions.SiteEmissionsParameters;
import io.flarewatch.wire.Schema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A site central accepts data from.
 *
 * @param id the site id every point of the site carries in its {@code site} tag
 * @param name a human name
 * @param ingestTokenSha256 hex SHA-256 of the site's ingest token; the token itself is never stored
 * @param emissions the site's emissions parameters (the same section as in the edge's config), used
 *     to recompute and check the edge's figures; may be absent
 * @param offlineAfterSeconds the site counts as offline when its last point is older than this
 *     (default 60)
 * @param pollIntervalSeconds the edge's poll interval, to count the intervals a period should have
 *     in completeness figures (default 10)
 * @param ratedKw the generator's rated power, kW; may be absent
 * @param maxLoadStepKw the largest load step a command may put on the generator within {@code
 *     rampStepSeconds}, kW (default 10 % of {@code ratedKw}); with neither set, the site takes no
 *     commands (no ramp can be planned)
 * @param rampStepSeconds the window a load step is measured over (default 5)
 * @param minerWattsDefault the draw assumed for a miner that reported no power (default 3500)
 */
public record SiteConfig(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("ingestTokenSha256") String ingestTokenSha256,
    @JsonProperty("emissions") JsonNode emissions,
    @JsonProperty("offlineAfterSeconds") Integer offlineAfterSeconds,
    @JsonProperty("pollIntervalSeconds") Integer pollIntervalSeconds,
    @JsonProperty("ratedKw") Double ratedKw,
    @JsonProperty("maxLoadStepKw") Double maxLoadStepKw,
    @JsonProperty("rampStepSeconds") Integer rampStepSeconds,
    @JsonProperty("minerWattsDefault") Integer minerWattsDefault) {

  public static final int DEFAULT_OFFLINE_AFTER_SECONDS = 60;
  public static final int DEFAULT_POLL_INTERVAL_SECONDS = 10;
  public static final double DEFAULT_LOAD_STEP_FRACTION = 0.10;
  public static final int DEFAULT_RAMP_STEP_SECONDS = 5;
  public static final int DEFAULT_MINER_WATTS = 3_500;
  private static final double MAX_KW = 1_000_000;

  public SiteConfig {
    try {
      Schema.checkId("site id", id);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("sites[].id", e.getMessage());
    }
    name = name == null ? id : name;
    if (ingestTokenSha256 == null || !ingestTokenSha256.matches("[0-9a-f]{64}")) {
      throw new ConfigException(
          "sites[" + id + "].ingestTokenSha256",
          "must be the 64 lower-case hex digits of the SHA-256 of the site's ingest token");
    }
    if (emissions != null && !emissions.isNull()) {
      emissionsParameters(id, emissions);
    }
    offlineAfterSeconds =
        positive(id, "offlineAfterSeconds", offlineAfterSeconds, DEFAULT_OFFLINE_AFTER_SECONDS);
    pollIntervalSeconds =
        positive(id, "pollIntervalSeconds", pollIntervalSeconds, DEFAULT_POLL_INTERVAL_SECONDS);
    kilowatts(id, "ratedKw", ratedKw);
    kilowatts(id, "maxLoadStepKw", maxLoadStepKw);
    if (maxLoadStepKw != null && ratedKw != null && maxLoadStepKw > ratedKw) {
      throw new ConfigException(
          "sites[" + id + "].maxLoadStepKw",
          maxLoadStepKw + " is more than the site's ratedKw (" + ratedKw + ")");
    }
    if (maxLoadStepKw == null && ratedKw != null) {
      maxLoadStepKw = ratedKw * DEFAULT_LOAD_STEP_FRACTION;
    }
    rampStepSeconds = positive(id, "rampStepSeconds", rampStepSeconds, DEFAULT_RAMP_STEP_SECONDS);
    minerWattsDefault = minerWattsDefault == null ? DEFAULT_MINER_WATTS : minerWattsDefault;
    if (minerWattsDefault < 1 || minerWattsDefault > 100_000) {
      throw new ConfigException(
          "sites[" + id + "].minerWattsDefault", minerWattsDefault + " is not 1 to 100000 W");
    }
  }

  /** Without the command settings (defaults; no load step: the site takes no commands). */
  public SiteConfig(
      String id,
      String name,
      String ingestTokenSha256,
      JsonNode emissions,
      Integer offlineAfterSeconds,
      Integer pollIntervalSeconds) {
    this(
        id,
        name,
        ingestTokenSha256,
        emissions,
        offlineAfterSeconds,
        pollIntervalSeconds,
        null,
        null,
        null,
        null);
  }

  private static void kilowatts(String id, String key, Double value) {
    if (value != null && !(value > 0 && value <= MAX_KW)) {
      throw new ConfigException(
          "sites[" + id + "]." + key,
          value + " is not a power above 0 and up to " + MAX_KW + " kW");
    }
  }

  public SiteConfig(String id, String name, String ingestTokenSha256) {
    this(id, name, ingestTokenSha256, null);
  }

  public SiteConfig(String id, String name, String ingestTokenSha256, JsonNode emissions) {
    this(id, name, ingestTokenSha256, emissions, null, null);
  }

  private static int positive(String id, String key, Integer value, int defaultValue) {
    if (value == null) {
      return defaultValue;
    }
    if (value < 1 || value > 86_400) {
      throw new ConfigException(
          "sites[" + id + "]." + key, value + " is not a number of seconds from 1 to 86400");
    }
    return value;
  }

  /** The site's emissions parameters, empty when its config has none. */
  public Optional<SiteEmissionsParameters> emissionsParameters() {
    return emissions == null || emissions.isNull()
        ? Optional.empty()
        : Optional.of(emissionsParameters(id, emissions));
  }

  private static SiteEmissionsParameters emissionsParameters(String id, JsonNode section) {
    try {
      return SiteEmissionsParameters.fromJson(section, "sites[" + id + "].emissions");
    } catch (InvalidEmissionsParametersException e) {
      throw new ConfigException(e.path(), e.problem());
    }
  }

  /** Hex SHA-256 of a token, as stored in {@link #ingestTokenSha256()}. */
  public static String sha256Hex(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Compares in constant time, so the check leaks nothing about the stored hash. */
  public boolean acceptsToken(String token) {
    return MessageDigest.isEqual(
        sha256Hex(token).getBytes(StandardCharsets.US_ASCII),
        ingestTokenSha256.getBytes(StandardCharsets.US_ASCII));
  }
}
