package io.flarewatch.edge.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigCheck;
import io.flarewatch.config.ConfigKey;
import io.flarewatch.config.PasswordHash;
import io.flarewatch.wire.access.SiteAccessToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The site's own copy of the web app and its site-local API, for the tablets on the site's network
 * (served whether or not central can be reached). Absent: not served.
 *
 * @param host address to listen on, default 0.0.0.0
 * @param port default 8080; 0 picks a free port
 * @param rollupPath the SQLite file of the 1-minute rollups the 24 h charts read; default the
 *     buffer's path with {@code .rollups} appended
 * @param rollupHours how much of the rollups is kept, 24 to 168 hours; default 24
 * @param maxRollupRows at most this many rollup rows are kept (the oldest minutes go first), 10,000
 *     to 50,000,000; default 5,000,000 (about 24 h of 1,000 miners)
 * @param sessionMinutes how long a local account's login lasts, 5 to 10,080; default 720
 * @param maxLoadStepKw the largest generator load step a local command may cause per {@code
 *     rampStepSeconds}; absent: the site-local app takes no commands
 * @param rampStepSeconds the window a load step is measured over, 1 to 600; default 5
 * @param accounts local accounts, for first setup and for when no one has a token from central
 */
public record LocalAppConfig(
    @JsonProperty("host") String host,
    @JsonProperty("port") Integer port,
    @JsonProperty("rollupPath") Path rollupPath,
    @JsonProperty("rollupHours") Integer rollupHours,
    @JsonProperty("maxRollupRows") Integer maxRollupRows,
    @JsonProperty("sessionMinutes") Integer sessionMinutes,
    @JsonProperty("maxLoadStepKw") Double maxLoadStepKw,
    @JsonProperty("rampStepSeconds") Integer rampStepSeconds,
    @JsonProperty("accounts") List<Account> accounts) {

  public static final int DEFAULT_PORT = 8080;

  public LocalAppConfig {
    host = host == null ? "0.0.0.0" : host;
    port = port == null ? DEFAULT_PORT : port;
    rollupHours = rollupHours == null ? 24 : rollupHours;
    maxRollupRows = maxRollupRows == null ? 5_000_000 : maxRollupRows;
    sessionMinutes = sessionMinutes == null ? 720 : sessionMinutes;
    rampStepSeconds = rampStepSeconds == null ? 5 : rampStepSeconds;
    accounts = accounts == null ? List.of() : accounts;
    ConfigCheck check = new ConfigCheck();
    check.that(port >= 0 && port <= 65535, "port", port + " is not a port number (0 to 65535)");
    check.that(
        rollupHours >= 24 && rollupHours <= 168, "rollupHours", rollupHours + " is not 24 to 168");
    check.that(
        maxRollupRows >= 10_000 && maxRollupRows <= 50_000_000,
        "maxRollupRows",
        maxRollupRows + " is not 10000 to 50000000");
    check.that(
        sessionMinutes >= 5 && sessionMinutes <= SiteAccessToken.MAX_LIFETIME.toMinutes(),
        "sessionMinutes",
        sessionMinutes + " is not 5 to " + SiteAccessToken.MAX_LIFETIME.toMinutes());
    check.that(
        maxLoadStepKw == null || (maxLoadStepKw > 0 && maxLoadStepKw <= 100_000),
        "maxLoadStepKw",
        maxLoadStepKw + " is not more than 0 and at most 100000 kW");
    check.that(
        rampStepSeconds >= 1 && rampStepSeconds <= 600,
        "rampStepSeconds",
        rampStepSeconds + " is not 1 to 600");
    Set<String> names = new HashSet<>();
    for (int i = 0; i < accounts.size(); i++) {
      Account account = accounts.get(i);
      String key = ConfigKey.element("accounts", i);
      if (!check.that(account != null, key, "is empty")) {
        continue;
      }
      check.that(
          account.name() == null || names.add(account.name()),
          ConfigKey.join(key, "name"),
          "'" + account.name() + "' is used twice");
    }
    check.orThrow();
  }

  /** Where the rollups are kept: {@code rollupPath}, or next to the buffer. */
  public Path rollupFile(Path bufferPath) {
    return rollupPath != null
        ? rollupPath
        : bufferPath.resolveSibling(bufferPath.getFileName() + ".rollups");
  }

  @JsonIgnore
  public Duration rollupWindow() {
    return Duration.ofHours(rollupHours);
  }

  @JsonIgnore
  public Duration sessionLifetime() {
    return Duration.ofMinutes(sessionMinutes);
  }

  /**
   * A local account.
   *
   * @param name the user name
   * @param passwordHash {@code pbkdf2-sha256$...}, as {@code flarewatch password-hash} prints it
   * @param role VIEWER, ENGINEER, OPERATOR or ADMIN
   */
  public record Account(
      @JsonProperty("name") String name,
      @JsonProperty("passwordHash") String passwordHash,
      @JsonProperty("role") String role) {

    public Account {
      role = role == null ? null : role.strip().toUpperCase(Locale.ROOT);
      ConfigCheck check = new ConfigCheck();
      check.that(
          name != null && !name.isBlank() && name.length() <= 128,
          "name",
          "is required, at most 128 characters");
      String hash = passwordHash;
      check.run("passwordHash", () -> PasswordHash.parse(hash));
      check.that(
          role != null && SiteAccessToken.ROLES.contains(role),
          "role",
          "'" + role + "' is not one of " + SiteAccessToken.ROLES);
      check.orThrow();
    }

    @JsonIgnore
    public PasswordHash password() {
      return PasswordHash.parse(passwordHash);
    }

    @Override
    public String toString() {
      return "Account[name=" + name + ", role=" + role + ", passwordHash hidden]";
    }
  }
}
