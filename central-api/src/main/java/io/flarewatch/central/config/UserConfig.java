package io.flarewatch.central.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.central.auth.Role;
import io.flarewatch.central.auth.SiteScope;
import io.flarewatch.config.ConfigException;
import io.flarewatch.config.PasswordHash;
import io.flarewatch.wire.Schema;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A local user (single-box installs; a fleet plugs in its identity provider instead).
 *
 * @param name what the user logs in with; also who the audit log names
 * @param role what the user may do
 * @param passwordHash from {@code flarewatch password-hash}: {@code
 *     pbkdf2-sha256$<iterations>$<salt>$<hash>}
 * @param sites the sites the user may see; absent for every site (each must be a configured site)
 */
public record UserConfig(
    @JsonProperty("name") String name,
    @JsonProperty("role") Role role,
    @JsonProperty("passwordHash") String passwordHash,
    @JsonProperty("sites") List<String> sites) {

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
    if (sites != null) {
      sites = List.copyOf(sites);
      String key = "auth.users[" + name + "].sites";
      if (sites.isEmpty()) {
        throw new ConfigException(key, "is empty; leave it out to let the user see every site");
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < sites.size(); i++) {
        try {
          Schema.checkId("site id", sites.get(i));
        } catch (IllegalArgumentException e) {
          throw new ConfigException(key + "[" + i + "]", e.getMessage());
        }
        if (!seen.add(sites.get(i))) {
          throw new ConfigException(key + "[" + i + "]", "'" + sites.get(i) + "' is listed twice");
        }
      }
    }
  }

  /** A user of every site. */
  public UserConfig(String name, Role role, String passwordHash) {
    this(name, role, passwordHash, null);
  }

  /** The sites the user may see. */
  public SiteScope siteScope() {
    return sites == null ? SiteScope.ALL : SiteScope.of(sites);
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
    return "UserConfig[name=" + name + ", role=" + role + ", sites=" + siteScope() + "]";
  }
}
