package io.flarewatch.central.audit;

import static io.flarewatch.central.influx.InfluxQl.identifier;
import static io.flarewatch.central.influx.InfluxQl.stringLiteral;

import io.flarewatch.central.auth.Principal;
import io.flarewatch.central.auth.SiteScope;
import io.flarewatch.central.http.ApiException;
import io.flarewatch.central.http.QueryParameters;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.ResultSeries;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/audit?from=&to=&user=}: the audit entries of a period, oldest first, at most
 * {@value #MAX_ENTRIES} (more is a 400 asking for a shorter period, never a silently cut list).
 * Admins only; the query is itself audited. An admin limited to some sites sees only the entries
 * about those sites (their {@code site} tag), not logins or requests about the whole fleet.
 */
public final class AuditQueryHandler implements Function<RoutingContext, Future<JsonArray>> {

  public static final int MAX_ENTRIES = 10_000;

  /** Stored column → JSON key, in the order answered. */
  private static final List<String[]> COLUMNS =
      List.of(
          new String[] {"user", "user"},
          new String[] {"role", "role"},
          new String[] {"via", "via"},
          new String[] {"site", "site"},
          new String[] {"method", "method"},
          new String[] {"path", "path"},
          new String[] {"query", "query"},
          new String[] {"status", "status"},
          new String[] {"remote_address", "remoteAddress"},
          new String[] {"forwarded_for", "forwardedFor"},
          new String[] {"note", "note"});

  private final InfluxClient influx;

  /** Reads central's own database ({@link InfluxClient#centralData()}), where the log is kept. */
  public AuditQueryHandler(InfluxClient influx) {
    this.influx = influx.centralData();
  }

  @Override
  public Future<JsonArray> apply(RoutingContext ctx) {
    QueryParameters query = QueryParameters.of(ctx, Set.of("from", "to", "user"));
    Instant from = query.instant("from");
    Instant to = query.instant("to");
    if (!from.isBefore(to)) {
      throw ApiException.badRequest("invalid-period", "'from' must be before 'to'.");
    }
    String user = ctx.queryParams().get("user");
    SiteScope scope = Principal.of(ctx).sites();
    if (!scope.all() && scope.ids().isEmpty()) {
      return Future.succeededFuture(new JsonArray());
    }
    String influxql =
        "SELECT "
            + COLUMNS.stream().map(c -> identifier(c[0])).collect(Collectors.joining(", "))
            + " FROM "
            + identifier(AuditLog.MEASUREMENT)
            + " WHERE time >= "
            + from.toEpochMilli()
            + "ms AND time < "
            + to.toEpochMilli()
            + "ms"
            + (user == null || user.isEmpty()
                ? ""
                : " AND " + identifier("user") + " = " + stringLiteral(user))
            + (scope.all() ? "" : " AND " + sites(scope.ids()))
            + " ORDER BY time ASC LIMIT "
            + (MAX_ENTRIES + 1);
    return influx.query(influxql).map(AuditQueryHandler::entries);
  }

  /** {@code ("site" = 'a' OR "site" = 'b')}. */
  private static String sites(Set<String> ids) {
    return ids.stream()
        .sorted()
        .map(id -> identifier("site") + " = " + stringLiteral(id))
        .collect(Collectors.joining(" OR ", "(", ")"));
  }

  private static JsonArray entries(JsonArray results) {
    JsonArray entries = new JsonArray();
    List<ResultSeries> series = ResultSeries.of(results, 0);
    if (series.isEmpty()) {
      return entries;
    }
    ResultSeries only = series.get(0);
    if (only.rows().size() > MAX_ENTRIES) {
      throw ApiException.badRequest(
          "too-many-entries",
          "The period holds more than " + MAX_ENTRIES + " audit entries; ask for a shorter one.");
    }
    for (int r = 0; r < only.rows().size(); r++) {
      JsonObject entry =
          new JsonObject().put("time", Instant.ofEpochMilli(only.time(r)).toString());
      for (String[] column : COLUMNS) {
        entry.put(column[1], only.value(r, column[0]));
      }
      entries.add(entry);
    }
    return entries;
  }
}
