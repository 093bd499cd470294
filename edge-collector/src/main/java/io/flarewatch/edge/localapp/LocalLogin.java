package io.flarewatch.edge.localapp;

import io.flarewatch.wire.access.SiteAccessToken;
import io.flarewatch.wire.access.SiteAccessToken.InvalidAccessTokenException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
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
 * and answered as the bearer token itself. Unknown user and wrong password get the same 401; at
 * most two password checks run at once (429 beyond), so logins cannot tie up the edge. Every
 * attempt is logged with the name it claimed.
 */
final class LocalLogin implements Function<RoutingContext, Future<JsonObject>> {

  private static final Logger LOG = LoggerFactory.getLogger(LocalLogin.class);
  private static final Set<String> KEYS =
      Set.of("username", "password", "deviceToken", "siteToken");
  private static final String EXPECTED =
      "The body must be {\"username\": \"…\", \"password\": \"…\"} of a local account, or"
          + " {\"siteToken\": \"…\"} from central's POST /api/v1/auth/site-token.";

  private final LocalAuth auth;
  private final Semaphore checks = new Semaphore(2);

  LocalLogin(LocalAuth auth) {
    this.auth = auth;
  }

  @Override
  public Future<JsonObject> apply(RoutingContext ctx) {
    LocalReads.noParameters(ctx, Set.of());
    JsonObject body = body(ctx);
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    if (body.containsKey("siteToken")) {
      String token = text(body, "siteToken", 4096);
      try {
        SiteAccessToken access = auth.central(token);
        LOG.info("site-local login of {} with a token from central", access.subject());
        return Future.succeededFuture(answer(token, access));
      } catch (InvalidAccessTokenException e) {
        LOG.warn("site-local login with a token from central refused: {}", e.getMessage());
        throw LocalProblem.unauthorized("The token is not accepted here: " + e.getMessage() + ".");
      }
    }
    String username = text(body, "username", 128);
    char[] password = text(body, "password", 1024).toCharArray();
    if (!checks.tryAcquire()) {
      Arrays.fill(password, '\0');
      ctx.response().putHeader("Retry-After", "1");
      throw new LocalProblem(429, "too-many-logins", "Too many logins", "Retry in 1 s.");
    }
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
        .andThen(done -> checks.release())
        .map(
            token -> {
              if (token == null) {
                LOG.warn("site-local login of '{}' refused", username);
                throw LocalProblem.unauthorized("Unknown user or wrong password.");
              }
              LOG.info("site-local login of local account {}", username);
              return answer(token, auth.verify(token));
            });
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
