package io.flarewatch.central.auth;

import io.flarewatch.central.config.AuthConfig;
import io.flarewatch.central.config.UserConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The tokens central issues to its local users: HS256 JWTs with {@code sub}, {@code role}, {@code
 * iat} and {@code exp}, signed with {@code auth.jwtSecret}.
 *
 * <p>A token is accepted only while its user is still configured, and it carries the user's role
 * from the current config rather than the role written in the token, so removing or demoting a user
 * takes effect at the next restart, not at the token's expiry; so do the user's sites. Its claims
 * are held to {@link VerifiedClaims}' rules, so even a token signed with the real key lives no
 * longer than {@code auth.maxTokenLifetimeMinutes}.
 */
public final class LocalTokens {

  static final String ALGORITHM = "HS256";

  private final JWTAuth jwt;
  private final VerifiedClaims claims;
  private final AuthConfig config;
  private final Clock clock;

  public LocalTokens(Vertx vertx, AuthConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.jwt =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(
                    new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(config.jwtSecret())));
    this.claims = new VerifiedClaims(jwt, config.maxTokenLifetime(), clock, Duration.ZERO);
  }

  public IssuedToken issue(UserConfig user) {
    long now = clock.instant().getEpochSecond();
    long expires = now + config.tokenTtlMinutes() * 60L;
    JsonObject claims =
        new JsonObject()
            .put("sub", user.name())
            .put("role", user.role().name())
            .put("iat", now)
            .put("exp", expires);
    String token =
        jwt.generateToken(claims, new JWTOptions().setAlgorithm(ALGORITHM).setNoTimestamp(true));
    return new IssuedToken(token, Instant.ofEpochSecond(expires), user.role(), user.siteScope());
  }

  /** The token's user; fails when the signature, expiry or user does not hold. */
  public Future<Principal> verify(String token) {
    return claims.of(token).compose(this::principal);
  }

  private Future<Principal> principal(JsonObject claims) {
    return config
        .user(claims.getString("sub"))
        .map(
            u ->
                Future.succeededFuture(
                    new Principal(u.name(), u.role(), Principal.LOCAL, u.siteScope())))
        .orElseGet(() -> Future.failedFuture("the token's user is no longer configured"));
  }
}
