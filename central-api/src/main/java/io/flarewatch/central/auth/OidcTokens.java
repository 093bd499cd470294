package io.flarewatch.central.auth;

import io.flarewatch.central.config.OidcConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

/**
 * Access tokens of an OpenID Connect provider: RS256 or ES256, signed by one of the configured
 * keys, with the configured issuer and audience, not expired (30 s of clock skew allowed).
 */
public final class OidcTokens {

  private static final int CLOCK_SKEW_SECONDS = 30;

  private final JWTAuth jwt;
  private final OidcConfig config;

  public OidcTokens(Vertx vertx, OidcConfig config) {
    this.config = config;
    JWTAuthOptions options =
        new JWTAuthOptions()
            .setJWTOptions(
                new JWTOptions()
                    .setIssuer(config.issuer())
                    .addAudience(config.audience())
                    .setLeeway(CLOCK_SKEW_SECONDS));
    for (int i = 0; i < config.publicKeysPem().size(); i++) {
      options.addPubSecKey(
          new PubSecKeyOptions()
              .setAlgorithm(config.algorithm(i))
              .setBuffer(config.publicKeysPem().get(i)));
    }
    this.jwt = JWTAuth.create(vertx, options);
  }

  public Future<Principal> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token)).compose(this::principal);
  }

  private Future<Principal> principal(User user) {
    if (!user.containsKey("exp")) {
      return Future.failedFuture("the token has no expiry");
    }
    if (!(user.get("sub") instanceof String subject) || subject.isBlank()) {
      return Future.failedFuture("the token has no subject");
    }
    return Future.succeededFuture(
        new Principal(subject, highestRole(user.get(config.roleClaim())), Principal.OIDC));
  }

  /** The highest role the claim names; null when it names none. */
  private static Role highestRole(Object claim) {
    Iterable<?> names =
        claim instanceof JsonArray list ? list : java.util.List.of(String.valueOf(claim));
    Role highest = null;
    for (Object name : names) {
      Role role = name instanceof String text ? Role.parse(text).orElse(null) : null;
      if (role != null && (highest == null || role.includes(highest))) {
        highest = role;
      }
    }
    return highest;
  }
}
