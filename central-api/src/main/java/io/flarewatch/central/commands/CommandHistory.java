package io.flarewatch.central.commands;

import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.http.ApiException;
import io.flarewatch.central.http.QueryParameters;
import io.flarewatch.central.http.SitePath;
import io.flarewatch.wire.command.CommandAction;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code GET /api/v1/sites/{site}/commands?state=&action=&since=&until=&limit=}: the site's
 * commands issued in [since, until) (default the last 7 days), newest first, each with its state;
 * at most {@code limit} (default 100, at most 1,000). At most {@value #MAX_SCANNED} commands of the
 * period are read: a period holding more is a 400 asking for a shorter one.
 */
final class CommandHistory implements Function<RoutingContext, Future<JsonObject>> {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1_000;
  static final int MAX_SCANNED = 10_000;
  static final Duration DEFAULT_PERIOD = Duration.ofDays(7);

  private final CommandService commands;
  private final Clock clock;

  CommandHistory(CommandService commands, Clock clock) {
    this.commands = commands;
    this.clock = clock;
  }

  @Override
  public Future<JsonObject> apply(RoutingContext ctx) {
    SiteConfig site = SitePath.site(ctx);
    QueryParameters params =
        QueryParameters.of(ctx, Set.of("state", "action", "since", "until", "limit"));
    Instant now = clock.instant();
    Instant until =
        ctx.queryParams().contains("until") ? params.instant("until") : now.plusSeconds(1);
    Instant since =
        ctx.queryParams().contains("since") ? params.instant("since") : until.minus(DEFAULT_PERIOD);
    if (!since.isBefore(until)) {
      throw ApiException.badRequest(
          "invalid-period", "'since' " + since + " is not before 'until' " + until + ".");
    }
    String state = ctx.queryParams().get("state");
    if (state != null && !CommandState.STATES.contains(state)) {
      throw invalid("state", state, "one of " + new TreeSet<>(CommandState.STATES));
    }
    String action = ctx.queryParams().get("action");
    if (action != null) {
      try {
        CommandAction.fromWire(action);
      } catch (IllegalArgumentException e) {
        throw invalid("action", action, "one of sleep, wake, power_limit");
      }
    }
    int limit = limit(ctx.queryParams().get("limit"));
    return commands
        .list(site.id(), since, until, action, MAX_SCANNED)
        .map(
            listed -> {
              if (listed.commands().size() > MAX_SCANNED) {
                throw ApiException.badRequest(
                    "too-many-commands",
                    "More than "
                        + MAX_SCANNED
                        + " commands were issued in this period; ask for a shorter one.");
              }
              List<JsonObject> rows = new ArrayList<>();
              for (int i = listed.commands().size() - 1; i >= 0 && rows.size() < limit; i--) {
                IssuedCommand command = listed.commands().get(i);
                JsonObject row =
                    CommandState.summary(command, listed.events().get(command.id()), now);
                if (state == null || state.equals(row.getString("state"))) {
                  rows.add(row);
                }
              }
              return new JsonObject()
                  .put("site", site.id())
                  .put("since", since.toString())
                  .put("until", until.toString())
                  .put("commands", new JsonArray(rows));
            });
  }

  private static int limit(String value) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw invalid("limit", value, "a whole number from 1 to " + MAX_LIMIT);
  }

  private static ApiException invalid(String name, String value, String expected) {
    return ApiException.badRequest(
        "invalid-parameter",
        "Query parameter '"
            + name
            + "' must be "
            + expected
            + "; got "
            + ApiException.quoted(value)
            + ".");
  }
}
