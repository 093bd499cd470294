package io.flarewatch.central.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.time.Clock;
import java.time.Duration;

/**
 * A bearer token's claims once its signature checked out, held to central's rules whoever issued
 * it: {@code iat} and {@code exp} must be numbers, {@code exp} after {@code iat} by at most {@code
 * auth.maxTokenLifetimeMinutes} (so a token that says it lives a century is refused, not trusted
 * for a century), {@code sub} a non-empty string. A token whose claims have the wrong types is
 * refused like any other invalid token, never a server error.
 */
final class VerifiedClaims {

  /** Where the JWT provider leaves a token's decoded claims in the user's attributes. */
  private static final String DECODED_CLAIMS = "accessToken";

  private final JWTAuth jwt;
  private final Duration maxLifetime;
  private final Clock clock;
  private final Duration leeway;

  VerifiedClaims(JWTAuth jwt, Duration maxLifetime, Clock clock, Duration leeway) {
    this.jwt = jwt;
    this.maxLifetime = maxLifetime;
    this.clock = clock;
    this.leeway = leeway;
  }

  /** The token's claims; fails with the reason when the token or its claims do not hold. */
  Future<JsonObject> of(String token) {
    Future<JsonObject> claims;
    try {
      claims =
          jwt.authenticate(new TokenCredentials(token))
              .map(user -> user.attributes().getJsonObject(DECODED_CLAIMS));
    } catch (RuntimeException malformed) {
      // the library reads claims such as a string "exp" with a cast that throws
      return Future.failedFuture("the token's claims are malformed");
    }
    return claims
        .recover(
            invalid ->
                Future.failedFuture(
                    invalid instanceof ClassCastException
                        ? "the token's claims are malformed"
                        : invalid.getMessage()))
        .compose(this::checked);
  }

  private Future<JsonObject> checked(JsonObject claims) {
    if (!(claims.getValue("iat") instanceof Number iat)) {
      return Future.failedFuture("the token has no numeric iat");
    }
    if (!(claims.getValue("exp") instanceof Number exp)) {
      return Future.failedFuture("the token has no numeric exp");
    }
    long lifetime = exp.longValue() - iat.longValue();
    if (lifetime <= 0 || lifetime > maxLifetime.toSeconds()) {
      return Future.failedFuture(
          "the token's lifetime (exp - iat = "
              + lifetime
              + " s) is not within 1 s to "
              + maxLifetime.toSeconds()
              + " s");
    }
    long now = clock.instant().getEpochSecond();
    if (iat.longValue() > now + leeway.toSeconds()) {
      return Future.failedFuture("the token's iat is in the future");
    }
    if (!(claims.getValue("sub") instanceof String subject) || subject.isBlank()) {
      return Future.failedFuture("the token has no subject");
    }
    return Future.succeededFuture(claims);
  }
}
