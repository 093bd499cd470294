package io.flarewatch.central.auth;

import io.vertx.ext.web.RoutingContext;

/**
 * Who a request acts for, once its bearer token was verified.
 *
 * @param name the local user name, or the identity provider's {@code sub}
 * @param role what they may do; null when a provider's token names no known role (such a user may
 *     do nothing)
 * @param via {@code local} for central's own tokens, {@code oidc} for the provider's
 * @param sites the sites they may see
 */
public record Principal(String name, Role role, String via, SiteScope sites) {

  /** Where {@link Authz} leaves the principal in the routing context. */
  public static final String CONTEXT_KEY = "flarewatch.principal";

  public static final String LOCAL = "local";
  public static final String OIDC = "oidc";

  public boolean may(Role minimum) {
    return role != null && role.includes(minimum);
  }

  /** The principal {@link Authz} let through; only for handlers mounted after it. */
  public static Principal of(RoutingContext ctx) {
    Principal principal = ctx.get(CONTEXT_KEY);
    if (principal == null) {
      throw new IllegalStateException(
          ctx.request().path() + " is served without Authz ahead of its handler");
    }
    return principal;
  }
}
