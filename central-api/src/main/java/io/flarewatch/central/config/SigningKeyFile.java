package io.flarewatch.central.config;

import io.flarewatch.wire.signing.Ed25519Signatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;

/** An Ed25519 private key file (PKCS#8 PEM) named in the config: reports', commands'. */
final class SigningKeyFile {

  private SigningKeyFile() {}

  /**
   * The key in the file.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  static PrivateKey read(String file) {
    String pem;
    try {
      pem = Files.readString(Path.of(file));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read '" + file + "': " + e);
    }
    try {
      return Ed25519Signatures.readPrivateKey(pem);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + file + "': " + e.getMessage());
    }
  }
}
