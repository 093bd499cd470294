package io.flarewatch.central;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;

/**
 * What tests of users and sites share: an identity provider's names and keys, a site's emissions.
 */
final class TestProvider {

  static final String ISSUER = "https://idp.test/realms/flarewatch";
  static final String AUDIENCE = "flarewatch-central";

  private static final String EMISSIONS =
      """
      {"gasComposition": {"CH4": 0.8, "C2H6": 0.1, "C3H8": 0.05, "CO2": 0.03, "N2": 0.02},
       "compositionSource": "test", "flare": {"efficiency": 0.98, "source": "test"},
       "engine": {"type": "FOUR_STROKE_LEAN_BURN"}}
      """;

  private TestProvider() {}

  /** A site's emissions parameters, as in central's config. */
  static JsonNode emissions() {
    try {
      return new ObjectMapper().readTree(EMISSIONS);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Signs (and verifies) tokens with the key pair, as the provider would. */
  static JWTAuth signer(Vertx vertx, String algorithm, KeyPair keys) {
    return JWTAuth.create(
        vertx,
        new JWTAuthOptions()
            .addPubSecKey(
                new PubSecKeyOptions()
                    .setAlgorithm(algorithm)
                    .setBuffer(pem("PRIVATE KEY", keys.getPrivate().getEncoded())))
            .addPubSecKey(
                new PubSecKeyOptions()
                    .setAlgorithm(algorithm)
                    .setBuffer(pem("PUBLIC KEY", keys.getPublic().getEncoded()))));
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
