package io.flarewatch.central.reports.signing;

import io.flarewatch.central.config.ReportsConfig;
import io.flarewatch.wire.signing.Ed25519Signatures;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Central's report signing key: the Ed25519 key of {@code reports.signingKeyFile}, or, when none is
 * configured, a key made for this run only, with a loud warning, since its signatures cannot be
 * verified once central restarts (or on another replica).
 */
public final class ReportSigner {

  private static final Logger LOG = LoggerFactory.getLogger(ReportSigner.class);

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keyId;
  private final String publicKeyPem;

  private ReportSigner(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.keyId = Ed25519Signatures.keyId(publicKey);
    this.publicKeyPem = Ed25519Signatures.publicKeyPem(publicKey);
  }

  /** The configured key, or an ephemeral one (logged as a warning). */
  public static ReportSigner from(ReportsConfig config) {
    if (config.signingKey() != null) {
      PrivateKey key = config.signingKey();
      ReportSigner signer = new ReportSigner(key, Ed25519Signatures.publicKeyOf(key));
      LOG.info("reports are signed with key {} of {}", signer.keyId, config.signingKeyFile());
      return signer;
    }
    KeyPair pair = Ed25519Signatures.newKeyPair();
    ReportSigner signer = new ReportSigner(pair.getPrivate(), pair.getPublic());
    LOG.warn(
        "*** reports.signingKeyFile is not set: reports are signed with key {}, made for this run"
            + " only. Its signatures cannot be verified after a restart or on another replica."
            + " Create a key with 'openssl genpkey -algorithm ed25519 -out report-signing.pem'"
            + " and set reports.signingKeyFile. ***",
        signer.keyId);
    return signer;
  }

  /** Ed25519 signature of exactly {@code bytes}. */
  public byte[] sign(byte[] bytes) {
    return Ed25519Signatures.sign(privateKey, bytes);
  }

  /** First 16 hex digits of SHA-256 over the public key (DER). */
  public String keyId() {
    return keyId;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** The public key, PEM (SubjectPublicKeyInfo). */
  public String publicKeyPem() {
    return publicKeyPem;
  }
}
