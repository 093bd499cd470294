package io.flarewatch.central.commands;

import io.flarewatch.central.auth.Principal;
import io.flarewatch.central.http.ApiException;
import io.flarewatch.central.http.QueryParameters;
import io.flarewatch.wire.access.SiteAccessToken;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code POST /api/v1/auth/site-token[?hours=N]}: a {@link SiteAccessToken} for the logged-in user
 * (their name, role and sites), signed with central's command key, so that the edges, which hold
 * that public key to verify commands, can let the user in while central is out of reach. It lives
 * {@code hours} (1 to 168, default {@value #DEFAULT_HOURS}); an edge stops honouring it then, or
 * when the user's role or sites change only once it expires, so keep it short.
 */
final class SiteTokenHandler implements Function<RoutingContext, Future<JsonObject>> {

  static final int DEFAULT_HOURS = 72;

  private final CommandSigner signer;
  private final Clock clock;

  SiteTokenHandler(CommandSigner signer, Clock clock) {
    this.signer = signer;
    this.clock = clock;
  }

  @Override
  public Future<JsonObject> apply(RoutingContext ctx) {
    QueryParameters.of(ctx, Set.of("hours"));
    int hours = hours(ctx.queryParams().get("hours"));
    Principal user = Principal.of(ctx);
    List<String> sites =
        user.sites().all()
            ? List.of(SiteAccessToken.ALL_SITES)
            : List.copyOf(new TreeSet<>(user.sites().ids()));
    if (sites.isEmpty()) {
      throw ApiException.forbidden(user.name() + " may see no site, so has no site to enter.");
    }
    Instant now = clock.instant();
    SiteAccessToken token =
        new SiteAccessToken(
            SiteAccessToken.ISSUER_CENTRAL,
            user.name(),
            user.role().name(),
            sites,
            now,
            now.plusSeconds(hours * 3600L));
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    return Future.succeededFuture(
        new JsonObject()
            .put("token", signer.signAccess(token))
            .put("expiresAt", token.expiresAt().toString())
            .put("role", token.role())
            .put("sites", new JsonArray(sites))
            .put("keyId", signer.keyId()));
  }

  private static int hours(String given) {
    if (given == null) {
      return DEFAULT_HOURS;
    }
    int max = (int) SiteAccessToken.MAX_LIFETIME.toHours();
    try {
      int hours = Integer.parseInt(given);
      if (hours >= 1 && hours <= max) {
        return hours;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(
        "bad-query-parameter",
        "'hours' must be a whole number from 1 to "
            + max
            + "; got "
            + ApiException.quoted(given)
            + ".");
  }
}
