package io.flarewatch.central.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigException;
import io.flarewatch.wire.signing.Ed25519Signatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;

/**
 * How central signs reports.
 *
 * @param signingKeyFile an Ed25519 private key in PEM (PKCS#8), e.g. from {@code openssl genpkey
 *     -algorithm ed25519 -out report-signing.pem}; absent: a key made for each run, with a warning
 */
public record ReportsConfig(@JsonProperty("signingKeyFile") String signingKeyFile) {

  public ReportsConfig {
    if (signingKeyFile != null) {
      readKey(signingKeyFile);
    }
  }

  /** No signing key configured. */
  public static ReportsConfig defaults() {
    return new ReportsConfig(null);
  }

  /** The configured signing key, or null. */
  @JsonIgnore
  public PrivateKey signingKey() {
    return signingKeyFile == null ? null : readKey(signingKeyFile);
  }

  private static PrivateKey readKey(String file) {
    String pem;
    try {
      pem = Files.readString(Path.of(file));
    } catch (IOException | RuntimeException e) {
      throw new ConfigException("reports.signingKeyFile", "cannot read '" + file + "': " + e);
    }
    try {
      return Ed25519Signatures.readPrivateKey(pem);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("reports.signingKeyFile", "'" + file + "': " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "ReportsConfig[signingKeyFile=" + signingKeyFile + "]";
  }
}
