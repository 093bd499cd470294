package io.flarewatch.central.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use central's user endpoints.
 *
 * @param users local users; may be empty when everyone comes through {@code oidc}
 * @param jwtSecret the HS256 key of the tokens central issues, at least 32 bytes (e.g. {@code
 *     openssl rand -base64 48}); changing it logs everyone out
 * @param tokenTtlMinutes how long an issued token is valid, default 480 (a shift)
 * @param oidc an identity provider whose tokens are accepted too; may be absent
 * @param maxTokenLifetimeMinutes the longest a bearer token may live, central's or the provider's,
 *     whatever its {@code exp} says: a token whose {@code exp - iat} is longer is refused. Default
 *     a day, or {@code tokenTtlMinutes} when that is longer; at most a week
 */
public record AuthConfig(
    @JsonProperty("users") List<UserConfig> users,
    @JsonProperty("jwtSecret") String jwtSecret,
    @JsonProperty("tokenTtlMinutes") Integer tokenTtlMinutes,
    @JsonProperty("oidc") OidcConfig oidc,
    @JsonProperty("maxTokenLifetimeMinutes") Integer maxTokenLifetimeMinutes) {

  public static final int DEFAULT_TOKEN_TTL_MINUTES = 480;
  public static final int DEFAULT_MAX_TOKEN_LIFETIME_MINUTES = 24 * 60;
  public static final int MIN_SECRET_BYTES = 32;
  private static final int MAX_TOKEN_TTL_MINUTES = 7 * 24 * 60;

  public AuthConfig {
    users = users == null ? List.of() : List.copyOf(users);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < users.size(); i++) {
      if (users.get(i) == null) {
        throw new ConfigException("auth.users[" + i + "]", "is empty");
      }
      if (!names.add(users.get(i).name())) {
        throw new ConfigException(
            "auth.users[" + i + "].name", "'" + users.get(i).name() + "' is listed twice");
      }
    }
    if (jwtSecret == null || jwtSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new ConfigException(
          "auth.jwtSecret",
          "must be at least "
              + MIN_SECRET_BYTES
              + " bytes of random text, e.g. from: openssl rand -base64 48");
    }
    tokenTtlMinutes = tokenTtlMinutes == null ? DEFAULT_TOKEN_TTL_MINUTES : tokenTtlMinutes;
    if (tokenTtlMinutes < 1 || tokenTtlMinutes > MAX_TOKEN_TTL_MINUTES) {
      throw new ConfigException(
          "auth.tokenTtlMinutes",
          tokenTtlMinutes + " is not 1 to " + MAX_TOKEN_TTL_MINUTES + " (a week)");
    }
    maxTokenLifetimeMinutes =
        maxTokenLifetimeMinutes == null
            ? Math.max(DEFAULT_MAX_TOKEN_LIFETIME_MINUTES, tokenTtlMinutes)
            : maxTokenLifetimeMinutes;
    if (maxTokenLifetimeMinutes < tokenTtlMinutes
        || maxTokenLifetimeMinutes > MAX_TOKEN_TTL_MINUTES) {
      throw new ConfigException(
          "auth.maxTokenLifetimeMinutes",
          maxTokenLifetimeMinutes
              + " is not from tokenTtlMinutes ("
              + tokenTtlMinutes
              + ") to "
              + MAX_TOKEN_TTL_MINUTES
              + " (a week)");
    }
  }

  public AuthConfig(
      List<UserConfig> users, String jwtSecret, Integer tokenTtlMinutes, OidcConfig oidc) {
    this(users, jwtSecret, tokenTtlMinutes, oidc, null);
  }

  /** The longest a bearer token may live. */
  public Duration maxTokenLifetime() {
    return Duration.ofMinutes(maxTokenLifetimeMinutes);
  }

  /**
   * No users and a random secret nobody knows: the user endpoints answer 401 to everyone. For a
   * central that only takes in data.
   */
  public static AuthConfig noUsers() {
    byte[] secret = new byte[48];
    new SecureRandom().nextBytes(secret);
    return new AuthConfig(List.of(), Base64.getEncoder().encodeToString(secret), null, null);
  }

  public Optional<UserConfig> user(String name) {
    return users.stream().filter(u -> u.name().equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return "AuthConfig[users="
        + users
        + ", tokenTtlMinutes="
        + tokenTtlMinutes
        + ", maxTokenLifetimeMinutes="
        + maxTokenLifetimeMinutes
        + ", oidc="
        + oidc
        + "]";
  }
}
