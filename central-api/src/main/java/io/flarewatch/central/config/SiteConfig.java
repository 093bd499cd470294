package io.flarewatch.central.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.wire.Schema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A site central accepts data from.
 *
 * @param id the site id every point of the site carries in its {@code site} tag
 * @param name a human name
 * @param ingestTokenSha256 hex SHA-256 of the site's ingest token; the token itself is never stored
 */
public record SiteConfig(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("ingestTokenSha256") String ingestTokenSha256) {

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
