package io.flarewatch.central.query;

import static io.flarewatch.central.influx.InfluxQl.identifier;

import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.http.QueryParameters;
import io.flarewatch.central.http.SitePath;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.wire.Schema;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code GET /api/v1/sites/{site}/emissions/summary}: CO2e avoided, baseline and project emissions,
 * gas burned in the engine and flared, and the capture rate, for today and this month (UTC), with
 * the methodology and parameter sets the figures were computed with. One InfluxDB round trip.
 *
 * <p>Capture % is gas to the engine / (to the engine + to the flare), both from the meters' {@code
 * interval_volume_scf}, as the compliance report defines it.
 */
public final class EmissionsSummaryHandler implements Function<RoutingContext, Future<JsonObject>> {

  private static final String[] SUMS = {
    Schema.FIELD_AVOIDED_TCO2E,
    Schema.FIELD_BASELINE_TCO2E,
    Schema.FIELD_PROJECT_TCO2E,
    Schema.FIELD_GAS_VOLUME_SCF
  };

  private final InfluxClient influx;
  private final Clock clock;

  public EmissionsSummaryHandler(InfluxClient influx, Clock clock) {
    this.influx = influx;
    this.clock = clock;
  }

  @Override
  public Future<JsonObject> apply(RoutingContext ctx) {
    SiteConfig site = SitePath.site(ctx);
    QueryParameters.of(ctx, Set.of());
    Instant now = clock.instant();
    Instant dayStart = now.truncatedTo(ChronoUnit.DAYS);
    Instant monthStart =
        LocalDate.ofInstant(now, ZoneOffset.UTC)
            .withDayOfMonth(1)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();
    Instant end = now.plusSeconds(1);
    String query =
        statements(site.id(), dayStart, end) + "; " + statements(site.id(), monthStart, end);
    return influx
        .query(query)
        .map(
            results ->
                new JsonObject()
                    .put("site", site.id())
                    .put("time", now.toString())
                    .put("today", period(results, 0, dayStart, now))
                    .put("month", period(results, 2, monthStart, now))
                    .put(
                        "notes",
                        new JsonArray()
                            .add("periods are UTC: today since 00:00 UTC, the month since its 1st.")
                            .add(
                                "capturePct = gas to the engine / (to the engine + to the flare),"
                                    + " from the meters' interval volumes in scf.")));
  }

  private static String statements(String site, Instant from, Instant to) {
    String where =
        " WHERE "
            + InfluxFilters.tagEquals(Schema.TAG_SITE, site)
            + " AND "
            + InfluxFilters.timeRange(from, to);
    StringBuilder sums = new StringBuilder("SELECT ");
    for (int i = 0; i < SUMS.length; i++) {
      sums.append(i == 0 ? "" : ", ")
          .append("sum(")
          .append(identifier(SUMS[i]))
          .append(") AS ")
          .append(identifier(SUMS[i]));
    }
    return sums.append(" FROM ")
            .append(identifier(Schema.EMISSIONS))
            .append(where)
            .append(" GROUP BY ")
            .append(identifier(Schema.TAG_METHODOLOGY))
            .append(", ")
            .append(identifier(Schema.TAG_PARAMETER_SET))
            .toString()
        + "; SELECT sum("
        + identifier(Schema.FIELD_INTERVAL_VOLUME_SCF)
        + ") AS scf FROM "
        + identifier(Schema.GAS_METER)
        + where
        + " GROUP BY "
        + identifier(Schema.TAG_ROLE);
  }

  private static JsonObject period(JsonArray results, int statement, Instant from, Instant to) {
    JsonObject figures = new JsonObject().put("from", from.toString()).put("to", to.toString());
    double[] totals = new double[SUMS.length];
    boolean any = false;
    Set<String> methodologies = new TreeSet<>();
    Set<String> parameterSets = new TreeSet<>();
    for (ResultSeries series : ResultSeries.of(results, statement)) {
      if (series.rows().isEmpty()) {
        continue;
      }
      any = true;
      methodologies.add(series.tag(Schema.TAG_METHODOLOGY));
      parameterSets.add(series.tag(Schema.TAG_PARAMETER_SET));
      for (int i = 0; i < SUMS.length; i++) {
        Double value = series.doubleValue(0, SUMS[i]);
        totals[i] += value == null ? 0 : value;
      }
    }
    figures
        .put("avoidedTco2e", any ? totals[0] : null)
        .put("baselineTco2e", any ? totals[1] : null)
        .put("projectTco2e", any ? totals[2] : null)
        .put("engineGasScf", any ? totals[3] : null);
    Double used = null;
    Double flared = null;
    for (ResultSeries series : ResultSeries.of(results, statement + 1)) {
      if (series.rows().isEmpty()) {
        continue;
      }
      Double scf = series.doubleValue(0, "scf");
      switch (series.tag(Schema.TAG_ROLE)) {
        case FleetHandler.ROLE_GENSET_FUEL -> used = scf;
        case FleetHandler.ROLE_FLARE -> flared = scf;
        default -> {}
      }
    }
    Double capture = null;
    if (used != null && used + (flared == null ? 0 : flared) > 0) {
      capture = 100.0 * used / (used + (flared == null ? 0 : flared));
    }
    return figures
        .put("gasUsedScf", used)
        .put("gasFlaredScf", flared)
        .put("capturePct", capture)
        .put("methodologies", new JsonArray(methodologies.stream().toList()))
        .put("parameterSets", new JsonArray(parameterSets.stream().toList()));
  }
}
