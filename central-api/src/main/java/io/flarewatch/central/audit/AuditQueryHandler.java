package io.flarewatch.central.audit;

import static io.flarewatch.central.influx.InfluxQl.identifier;
import static io.flarewatch.central.influx.InfluxQl.stringLiteral;

import io.flarewatch.central.auth.Principal;
import io.flarewatch.central.auth.SiteScope;
import io.flarewatch.central.http.ApiException;
import io.flarewatch.central.http.QueryParameters;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.wire.Schema;
import io.flarewatch.wire.SiteAudit;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/audit?from=&to=&user=}: the audit entries of a period, oldest first, at most
 * {@value #MAX_ENTRIES} (more is a 400 asking for a shorter period, never a silently cut list).
 * Admins only; the query is itself audited. An admin limited to some sites sees only the entries
 * about those sites (their {@code site} tag), not logins or requests about the whole fleet.
 *
 * <p>Two sources, merged by time: central's own log ({@code audit} in central's database, {@code
 * origin: central}) and what users did at each site's local app while it may have been cut off
 * ({@code site_audit}, which the site's edge delivers through ingest into the sites' data, so only
 * for its own site; {@code origin: site-local}, with {@code action}, {@code outcome} and {@code
 * command}). The site's entries are what the site reports: ingest guarantees which site wrote them,
 * not what they say.
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

  /** {@code origin} of central's own entries. */
  public static final String ORIGIN_CENTRAL = "central";

  /** {@code origin} of the entries a site's edge recorded. */
  public static final String ORIGIN_SITE_LOCAL = "site-local";

  /** The site's stored column → JSON key, in the order answered; the rest as central's. */
  private static final List<String[]> SITE_COLUMNS =
      List.of(
          new String[] {SiteAudit.TAG_USER, "user"},
          new String[] {SiteAudit.TAG_ROLE, "role"},
          new String[] {SiteAudit.FIELD_VIA, "via"},
          new String[] {Schema.TAG_SITE, "site"},
          new String[] {SiteAudit.FIELD_METHOD, "method"},
          new String[] {SiteAudit.FIELD_PATH, "path"},
          new String[] {SiteAudit.FIELD_STATUS, "status"},
          new String[] {SiteAudit.FIELD_REMOTE_ADDRESS, "remoteAddress"},
          new String[] {SiteAudit.FIELD_NOTE, "note"},
          new String[] {SiteAudit.FIELD_ACTION, "action"},
          new String[] {SiteAudit.FIELD_OUTCOME, "outcome"},
          new String[] {SiteAudit.TAG_COMMAND, "command"});

  private final InfluxClient central;
  private final InfluxClient sites;

  /**
   * Reads central's own database ({@link InfluxClient#centralData()}), where its log is kept, and
   * the sites' data ({@code influx} itself) for the entries the sites recorded.
   */
  public AuditQueryHandler(InfluxClient influx) {
    this.central = influx.centralData();
    this.sites = influx;
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
    String where =
        " WHERE time >= "
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
    Future<List<JsonObject>> own =
        central
            .query(select(COLUMNS, AuditLog.MEASUREMENT) + where)
            .map(results -> entries(results, COLUMNS, ORIGIN_CENTRAL));
    Future<List<JsonObject>> fromSites =
        sites
            .query(select(SITE_COLUMNS, SiteAudit.MEASUREMENT) + where)
            .map(results -> entries(results, SITE_COLUMNS, ORIGIN_SITE_LOCAL));
    return Future.all(own, fromSites).map(both -> merged(own.result(), fromSites.result()));
  }

  private static String select(List<String[]> columns, String measurement) {
    return "SELECT "
        + columns.stream().map(c -> identifier(c[0])).collect(Collectors.joining(", "))
        + " FROM "
        + identifier(measurement);
  }

  /** {@code ("site" = 'a' OR "site" = 'b')}. */
  private static String sites(Set<String> ids) {
    return ids.stream()
        .sorted()
        .map(id -> identifier("site") + " = " + stringLiteral(id))
        .collect(Collectors.joining(" OR ", "(", ")"));
  }

  private static List<JsonObject> entries(
      JsonArray results, List<String[]> columns, String origin) {
    List<JsonObject> entries = new ArrayList<>();
    List<ResultSeries> series = ResultSeries.of(results, 0);
    if (series.isEmpty()) {
      return entries;
    }
    ResultSeries only = series.get(0);
    tooMany(only.rows().size());
    for (int r = 0; r < only.rows().size(); r++) {
      JsonObject entry =
          new JsonObject().put("time", Instant.ofEpochMilli(only.time(r)).toString());
      for (String[] column : COLUMNS) {
        entry.put(column[1], null);
      }
      for (String[] column : columns) {
        entry.put(column[1], only.value(r, column[0]));
      }
      entry.put("origin", origin);
      if (ORIGIN_CENTRAL.equals(origin)) {
        entry.put("action", null).put("outcome", null).put("command", null);
      }
      entries.add(entry);
    }
    return entries;
  }

  /** Both lists, each oldest first, as one list oldest first (central's first within a time). */
  private static JsonArray merged(List<JsonObject> own, List<JsonObject> fromSites) {
    tooMany(own.size() + fromSites.size());
    JsonArray merged = new JsonArray();
    int a = 0;
    int b = 0;
    while (a < own.size() || b < fromSites.size()) {
      boolean ownFirst =
          b == fromSites.size()
              || (a < own.size()
                  && Instant.parse(own.get(a).getString("time"))
                          .compareTo(Instant.parse(fromSites.get(b).getString("time")))
                      <= 0);
      merged.add(ownFirst ? own.get(a++) : fromSites.get(b++));
    }
    return merged;
  }

  private static void tooMany(int entries) {
    if (entries > MAX_ENTRIES) {
      throw ApiException.badRequest(
          "too-many-entries",
          "The period holds more than " + MAX_ENTRIES + " audit entries; ask for a shorter one.");
    }
  }
}
