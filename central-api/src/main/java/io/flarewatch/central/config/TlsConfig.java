package io.flarewatch.central.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flarewatch.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * HTTPS for central's listener.
 *
 * @param keyPath the private key, PEM (PKCS#8 {@code BEGIN PRIVATE KEY} or PKCS#1 {@code BEGIN RSA
 *     PRIVATE KEY})
 * @param certPath the certificate, PEM, followed by any intermediate certificates of its chain
 */
public record TlsConfig(
    @JsonProperty("keyPath") Path keyPath, @JsonProperty("certPath") Path certPath) {

  public TlsConfig {
    readable("http.tls.keyPath", keyPath, "the private key");
    readable("http.tls.certPath", certPath, "the certificate chain");
  }

  private static void readable(String key, Path path, String what) {
    if (path == null) {
      throw new ConfigException(key, "is required: the PEM file of " + what);
    }
    if (!Files.isReadable(path)) {
      throw new ConfigException(key, "'" + path + "' cannot be read");
    }
  }
}
