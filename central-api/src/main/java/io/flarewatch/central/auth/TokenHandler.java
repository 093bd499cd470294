package io.flarewatch.central.auth;

import io.flarewatch.central.audit.AuditRecorder;
import io.flarewatch.central.http.ApiException;
import io.flarewatch.central.http.JsonBodies;
import io.flarewatch.central.http.QueryParameters;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

/**
 * {@code POST /api/v1/auth/token} with {@code {"username", "password"}}: a local user's login,
 * answered {@code {"token", "expiresAt", "role"}}. Unknown user and wrong password get the same
 * 401; repeated failures get 429 with Retry-After (see {@link LoginThrottle}). Every attempt is
 * audited under the name it claimed.
 */
public final class TokenHandler implements Handler<RoutingContext> {

  private static final Set<String> KEYS = Set.of("username", "password");
  static final int MAX_USERNAME_CHARS = 128;
  static final int MAX_PASSWORD_CHARS = 1024;

  private final LocalLogin login;
  private final LocalTokens tokens;
  private final LoginThrottle throttle;
  private final AuditRecorder audit;

  public TokenHandler(
      LocalLogin login, LocalTokens tokens, LoginThrottle throttle, AuditRecorder audit) {
    this.login = login;
    this.tokens = tokens;
    this.throttle = throttle;
    this.audit = audit;
  }

  @Override
  public void handle(RoutingContext ctx) {
    audit.recordWhenDone(ctx);
    QueryParameters.of(ctx, Set.of());
    JsonObject body = body(ctx);
    String username = text(body, "username", MAX_USERNAME_CHARS);
    AuditRecorder.claimedUser(ctx, username);
    char[] password = text(body, "password", MAX_PASSWORD_CHARS).toCharArray();
    String address = ctx.request().remoteAddress().hostAddress();
    throttle
        .admit(username, address)
        .ifPresent(
            wait -> {
              int seconds = retryAfterSeconds(wait);
              throw new ApiException(
                  429,
                  "too-many-logins",
                  "Too many logins",
                  "Too many failed or concurrent logins for this user from this address; retry in "
                      + seconds
                      + " s.",
                  seconds,
                  null);
            });
    ctx.vertx()
        .executeBlocking(() -> check(username, password), false)
        .andThen(
            checked -> {
              if (checked.succeeded() && checked.result() != null) {
                throttle.succeeded(username, address);
              } else {
                throttle.failed(username, address);
              }
            })
        .onFailure(ctx::fail)
        .onSuccess(
            issued -> {
              if (issued == null) {
                ctx.response().putHeader(Authz.WWW_AUTHENTICATE, Authz.REALM);
                ctx.fail(ApiException.unauthorized("Unknown user or wrong password."));
                return;
              }
              ctx.put(
                  Principal.CONTEXT_KEY,
                  new Principal(username, issued.role(), Principal.LOCAL, issued.sites()));
              ctx.response()
                  .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                  .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                  .end(
                      new JsonObject()
                          .put("token", issued.token())
                          .put("expiresAt", issued.expiresAt().toString())
                          .put("role", issued.role().name())
                          .encode());
            });
  }

  private static int retryAfterSeconds(Duration wait) {
    return (int) Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  private IssuedToken check(String username, char[] password) {
    try {
      return login.check(username, password).map(tokens::issue).orElse(null);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static JsonObject body(RoutingContext ctx) {
    String expected = "The body must be {\"username\": \"…\", \"password\": \"…\"}.";
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType == null || !contentType.startsWith("application/json")) {
      throw new ApiException(
          415,
          "unsupported-media-type",
          "Unsupported media type",
          "Send {\"username\", \"password\"} as application/json; got " + contentType + ".");
    }
    JsonObject body = JsonBodies.object(ctx, "bad-credentials-body", expected);
    if (!KEYS.containsAll(body.fieldNames())) {
      throw ApiException.badRequest("bad-credentials-body", expected);
    }
    return body;
  }

  /** A non-empty string of at most {@code maxChars}, refused before any password check. */
  private static String text(JsonObject body, String key, int maxChars) {
    Object value = body.getValue(key);
    if (!(value instanceof String text) || text.isEmpty() || text.length() > maxChars) {
      throw ApiException.badRequest(
          "bad-credentials-body",
          "'" + key + "' must be a non-empty string of at most " + maxChars + " characters.");
    }
    return text;
  }
}
