package io.flarewatch.wire.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 signatures over exact bytes (reports, commands), with the JDK's own provider: PEM keys
 * (PKCS#8 private, X.509 SubjectPublicKeyInfo public, as {@code openssl genpkey -algorithm ed25519}
 * writes them), signing, verifying and a key's id. Uses nothing outside the JDK, so a verifier
 * needs no other library.
 */
public final class Ed25519Signatures {

  public static final String ALGORITHM = "Ed25519";
  private static final String PRIVATE_PEM = "PRIVATE KEY";
  private static final String PUBLIC_PEM = "PUBLIC KEY";

  private Ed25519Signatures() {}

  /** A new Ed25519 key pair. */
  public static KeyPair newKeyPair() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no Ed25519", e);
    }
  }

  /** The private key in PEM (PKCS#8), as {@code openssl genpkey -algorithm ed25519} writes it. */
  public static String privateKeyPem(PrivateKey key) {
    return pem(PRIVATE_PEM, key.getEncoded());
  }

  /** The public key in PEM (SubjectPublicKeyInfo), as {@code openssl pkey -pubout} writes it. */
  public static String publicKeyPem(PublicKey key) {
    return pem(PUBLIC_PEM, key.getEncoded());
  }

  /**
   * Reads an Ed25519 private key from PEM text.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static PrivateKey readPrivateKey(String pem) {
    try {
      return KeyFactory.getInstance(ALGORITHM)
          .generatePrivate(new PKCS8EncodedKeySpec(der(pem, PRIVATE_PEM)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 private key (PKCS#8): " + e.getMessage());
    }
  }

  /**
   * Reads an Ed25519 public key from PEM text.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static PublicKey readPublicKey(String pem) {
    try {
      return KeyFactory.getInstance(ALGORITHM)
          .generatePublic(new X509EncodedKeySpec(der(pem, PUBLIC_PEM)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage());
    }
  }

  /**
   * The public key of an Ed25519 private key. A PKCS#8 Ed25519 key holds only its 32-byte seed and
   * the JDK has no call that derives the public key, so the pair is generated again from that seed
   * (the generator draws exactly the seed from its random source) and checked by a signature.
   */
  public static PublicKey publicKeyOf(PrivateKey key) {
    if (!(key instanceof EdECPrivateKey edKey) || edKey.getBytes().isEmpty()) {
      throw new IllegalArgumentException("not an Ed25519 private key: " + key.getAlgorithm());
    }
    byte[] seed = edKey.getBytes().get();
    SecureRandom fromSeed =
        new SecureRandom() {
          @Override
          public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
          }
        };
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
      generator.initialize(NamedParameterSpec.ED25519, fromSeed);
      PublicKey publicKey = generator.generateKeyPair().getPublic();
      byte[] probe = "flarewatch".getBytes(StandardCharsets.US_ASCII);
      if (!verify(publicKey, probe, sign(key, probe))) {
        throw new IllegalStateException("the derived public key does not verify the private key");
      }
      return publicKey;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no Ed25519", e);
    }
  }

  /** The signature of {@code bytes}, 64 bytes. */
  public static byte[] sign(PrivateKey key, byte[] bytes) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(key);
      signature.update(bytes);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with " + key.getAlgorithm(), e);
    }
  }

  /** True when {@code signature} is {@code key}'s signature of exactly {@code bytes}. */
  public static boolean verify(PublicKey key, byte[] bytes, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(key);
      verifier.update(bytes);
      return verifier.verify(signature);
    } catch (java.security.SignatureException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot verify with this key: " + e.getMessage(), e);
    }
  }

  /** A key's id: the first 16 hex digits of SHA-256 over its SubjectPublicKeyInfo (DER). */
  public static String keyId(PublicKey key) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()))
          .substring(0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static byte[] der(String pem, String type) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("no '" + begin + "' ... '" + end + "' block");
    }
    try {
      return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the " + type + " block is not base64");
    }
  }
}
