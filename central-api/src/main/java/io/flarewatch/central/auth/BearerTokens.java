package io.flarewatch.central.auth;

import io.flarewatch.central.config.AuthConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * Verifies a user's bearer token: central's own tokens first, then, when configured, the identity
 * provider's. Each verifier holds only its own keys, so a token signed for one is never accepted by
 * the other (no algorithm confusion between the HS256 secret and the providers' public keys).
 */
public final class BearerTokens {

  private final LocalTokens local;
  private final OidcTokens oidc;

  public BearerTokens(Vertx vertx, AuthConfig config, Clock clock) {
    this.local = new LocalTokens(vertx, config, clock);
    this.oidc =
        config.oidc() == null
            ? null
            : new OidcTokens(vertx, config.oidc(), config.maxTokenLifetime(), clock);
  }

  public LocalTokens local() {
    return local;
  }

  /** The token's principal; fails with the reason when no verifier accepts it. */
  public Future<Principal> verify(String token) {
    Future<Principal> fromLocal = local.verify(token);
    return oidc == null ? fromLocal : fromLocal.recover(notLocal -> oidc.verify(token));
  }
}
