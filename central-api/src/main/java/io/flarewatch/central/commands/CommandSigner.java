package io.flarewatch.central.commands;

import io.flarewatch.central.config.CommandsConfig;
import io.flarewatch.wire.access.SiteAccessToken;
import io.flarewatch.wire.command.CommandEnvelope;
import io.flarewatch.wire.command.SignedCommand;
import io.flarewatch.wire.signing.Ed25519Signatures;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Central's command signing key: the Ed25519 key of {@code commands.signingKeyFile}, or, when none
 * is configured, a key made for this run only, with a loud warning: edges configured with another
 * key refuse its commands ({@code bad_signature}), and after a restart or on another replica the
 * key differs. Refusing is the safe failure, so central starts either way.
 */
public final class CommandSigner {

  private static final Logger LOG = LoggerFactory.getLogger(CommandSigner.class);

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keyId;

  private CommandSigner(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.keyId = Ed25519Signatures.keyId(publicKey);
  }

  /** The configured key, or one made for this run (logged as a warning with its public key). */
  public static CommandSigner from(CommandsConfig config) {
    PrivateKey key = config.signingKey();
    if (key != null) {
      CommandSigner signer = new CommandSigner(key, Ed25519Signatures.publicKeyOf(key));
      LOG.info("commands are signed with key {} of {}", signer.keyId, config.signingKeyFile());
      return signer;
    }
    KeyPair pair = Ed25519Signatures.newKeyPair();
    CommandSigner signer = new CommandSigner(pair.getPrivate(), pair.getPublic());
    LOG.warn(
        "*** commands.signingKeyFile is not set: commands are signed with key {}, made for this"
            + " run only; edges refuse them unless configured with this public key, and after a"
            + " restart the key changes. Create one with 'openssl genpkey -algorithm ed25519 -out"
            + " command-signing.pem' and set commands.signingKeyFile. Public key:\n{}",
        signer.keyId,
        signer.publicKeyPem());
    return signer;
  }

  public SignedCommand sign(CommandEnvelope envelope) {
    return SignedCommand.sign(envelope, privateKey, publicKey);
  }

  /** A user's site access token, signed with the same key, which every edge already trusts. */
  public String signAccess(SiteAccessToken token) {
    return token.sign(privateKey);
  }

  public String keyId() {
    return keyId;
  }

  /** The public key, PEM (SubjectPublicKeyInfo), for the edge's {@code centralPublicKeyFile}. */
  public String publicKeyPem() {
    return Ed25519Signatures.publicKeyPem(publicKey);
  }
}
