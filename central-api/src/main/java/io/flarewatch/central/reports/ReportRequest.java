package io.flarewatch.central.reports;

import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.http.ApiException;
import io.flarewatch.central.http.QueryParameters;
import io.flarewatch.central.http.SitePath;
import io.flarewatch.wire.Schema;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A report's validated query: the sites (one, or every configured site), the UTC range [from, to),
 * the row period and the format. Dates are {@code 2026-01-01} (UTC midnight) or ISO instants.
 * {@code asOf} is when the report was asked for, or {@code to} when that is earlier: intervals
 * after it have not happened and are not expected.
 */
public record ReportRequest(
    String siteParameter,
    List<SiteConfig> sites,
    Instant from,
    Instant to,
    ReportPeriod period,
    ReportFormat format,
    Instant asOf) {

  /** Longest range a report may cover. */
  public static final int MAX_YEARS = 10;

  /** Reads the request; {@code period} is only allowed when {@code fixedPeriod} is null. */
  public static ReportRequest of(
      RoutingContext ctx, CentralConfig config, ReportPeriod fixedPeriod, Clock clock) {
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
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    return new ReportRequest(site, sites, from, to, period, format, now.isBefore(to) ? now : to);
  }

  /** The query as echoed in the report, in a stable order, without the format. */
  public Map<String, String> describe(boolean withPeriod) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("site", siteParameter == null ? "(all sites)" : siteParameter);
    query.put("from", from.toString());
    query.put("to", to.toString());
    if (withPeriod) {
      query.put("period", period.id());
    }
    if (asOf.isBefore(to)) {
      query.put("asOf", asOf.toString());
    }
    return query;
  }

  /**
   * The report's URL relative to {@code /api/v1/reports/} in another format, e.g. {@code
   * emissions?site=well-7&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&period=day&format=csv}.
   */
  public String relativeUrl(String kind, boolean withPeriod, ReportFormat as) {
    StringBuilder url = new StringBuilder(kind).append('?');
    if (siteParameter != null) {
      url.append("site=").append(siteParameter).append('&');
    }
    url.append("from=").append(from).append("&to=").append(to);
    if (withPeriod) {
      url.append("&period=").append(period.id());
    }
    return url.append("&format=").append(as.name().toLowerCase(Locale.ROOT)).toString();
  }
}
