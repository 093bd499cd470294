package io.flarewatch.central.auth;

import io.flarewatch.central.config.OidcConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Access tokens of an OpenID Connect provider: RS256 or ES256, signed by one of the configured
 * keys, with the configured issuer and audience, not expired (30 s of clock skew allowed), and held
 * to {@link VerifiedClaims}' rules: {@code iat} required, {@code exp - iat} at most {@code
 * auth.maxTokenLifetimeMinutes}. With {@code auth.oidc.sitesClaim}, the token's claim lists the
 * user's sites.
 */
public final class OidcTokens {

  private static final int CLOCK_SKEW_SECONDS = 30;

  private final VerifiedClaims claims;
  private final OidcConfig config;

  public OidcTokens(Vertx vertx, OidcConfig config, Duration maxLifetime, Clock clock) {
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
    this.claims =
        new VerifiedClaims(
            JWTAuth.create(vertx, options),
            maxLifetime,
            clock,
            Duration.ofSeconds(CLOCK_SKEW_SECONDS));
  }

  public Future<Principal> verify(String token) {
    return claims.of(token).map(this::principal);
  }

  private Principal principal(JsonObject claims) {
    return new Principal(
        claims.getString("sub"),
        highestRole(claims.getValue(config.roleClaim())),
        Principal.OIDC,
        config.sitesClaim() == null ? SiteScope.ALL : sites(claims.getValue(config.sitesClaim())));
  }

  /**
   * The sites the claim lists: one id or a list of them, {@code "*"} for every site; nothing (or
   * anything else) for no site.
   */
  private static SiteScope sites(Object claim) {
    Iterable<?> names =
        claim instanceof JsonArray list ? list : claim == null ? List.of() : List.of(claim);
    Set<String> ids = new HashSet<>();
    for (Object name : names) {
      if ("*".equals(name)) {
        return SiteScope.ALL;
      }
      if (name instanceof String id) {
        ids.add(id);
      }
    }
    return ids.isEmpty() ? SiteScope.NONE : SiteScope.of(ids);
  }

  /** The highest role the claim names; null when it names none. */
  private static Role highestRole(Object claim) {
    Iterable<?> names = claim instanceof JsonArray list ? list : List.of(String.valueOf(claim));
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
