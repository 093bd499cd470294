package io.flarewatch.central.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigException;
import java.security.PrivateKey;

/**
 * How central signs reports.
 *
 * @param signingKeyFile an Ed25519 private key in PEM (PKCS#8), e.g. from {@code openssl genpkey
 *     -algorithm ed25519 -out report-signing.pem}; absent: a key made for each run, with a warning
 * @param rollups the daily rollups the emissions report reads for whole days
 */
public record ReportsConfig(
    @JsonProperty("signingKeyFile") String signingKeyFile,
    @JsonProperty("rollups") RollupsConfig rollups) {

  public ReportsConfig {
    if (signingKeyFile != null) {
      readKey(signingKeyFile);
    }
    rollups = rollups == null ? RollupsConfig.defaults() : rollups;
  }

  /** Rollups at their defaults. */
  public ReportsConfig(String signingKeyFile) {
    this(signingKeyFile, null);
  }

  /** No signing key configured. */
  public static ReportsConfig defaults() {
    return new ReportsConfig(null, null);
  }

  /** The configured signing key, or null. */
  @JsonIgnore
  public PrivateKey signingKey() {
    return signingKeyFile == null ? null : readKey(signingKeyFile);
  }

  private static PrivateKey readKey(String file) {
    try {
      return SigningKeyFile.read(file);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("reports.signingKeyFile", e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "ReportsConfig[signingKeyFile=" + signingKeyFile + ", rollups=" + rollups + "]";
  }
}
