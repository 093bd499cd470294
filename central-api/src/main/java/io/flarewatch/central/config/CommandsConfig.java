package io.flarewatch.central.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigCheck;
import java.security.PrivateKey;

/**
 * Remote commands: how central signs them, how long they may wait for their site, and how often the
 * command stream is pinged.
 *
 * @param signingKeyFile an Ed25519 private key in PEM (PKCS#8), e.g. from {@code openssl genpkey
 *     -algorithm ed25519 -out command-signing.pem}; its public key goes into every edge's config.
 *     Absent: a key made for each run, with a loud warning (edges configured with an earlier key
 *     refuse its commands)
 * @param defaultExpirySeconds a command without {@code expiresAt} expires this long after it may
 *     start (default 900)
 * @param maxExpirySeconds the latest {@code expiresAt} accepted, after issue (default 86400)
 * @param pingSeconds the command stream pings the edge this often; less than {@code
 *     http.idleTimeoutSeconds}. Absent here: set by {@link CentralConfig} to 20, or half the idle
 *     timeout when that is shorter
 */
public record CommandsConfig(
    @JsonProperty("signingKeyFile") String signingKeyFile,
    @JsonProperty("defaultExpirySeconds") Integer defaultExpirySeconds,
    @JsonProperty("maxExpirySeconds") Integer maxExpirySeconds,
    @JsonProperty("pingSeconds") Integer pingSeconds) {

  public static final int DEFAULT_EXPIRY_SECONDS = 900;
  public static final int DEFAULT_MAX_EXPIRY_SECONDS = 86_400;
  public static final int DEFAULT_PING_SECONDS = 20;

  /** A week: the edge keeps executed ids until expiry, so the window stays bounded. */
  private static final int LONGEST_EXPIRY_SECONDS = 7 * 86_400;

  public CommandsConfig {
    defaultExpirySeconds =
        defaultExpirySeconds == null ? DEFAULT_EXPIRY_SECONDS : defaultExpirySeconds;
    maxExpirySeconds = maxExpirySeconds == null ? DEFAULT_MAX_EXPIRY_SECONDS : maxExpirySeconds;
    ConfigCheck check = new ConfigCheck();
    if (signingKeyFile != null) {
      String file = signingKeyFile;
      check.run("signingKeyFile", () -> readKey(file));
    }
    check.that(
        maxExpirySeconds >= 60 && maxExpirySeconds <= LONGEST_EXPIRY_SECONDS,
        "maxExpirySeconds",
        maxExpirySeconds + " is not 60 to " + LONGEST_EXPIRY_SECONDS + " seconds");
    check.that(
        defaultExpirySeconds >= 10 && defaultExpirySeconds <= maxExpirySeconds,
        "defaultExpirySeconds",
        defaultExpirySeconds + " is not 10 to maxExpirySeconds (" + maxExpirySeconds + ")");
    check.that(
        pingSeconds == null || (pingSeconds >= 1 && pingSeconds <= 3_600),
        "pingSeconds",
        pingSeconds + " is not 1 to 3600 seconds");
    check.orThrow();
  }

  /** The same settings pinging every {@code seconds}. */
  public CommandsConfig withPingSeconds(int seconds) {
    return new CommandsConfig(signingKeyFile, defaultExpirySeconds, maxExpirySeconds, seconds);
  }

  public static CommandsConfig defaults() {
    return new CommandsConfig(null, null, null, null);
  }

  /** The configured signing key, or null. */
  @JsonIgnore
  public PrivateKey signingKey() {
    return signingKeyFile == null ? null : readKey(signingKeyFile);
  }

  private static PrivateKey readKey(String file) {
    return SigningKeyFile.read(file);
  }
}
