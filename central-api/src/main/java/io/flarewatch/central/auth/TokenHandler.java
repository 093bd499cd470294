package io.flarewatch.central.auth;

import io.flarewatch.central.audit.AuditRecorder;
import io.flarewatch.central.http.ApiException;
import io.flarewatch.central.http.ClientAddress;
import io.flarewatch.central.http.JsonBodies;
import io.flarewatch.central.http.QueryParameters;
import io.flarewatch.login.LoginThrottle;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code POST /api/v1/auth/token} with {@code {"username", "password"[, "deviceToken"]}}: a local
 * user's login, answered {@code {"token", "expiresAt", "role", "deviceToken"}}. Unknown user and
 * wrong password get the same 401; repeated failures get 429 with Retry-After (see {@link
 * LoginThrottle}); the device token of an earlier login keeps the user's device out of the waits an
 * attack on the account causes. Every attempt is audited under the name it claimed.
 */
public final class TokenHandler implements Function<RoutingContext, Future<JsonObject>> {

  private static final Set<String> KEYS = Set.of("username", "password", "deviceToken");
  private static final String EXPECTED =
      "The body must be {\"username\": \"…\", \"password\": \"…\"} with, optionally, the"
          + " \"deviceToken\" of an earlier login.";
  static final int MAX_USERNAME_CHARS = 128;
  static final int MAX_PASSWORD_CHARS = 1024;
  static final int MAX_DEVICE_TOKEN_CHARS = 512;

  private final LocalLogin login;
  private final LocalTokens tokens;
  private final DeviceTokens devices;
  private final LoginThrottle throttle;
  private final ClientAddress clientAddress;
  private final AuditRecorder audit;

  public TokenHandler(
      LocalLogin login,
      LocalTokens tokens,
      DeviceTokens devices,
      LoginThrottle throttle,
      ClientAddress clientAddress,
      AuditRecorder audit) {
    this.login = login;
    this.tokens = tokens;
    this.devices = devices;
    this.throttle = throttle;
    this.clientAddress = clientAddress;
    this.audit = audit;
  }

  @Override
  public Future<JsonObject> apply(RoutingContext ctx) {
    audit.recordWhenDone(ctx);
    QueryParameters.of(ctx, Set.of());
    JsonObject body = body(ctx);
    String username = text(body, "username", MAX_USERNAME_CHARS);
    AuditRecorder.claimedUser(ctx, username);
    char[] password = text(body, "password", MAX_PASSWORD_CHARS).toCharArray();
    String deviceToken =
        body.getValue("deviceToken") == null
            ? null
            : text(body, "deviceToken", MAX_DEVICE_TOKEN_CHARS);
    LoginThrottle.Admission admission =
        throttle.admit(
            new LoginThrottle.Attempt(
                username,
                clientAddress.of(ctx.request()),
                devices.device(deviceToken, username).orElse(null)));
    if (!admission.admitted()) {
      Arrays.fill(password, '\0');
      int seconds = admission.retryAfterSeconds();
      throw new ApiException(
          429,
          "too-many-logins",
          "Too many logins",
          "Too many failed logins for this user or from this address, or too many at once; retry"
              + " in "
              + seconds
              + " s. A device that logged in before keeps its way in: send the deviceToken of"
              + " its last login.",
          seconds,
          null);
    }
    LoginThrottle.Attempt attempt = admission.attempt();
    return ctx.vertx()
        .executeBlocking(() -> check(username, password), false)
        .andThen(
            checked -> {
              if (checked.succeeded() && checked.result() != null) {
                throttle.succeeded(attempt);
              } else {
                throttle.failed(attempt);
              }
            })
        .compose(
            issued -> {
              if (issued == null) {
                ctx.response().putHeader(Authz.WWW_AUTHENTICATE, Authz.REALM);
                return Future.failedFuture(
                    ApiException.unauthorized("Unknown user or wrong password."));
              }
              ctx.put(
                  Principal.CONTEXT_KEY,
                  new Principal(username, issued.role(), Principal.LOCAL, issued.sites()));
              ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
              return Future.succeededFuture(
                  new JsonObject()
                      .put("token", issued.token())
                      .put("expiresAt", issued.expiresAt().toString())
                      .put("role", issued.role().name())
                      .put("deviceToken", devices.issue(username)));
            });
  }

  private IssuedToken check(String username, char[] password) {
    try {
      return login.check(username, password).map(tokens::issue).orElse(null);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static JsonObject body(RoutingContext ctx) {
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType == null || !contentType.startsWith("application/json")) {
      throw new ApiException(
          415,
          "unsupported-media-type",
          "Unsupported media type",
          "Send {\"username\", \"password\"} as application/json; got "
              + ApiException.quoted(contentType)
              + ".");
    }
    JsonObject body = JsonBodies.object(ctx, "bad-credentials-body", EXPECTED);
    if (!KEYS.containsAll(body.fieldNames())) {
      throw ApiException.badRequest("bad-credentials-body", EXPECTED);
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
