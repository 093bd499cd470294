package io.flarewatch.central.reports;

import static io.flarewatch.central.influx.InfluxQl.identifier;

import io.flarewatch.central.config.RollupsConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.InfluxRejectedException;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.central.query.InfluxFilters;
import io.flarewatch.central.reports.rollups.DaySums;
import io.flarewatch.central.reports.rollups.RollupValidity;
import io.flarewatch.wire.Schema;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One calendar month (or the part of it in range) of a report's daily chunks. A site-day wholly in
 * range whose daily rollup is valid ({@link RollupValidity}: computed after the latest write that
 * changed the day had landed) is read from the rollup; every other site-day (today, a day just
 * written, a partial day at the range's edge, a day never rolled up) is read from the raw points
 * with the same {@link DaySums} statement, so both give InfluxDB's own sums of the same points.
 */
final class MonthDays {

  /** Which site-days came from rollups and which from raw points. */
  static final class Tally {
    private final Set<String> rollups = new HashSet<>();
    private final Set<String> raw = new HashSet<>();

    int rollupDays() {
      return rollups.size();
    }

    int rawDays() {
      return raw.size();
    }

    /**
     * The site-day is read again point by point (its set changes); returns whether its sums came
     * from a rollup.
     */
    boolean readPointByPoint(String site, Instant day) {
      String key = key(site, day.toEpochMilli());
      raw.add(key);
      return rollups.remove(key);
    }

    /** The site-day's raw points were gone: its rollup was used after all. */
    void keptRollup(String site, Instant day) {
      String key = key(site, day.toEpochMilli());
      raw.remove(key);
      rollups.add(key);
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(MonthDays.class);

  /** Raw statements sent in one query (each names its sites and range). */
  private static final int STATEMENTS_PER_QUERY = 20;

  private final InfluxClient influx;
  private final RollupsConfig config;

  MonthDays(InfluxClient influx, RollupsConfig config) {
    this.influx = influx;
    this.config = config;
  }

  Future<Void> read(List<String> sites, ReportPeriod.Span span, List<Chunk> days, Tally tally) {
    Instant firstWhole = ceilDay(span.start());
    Instant wholeEnd = floorDay(span.end());
    Future<Map<String, List<Chunk>>> valid =
        firstWhole.isBefore(wholeEnd)
            ? validRollups(sites, firstWhole, wholeEnd)
            : Future.succeededFuture(Map.of());
    return valid.compose(
        rolledUp -> {
          rolledUp.forEach(
              (key, chunks) -> {
                days.addAll(chunks);
                tally.rollups.add(key);
              });
          return readRaw(rawStatements(sites, span, rolledUp.keySet()), days, tally);
        });
  }

  /** The valid rollups of the whole days in [from, to), by {@link #key}. */
  private Future<Map<String, List<Chunk>>> validRollups(
      List<String> sites, Instant from, Instant to) {
    String where = InfluxFilters.sites(sites) + " AND " + InfluxFilters.timeRange(from, to);
    String query =
        DaySums.markers(where)
            + "; SELECT * FROM "
            + DaySums.in(config.retentionPolicy(), Schema.EMISSIONS_1D)
            + " WHERE "
            + where
            + " GROUP BY "
            + identifier(Schema.TAG_SITE)
            + ", "
            + identifier(Schema.TAG_METHODOLOGY)
            + ", "
            + identifier(Schema.TAG_PARAMETER_SET);
    return influx
        .query(query)
        .map(this::valid)
        .recover(
            e -> {
              if (e instanceof InfluxRejectedException) {
                // e.g. the retention policy does not exist: the raw points still answer
                LOG.warn(
                    "daily rollups cannot be read (retention policy {}); reading raw points",
                    config.retentionPolicy() == null ? "(default)" : config.retentionPolicy());
                return Future.succeededFuture(Map.of());
              }
              return Future.failedFuture(e);
            });
  }

  private Map<String, List<Chunk>> valid(io.vertx.core.json.JsonArray results) {
    Map<String, Long> markers = new HashMap<>();
    for (ResultSeries series : ResultSeries.of(results, 0)) {
      for (int row = 0; row < series.rows().size(); row++) {
        Double writtenAt = series.doubleValue(row, Schema.FIELD_WRITTEN_AT);
        if (writtenAt != null) {
          markers.merge(
              key(series.tag(Schema.TAG_SITE), series.time(row)), writtenAt.longValue(), Math::max);
        }
      }
    }
    Map<String, List<Chunk>> rollups = new LinkedHashMap<>();
    Map<String, Long> computedAt = new HashMap<>();
    for (ResultSeries series : ResultSeries.of(results, 1)) {
      for (int row = 0; row < series.rows().size(); row++) {
        String key = key(series.tag(Schema.TAG_SITE), series.time(row));
        Double computed = series.doubleValue(row, Schema.FIELD_COMPUTED_AT);
        computedAt.merge(key, computed == null ? Long.MIN_VALUE : computed.longValue(), Math::min);
        rollups
            .computeIfAbsent(key, k -> new ArrayList<>())
            .add(EmissionsChunks.dayChunk(series, row));
      }
    }
    long margin = config.margin().toMillis();
    rollups
        .keySet()
        .removeIf(key -> !RollupValidity.valid(computedAt.get(key), markers.get(key), margin));
    return rollups;
  }

  /**
   * One {@link DaySums} statement per run of consecutive site-days without a valid rollup, sites
   * with the same run sharing a statement (with no rollups at all: one statement, as before).
   */
  private static List<String> rawStatements(
      List<String> sites, ReportPeriod.Span span, Set<String> rolledUp) {
    Map<ReportPeriod.Span, List<String>> sitesByRun = new LinkedHashMap<>();
    for (String site : sites) {
      Instant runStart = null;
      Instant day = floorDay(span.start());
      for (; day.isBefore(span.end()); day = day.plus(1, ChronoUnit.DAYS)) {
        boolean raw = !rolledUp.contains(key(site, day.toEpochMilli()));
        if (raw && runStart == null) {
          runStart = day;
        } else if (!raw && runStart != null) {
          addRun(sitesByRun, site, runStart, day, span);
          runStart = null;
        }
      }
      if (runStart != null) {
        addRun(sitesByRun, site, runStart, day, span);
      }
    }
    List<String> statements = new ArrayList<>();
    sitesByRun.forEach(
        (run, runSites) ->
            statements.add(
                DaySums.query(
                    InfluxFilters.sites(runSites)
                        + " AND "
                        + InfluxFilters.timeRange(run.start(), run.end()))));
    return statements;
  }

  private static void addRun(
      Map<ReportPeriod.Span, List<String>> sitesByRun,
      String site,
      Instant start,
      Instant end,
      ReportPeriod.Span span) {
    ReportPeriod.Span run =
        new ReportPeriod.Span(
            start.isBefore(span.start()) ? span.start() : start,
            end.isAfter(span.end()) ? span.end() : end);
    sitesByRun.computeIfAbsent(run, r -> new ArrayList<>()).add(site);
  }

  private Future<Void> readRaw(List<String> statements, List<Chunk> days, Tally tally) {
    return influx
        .queryEach(statements, STATEMENTS_PER_QUERY)
        .map(
            results -> {
              for (int statement = 0; statement < statements.size(); statement++) {
                for (ResultSeries series : ResultSeries.of(results, statement)) {
                  for (int row = 0; row < series.rows().size(); row++) {
                    Chunk day = EmissionsChunks.dayChunk(series, row);
                    days.add(day);
                    tally.raw.add(key(day.site(), day.day().toEpochMilli()));
                  }
                }
              }
              return null;
            });
  }

  private static String key(String site, long dayMillis) {
    return site + "|" + dayMillis;
  }

  static Instant floorDay(Instant time) {
    return time.truncatedTo(ChronoUnit.DAYS);
  }

  static Instant ceilDay(Instant time) {
    Instant floor = floorDay(time);
    return floor.equals(time) ? floor : floor.plus(1, ChronoUnit.DAYS);
  }
}
