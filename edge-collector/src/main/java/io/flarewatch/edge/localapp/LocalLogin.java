package io.flarewatch.edge.localapp;

import io.flarewatch.login.LoginThrottle;
import io.flarewatch.wire.SiteAudit;
import io.flarewatch.wire.access.SiteAccessToken;
import io.flarewatch.wire.access.SiteAccessToken.InvalidAccessTokenException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/auth/token} at the edge, answered like central's login ({@code {"token",
 * "expiresAt", "role"}}): either {@code {"username", "password"}} of a local account, or {@code
 * {"siteToken"}}, a token central signed ({@code POST /api/v1/auth/site-token}), checked offline
 * and answered as the bearer token itself. Unknown user and wrong password get the same 401.
 * Guessing is slowed by the same rules as at central ({@link LoginThrottle}: an account that failed
 * 10 times in a row, or an address that failed 20 times, waits, 429 with {@code Retry-After}); at
 * most two password checks run at once (429 beyond), so logins cannot tie up the edge. Every
 * attempt is logged and recorded in the site's audit ({@link SiteAuditLog}) with the name it
 * claimed, never the password or the token.
 */
final class LocalLogin implements Function<RoutingContext, Future<JsonObject>> {

  private static final Logger LOG = LoggerFactory.getLogger(LocalLogin.class);
  private static final Set<String> KEYS =
      Set.of("username", "password", "deviceToken", "siteToken");
  private static final String EXPECTED =
      "The body must be {\"username\": \"…\", \"password\": \"…\"} of a local account, or"
          + " {\"siteToken\": \"…\"} from central's POST /api/v1/auth/site-token.";

  private final LocalAuth auth;
  private final LoginThrottle throttle;
  private final SiteAuditLog audit;
  private final Semaphore checks = new Semaphore(2);

  LocalLogin(LocalAuth auth, LoginThrottle throttle, SiteAuditLog audit) {
    this.auth = auth;
    this.throttle = throttle;
    this.audit = audit;
  }

  @Override
  public Future<JsonObject> apply(RoutingContext ctx) {
    LocalReads.noParameters(ctx, Set.of());
    JsonObject body = body(ctx);
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    if (body.containsKey("siteToken")) {
      return Future.succeededFuture(siteToken(ctx, text(body, "siteToken", 4096)));
    }
    String username = text(body, "username", 128);
    char[] password = text(body, "password", 1024).toCharArray();
    if (!checks.tryAcquire()) {
      Arrays.fill(password, '\0');
      throw refused(ctx, username, 1, SiteAudit.OUTCOME_REFUSED, "too many logins at once");
    }
    LoginThrottle.Admission admission =
        throttle.admit(new LoginThrottle.Attempt(username, address(ctx), null));
    if (!admission.admitted()) {
      checks.release();
      Arrays.fill(password, '\0');
      LOG.warn("site-local login of '{}' held back by the throttle", username);
      throw refused(
          ctx,
          username,
          admission.retryAfterSeconds(),
          SiteAudit.OUTCOME_LOCKED,
          "too many failed logins for this user or from this address");
    }
    LoginThrottle.Attempt attempt = admission.attempt();
    return ctx.vertx()
        .executeBlocking(
            () -> {
              try {
                return auth.login(username, password).orElse(null);
              } finally {
                Arrays.fill(password, '\0');
              }
            },
            false)
        .andThen(
            done -> {
              checks.release();
              if (done.succeeded() && done.result() != null) {
                throttle.succeeded(attempt);
              } else {
                throttle.failed(attempt);
              }
            })
        .map(
            token -> {
              if (token == null) {
                LOG.warn("site-local login of '{}' refused", username);
                audit.recordOrCount(
                    entry(ctx, username, null, SiteAudit.OUTCOME_REFUSED, 401, null));
                throw LocalProblem.unauthorized("Unknown user or wrong password.");
              }
              LOG.info("site-local login of local account {}", username);
              SiteAccessToken access = auth.verify(token);
              audit.recordOrCount(
                  entry(ctx, username, access.role(), SiteAudit.OUTCOME_OK, 200, null));
              return answer(token, access);
            });
  }

  private JsonObject siteToken(RoutingContext ctx, String token) {
    try {
      SiteAccessToken access = auth.central(token);
      LOG.info("site-local login of {} with a token from central", access.subject());
      audit.recordOrCount(
          SiteAuditLog.entry(
              ctx,
              access.subject(),
              access.role(),
              SiteAudit.VIA_SITE_TOKEN,
              SiteAudit.ACTION_TOKEN_LOGIN,
              SiteAudit.OUTCOME_OK,
              200,
              null,
              null));
      return answer(token, access);
    } catch (InvalidAccessTokenException e) {
      LOG.warn("site-local login with a token from central refused: {}", e.getMessage());
      audit.recordOrCount(
          SiteAuditLog.entry(
              ctx,
              null,
              null,
              SiteAudit.VIA_SITE_TOKEN,
              SiteAudit.ACTION_TOKEN_LOGIN,
              SiteAudit.OUTCOME_REFUSED,
              401,
              null,
              e.getMessage()));
      throw LocalProblem.unauthorized("The token is not accepted here: " + e.getMessage() + ".");
    }
  }

  /** A 429 with {@code Retry-After}, recorded. */
  private LocalProblem refused(
      RoutingContext ctx, String username, int retrySeconds, String outcome, String why) {
    ctx.response().putHeader("Retry-After", Integer.toString(retrySeconds));
    audit.recordOrCount(entry(ctx, username, null, outcome, 429, why));
    return new LocalProblem(
        429,
        "too-many-logins",
        "Too many logins",
        "Too many failed logins for this user or from this address, or too many at once; retry in "
            + retrySeconds
            + " s.");
  }

  private static SiteAuditLog.Entry entry(
      RoutingContext ctx, String username, String role, String outcome, int status, String note) {
    return SiteAuditLog.entry(
        ctx,
        username,
        role,
        SiteAudit.VIA_LOCAL,
        SiteAudit.ACTION_LOGIN,
        outcome,
        status,
        null,
        note);
  }

  private static String address(RoutingContext ctx) {
    SocketAddress remote = ctx.request().remoteAddress();
    return remote == null ? "unknown" : remote.hostAddress();
  }

  private static JsonObject answer(String token, SiteAccessToken access) {
    return new JsonObject()
        .put("token", token)
        .put("expiresAt", access.expiresAt().toString())
        .put("role", access.role())
        .put("source", LocalReads.SOURCE);
  }

  private static JsonObject body(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null || !type.startsWith("application/json")) {
      throw new LocalProblem(415, "unsupported-media-type", "Unsupported media type", EXPECTED);
    }
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw LocalProblem.badRequest("bad-credentials-body", EXPECTED);
    }
    if (body == null || !KEYS.containsAll(body.fieldNames())) {
      throw LocalProblem.badRequest("bad-credentials-body", EXPECTED);
    }
    return body;
  }

  private static String text(JsonObject body, String key, int maxChars) {
    Object value = body.getValue(key);
    if (!(value instanceof String text) || text.isEmpty() || text.length() > maxChars) {
      throw LocalProblem.badRequest(
          "bad-credentials-body",
          "'" + key + "' must be a non-empty string of at most " + maxChars + " characters.");
    }
    return text;
  }
}
