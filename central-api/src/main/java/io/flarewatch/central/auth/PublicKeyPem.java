package io.flarewatch.central.auth;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * An identity provider's public key in PEM ({@code -----BEGIN PUBLIC KEY-----}), and the JWS
 * algorithm its tokens are verified with: RS256 for RSA keys of at least 2048 bits, ES256 for EC
 * keys on P-256.
 */
public final class PublicKeyPem {

  private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String END = "-----END PUBLIC KEY-----";

  private PublicKeyPem() {}

  /**
   * The algorithm for this key.
   *
   * @throws IllegalArgumentException naming what is wrong with the key
   */
  public static String algorithm(String pem) {
    PublicKey key = parse(pem);
    if (key instanceof RSAPublicKey rsa) {
      if (rsa.getModulus().bitLength() < 2048) {
        throw new IllegalArgumentException(
            "is an RSA key of " + rsa.getModulus().bitLength() + " bits; at least 2048 needed");
      }
      return "RS256";
    }
    if (key instanceof ECPublicKey ec
        && ec.getParams().getCurve().getField().getFieldSize() == 256) {
      return "ES256";
    }
    throw new IllegalArgumentException("must be an RSA key (RS256) or an EC P-256 key (ES256)");
  }

  private static PublicKey parse(String pem) {
    if (pem == null) {
      throw new IllegalArgumentException("is empty");
    }
    String text = pem.strip();
    if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
      throw new IllegalArgumentException("must be a PEM block " + BEGIN + " … " + END);
    }
    byte[] der;
    try {
      der =
          Base64.getMimeDecoder()
              .decode(text.substring(BEGIN.length(), text.length() - END.length()).strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("does not hold base64 between its PEM lines");
    }
    for (String type : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException notThisType) {
        // try the next key type
      }
    }
    throw new IllegalArgumentException("is neither an RSA nor an EC public key");
  }
}
