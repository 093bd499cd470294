package io.flarewatch.central.reports.rollups;

import static io.flarewatch.central.influx.InfluxQl.identifier;

import io.flarewatch.central.config.RollupsConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.InfluxRejectedException;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.central.query.InfluxFilters;
import io.flarewatch.central.reports.ReportPeriod;
import io.flarewatch.wire.Schema;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds site-days whose marker is newer than their rollup: the markers (one point per site-day)
 * against the oldest {@code computed_at} of each site-day's rollup, a calendar month per query over
 * the last {@code reports.rollups.sweepDays}. Cheap: both hold about one point per site-day.
 */
final class RollupSweep {

  /** A site-day to roll up, changed by a write sent at {@code writtenAt}. */
  record Stale(String site, long day, long writtenAt) {}

  private final InfluxClient influx;
  private final RollupsConfig config;

  RollupSweep(InfluxClient influx, RollupsConfig config) {
    this.influx = influx;
    this.config = config;
  }

  Future<List<Stale>> stale(Instant now) {
    Instant from = now.truncatedTo(ChronoUnit.DAYS).minus(config.sweepDays(), ChronoUnit.DAYS);
    Instant to = now.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
    List<Stale> stale = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (ReportPeriod.Span month : ReportPeriod.MONTH.spans(from, to)) {
      chain = chain.compose(v -> month(month, stale));
    }
    return chain.map(stale);
  }

  private Future<Void> month(ReportPeriod.Span month, List<Stale> stale) {
    String range = InfluxFilters.timeRange(month.start(), month.end());
    String query =
        DaySums.markers(range)
            + "; SELECT min("
            + identifier(Schema.FIELD_COMPUTED_AT)
            + ") AS "
            + identifier(Schema.FIELD_COMPUTED_AT)
            + " FROM "
            + DaySums.in(config.retentionPolicy(), Schema.EMISSIONS_1D)
            + " WHERE "
            + range
            + " GROUP BY time(1d), "
            + identifier(Schema.TAG_SITE)
            + " fill(none)";
    return influx
        .query(query)
        .map(results -> add(results, stale))
        .recover(
            e ->
                e instanceof InfluxRejectedException
                    ? Future.failedFuture(
                        new IllegalStateException(
                            "markers and rollups cannot be read (does retention policy "
                                + config.retentionPolicy()
                                + " exist?)",
                            e))
                    : Future.failedFuture(e));
  }

  private Void add(JsonArray results, List<Stale> stale) {
    Map<String, Long> computedAt = new HashMap<>();
    for (ResultSeries series : ResultSeries.of(results, 1)) {
      for (int row = 0; row < series.rows().size(); row++) {
        Double computed = series.doubleValue(row, Schema.FIELD_COMPUTED_AT);
        if (computed != null) {
          computedAt.put(
              series.tag(Schema.TAG_SITE) + "|" + series.time(row), computed.longValue());
        }
      }
    }
    long margin = config.margin().toMillis();
    for (ResultSeries series : ResultSeries.of(results, 0)) {
      String site = series.tag(Schema.TAG_SITE);
      for (int row = 0; row < series.rows().size(); row++) {
        Double writtenAt = series.doubleValue(row, Schema.FIELD_WRITTEN_AT);
        if (writtenAt == null) {
          continue;
        }
        Long computed = computedAt.get(site + "|" + series.time(row));
        if (computed == null || !RollupValidity.valid(computed, writtenAt.longValue(), margin)) {
          stale.add(new Stale(site, series.time(row), writtenAt.longValue()));
        }
      }
    }
    return null;
  }
}
