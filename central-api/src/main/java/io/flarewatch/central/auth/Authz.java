package io.flarewatch.central.auth;

import io.flarewatch.central.audit.AuditRecorder;
import io.flarewatch.central.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards user endpoints: {@code router.get(path).handler(authz.require(Role.VIEWER)).handler(...)}.
 *
 * <p>The request needs {@code Authorization: Bearer <token>} with a token central issued or one of
 * the configured identity provider; a missing, invalid or expired token is a 401 problem with
 * {@code WWW-Authenticate: Bearer}, a role below the minimum a 403. Every request through this
 * handler is audited, whatever its outcome.
 */
public final class Authz {

  static final String WWW_AUTHENTICATE = "WWW-Authenticate";
  static final String REALM = "Bearer realm=\"flarewatch\"";
  private static final String BEARER = "bearer ";

  private final BearerTokens tokens;
  private final AuditRecorder audit;

  public Authz(BearerTokens tokens, AuditRecorder audit) {
    this.tokens = tokens;
    this.audit = audit;
  }

  /** A route handler letting through users whose role includes {@code minimum}. */
  public Handler<RoutingContext> require(Role minimum) {
    return ctx -> {
      audit.recordWhenDone(ctx);
      String token = bearerToken(ctx);
      if (token == null) {
        ctx.response().putHeader(WWW_AUTHENTICATE, REALM);
        ctx.fail(
            ApiException.unauthorized(
                "A bearer token is required: Authorization: Bearer <token>, from POST"
                    + " /api/v1/auth/token or the identity provider."));
        return;
      }
      tokens
          .verify(token)
          .onFailure(
              invalid -> {
                AuditRecorder.note(ctx, "token rejected: " + invalid.getMessage());
                ctx.response().putHeader(WWW_AUTHENTICATE, REALM + ", error=\"invalid_token\"");
                ctx.fail(
                    ApiException.unauthorized("The bearer token is not valid or has expired."));
              })
          .onSuccess(
              principal -> {
                ctx.put(Principal.CONTEXT_KEY, principal);
                if (principal.may(minimum)) {
                  ctx.next();
                } else {
                  ctx.fail(
                      ApiException.forbidden(
                          "This needs the role "
                              + minimum
                              + "; "
                              + principal.name()
                              + " has "
                              + (principal.role() == null ? "no role" : principal.role())
                              + "."));
                }
              });
    };
  }

  /**
   * Audits an action before the request takes it (see {@link AuditRecorder#recordAction}); the
   * action must not be taken when this fails.
   */
  public Future<Void> auditAction(RoutingContext ctx, String note) {
    return audit.recordAction(ctx, note);
  }

  /** Audit entries of guarded requests and logins that could not be stored since start. */
  public long lostAuditEntries() {
    return audit.lostEntries();
  }

  private static String bearerToken(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || header.length() <= BEARER.length()) {
      return null;
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String token = header.substring(BEARER.length()).strip();
    return token.isEmpty() ? null : token;
  }
}
