package io.flarewatch.simulator;

import static io.flarewatch.simulator.ConfigChecks.require;

/**
 * How the simulated Whatsminers guard their writes ({@code miners.whatsminer} in the config).
 *
 * @param adminPassword the admin password the write key is derived from (factory default {@code
 *     admin}); never printed
 * @param tokenTtlSeconds how long a token from {@code get_token} is accepted (the firmware keeps
 *     one 30 minutes)
 * @param idleTimeoutMillis a connection that has not sent a complete request after this long is
 *     closed (the firmware waits 10 s)
 */
public record WhatsminerConfig(String adminPassword, long tokenTtlSeconds, long idleTimeoutMillis) {

  public WhatsminerConfig {
    require(
        adminPassword != null && !adminPassword.isEmpty(),
        "miners.whatsminer.adminPassword",
        "is missing");
    require(
        tokenTtlSeconds >= 1 && tokenTtlSeconds <= 86_400,
        "miners.whatsminer.tokenTtlSeconds",
        "must be between 1 and 86400, got " + tokenTtlSeconds);
    require(
        idleTimeoutMillis >= 10 && idleTimeoutMillis <= 600_000,
        "miners.whatsminer.idleTimeoutMillis",
        "must be between 10 and 600000, got " + idleTimeoutMillis);
  }

  /** The firmware's own: password {@code admin}, tokens for 30 minutes, 10 s to send a request. */
  public static WhatsminerConfig defaults() {
    return new WhatsminerConfig("admin", 1800, 10_000);
  }

  /** A copy with another admin password. */
  public WhatsminerConfig withAdminPassword(String password) {
    return new WhatsminerConfig(password, tokenTtlSeconds, idleTimeoutMillis);
  }

  /** A copy with another token lifetime. */
  public WhatsminerConfig withTokenTtlSeconds(long seconds) {
    return new WhatsminerConfig(adminPassword, seconds, idleTimeoutMillis);
  }

  /** A copy with another idle timeout. */
  public WhatsminerConfig withIdleTimeoutMillis(long millis) {
    return new WhatsminerConfig(adminPassword, tokenTtlSeconds, millis);
  }

  @Override
  public String toString() {
    return "WhatsminerConfig[tokenTtlSeconds="
        + tokenTtlSeconds
        + ", idleTimeoutMillis="
        + idleTimeoutMillis
        + ", adminPassword hidden]";
  }
}
