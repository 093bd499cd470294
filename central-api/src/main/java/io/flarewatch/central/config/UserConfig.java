package io.flarewatch.central.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.central.auth.PasswordHash;
import io.flarewatch.central.auth.Role;
import io.flarewatch.config.ConfigException;

/**
 * A local user (single-box installs; a fleet plugs in its identity provider instead).
 *
 * @param name what the user logs in with; also who the audit log names
 * @param role what the user may do
 * @param passwordHash from {@code PasswordHashCli}: {@code
 *     pbkdf2-sha256$<iterations>$<salt>$<hash>}
 */
public record UserConfig(
    @JsonProperty("name") String name,
    @JsonProperty("role") Role role,
    @JsonProperty("passwordHash") String passwordHash) {

  public UserConfig {
    if (name == null || !name.matches("[A-Za-z0-9._@-]{1,64}")) {
      throw new ConfigException(
          "auth.users[].name",
          "'" + name + "' must be 1 to 64 letters, digits or '.', '_', '@', '-'");
    }
    if (role == null) {
      throw new ConfigException(
          "auth.users[" + name + "].role", "is required: VIEWER, ENGINEER, OPERATOR or ADMIN");
    }
    password(name, passwordHash);
  }

  /** The parsed password hash. */
  public PasswordHash password() {
    return password(name, passwordHash);
  }

  private static PasswordHash password(String name, String encoded) {
    try {
      return PasswordHash.parse(encoded);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("auth.users[" + name + "].passwordHash", e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "UserConfig[name=" + name + ", role=" + role + "]";
  }
}
