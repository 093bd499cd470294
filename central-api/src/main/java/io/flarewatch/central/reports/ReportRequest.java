package io.flarewatch.central.reports;

import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.http.ApiException;
import io.flarewatch.central.http.QueryParameters;
import io.flarewatch.central.http.SitePath;
import io.flarewatch.wire.Schema;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A report's validated query: the sites (one, or every configured site), the UTC range [from, to),
 * the row period and the format. Dates are {@code 2026-01-01} (UTC midnight) or ISO instants.
 */
public record ReportRequest(
    String siteParameter,
    List<SiteConfig> sites,
    Instant from,
    Instant to,
    ReportPeriod period,
    ReportFormat format) {

  /** Longest range a report may cover. */
  public static final int MAX_YEARS = 10;

  /** Reads the request; {@code period} is only allowed when {@code fixedPeriod} is null. */
  public static ReportRequest of(
      RoutingContext ctx, CentralConfig config, ReportPeriod fixedPeriod) {
    Set<String> allowed =
        fixedPeriod == null
            ? Set.of("site", "from", "to", "period", "format")
            : Set.of("site", "from", "to", "format");
    QueryParameters query = QueryParameters.of(ctx, allowed);
    String site = ctx.queryParams().get("site");
    List<SiteConfig> sites;
    if (site == null) {
      sites = config.sites().stream().sorted(Comparator.comparing(SiteConfig::id)).toList();
    } else {
      try {
        Schema.checkId("site", site);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("invalid-parameter", e.getMessage() + ".");
      }
      sites = List.of(config.site(site).orElseThrow(() -> SitePath.unknown(site)));
    }
    Instant from = query.dateOrInstant("from");
    Instant to = query.dateOrInstant("to");
    if (!from.isBefore(to)) {
      throw ApiException.badRequest("invalid-period", "'from' must be before 'to'.");
    }
    if (to.isAfter(from.atZone(ZoneOffset.UTC).plusYears(MAX_YEARS).toInstant())) {
      throw ApiException.badRequest(
          "invalid-period", "A report covers at most " + MAX_YEARS + " years.");
    }
    ReportPeriod period =
        fixedPeriod == null ? ReportPeriod.parse(ctx.queryParams().get("period")) : fixedPeriod;
    ReportFormat format = ReportFormat.parse(ctx.queryParams().get("format"));
    return new ReportRequest(site, sites, from, to, period, format);
  }

  /** The query as echoed in the report, in a stable order. */
  public Map<String, String> describe(boolean withPeriod) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("site", siteParameter == null ? "(all sites)" : siteParameter);
    query.put("from", from.toString());
    query.put("to", to.toString());
    if (withPeriod) {
      query.put("period", period.id());
    }
    query.put("format", format.name().toLowerCase(Locale.ROOT));
    return query;
  }
}
