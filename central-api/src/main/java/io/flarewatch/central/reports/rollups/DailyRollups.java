package io.flarewatch.central.reports.rollups;

import io.flarewatch.central.config.RollupsConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.InfluxQl;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.central.query.InfluxFilters;
import io.flarewatch.wire.LineProtocol;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes daily rollups ({@link Schema#EMISSIONS_1D}) of one site from its raw {@code emissions}
 * points: one {@link DaySums} statement over a day or a month of whole days, whose rows are written
 * as they came, each with {@code computed_at} = when that read started, to {@code
 * reports.rollups.retentionPolicy}, with each parameter set's {@code param_*} fields ({@link
 * Schema#EMISSIONS_PARAMETER_SET}) so the set stays described once the raw points expired. Writing
 * a day again overwrites its points (same series and time), so two replicas rolling up one day do
 * no harm.
 */
public final class DailyRollups {

  /**
   * What one call rolled up.
   *
   * @param siteDays site-days written (days with raw points)
   * @param rawPoints raw points they sum
   */
  public record Rolled(int siteDays, long rawPoints) {}

  private static final int STATEMENTS_PER_QUERY = 20;

  private final InfluxClient influx;
  private final RollupsConfig config;
  private final Clock clock;

  public DailyRollups(InfluxClient influx, RollupsConfig config, Clock clock) {
    this.influx = influx;
    this.config = config;
    this.clock = clock;
  }

  public RollupsConfig config() {
    return config;
  }

  /**
   * Rolls up the site's whole UTC days in [from, to) that ended before now, in one query: callers
   * pass at most a calendar month.
   */
  public Future<Rolled> roll(String site, Instant from, Instant to) {
    long computedAt = clock.millis();
    Instant start = ceilDay(from);
    Instant today = Instant.ofEpochMilli(computedAt).truncatedTo(ChronoUnit.DAYS);
    Instant end = to.truncatedTo(ChronoUnit.DAYS).isAfter(today) ? today : floorDay(to);
    if (!start.isBefore(end)) {
      return Future.succeededFuture(new Rolled(0, 0));
    }
    String query =
        DaySums.query(
            InfluxFilters.tagEquals(Schema.TAG_SITE, site)
                + " AND "
                + InfluxFilters.timeRange(start, end));
    return influx
        .query(query)
        .compose(results -> withSets(site, start, end, results))
        .compose(
            read -> {
              JsonArray results = read.getJsonArray(0);
              List<Point> points = points(site, results, computedAt);
              Set<Long> days = new HashSet<>();
              long rawPoints = 0;
              for (Point point : points) {
                days.add(point.timeMillis());
                rawPoints += ((Double) point.fields().get(DaySums.INTERVALS)).longValue();
              }
              Rolled rolled = new Rolled(days.size(), rawPoints);
              if (points.isEmpty()) {
                return Future.succeededFuture(rolled);
              }
              points.addAll(setPoints(read.getJsonArray(1), start));
              return influx
                  .write(
                      Buffer.buffer(LineProtocol.encode(points)),
                      LineProtocol.PRECISION,
                      config.retentionPolicy())
                  .map(rolled);
            });
  }

  /**
   * The answer and, for its parameter sets, one raw point each ({@code [sums, sets]}), whose {@code
   * param_*} fields are kept beside the rollups.
   */
  private Future<JsonArray> withSets(String site, Instant start, Instant end, JsonArray sums) {
    Set<String> sets = new TreeSet<>();
    for (ResultSeries series : ResultSeries.of(sums, 0)) {
      if (!series.tag(Schema.TAG_PARAMETER_SET).isEmpty()) {
        sets.add(series.tag(Schema.TAG_PARAMETER_SET));
      }
    }
    List<String> statements = new ArrayList<>();
    for (String set : sets) {
      statements.add(
          "SELECT * FROM "
              + InfluxQl.identifier(Schema.EMISSIONS)
              + " WHERE "
              + InfluxFilters.tagEquals(Schema.TAG_SITE, site)
              + " AND "
              + InfluxFilters.tagEquals(Schema.TAG_PARAMETER_SET, set)
              + " AND "
              + InfluxFilters.timeRange(start, end)
              + " LIMIT 1");
    }
    return influx
        .queryEach(statements, STATEMENTS_PER_QUERY)
        .map(setRows -> new JsonArray().add(sums).add(setRows));
  }

  /** A {@link Schema#EMISSIONS_PARAMETER_SET} point per set found, dated {@code day}. */
  private static List<Point> setPoints(JsonArray setRows, Instant day) {
    List<Point> points = new ArrayList<>();
    for (int statement = 0; statement < setRows.size(); statement++) {
      for (ResultSeries series : ResultSeries.of(setRows, statement)) {
        Object set = series.rows().isEmpty() ? null : series.value(0, Schema.TAG_PARAMETER_SET);
        if (set == null) {
          continue;
        }
        Point.Builder point =
            Point.builder(Schema.EMISSIONS_PARAMETER_SET, day.toEpochMilli())
                .tag(Schema.TAG_PARAMETER_SET, set.toString());
        series
            .prefixed(0, Schema.PARAMETER_PREFIX)
            .forEach((name, value) -> point.field(Schema.PARAMETER_PREFIX + name, value));
        if (point.hasFields()) {
          points.add(point.build());
        }
      }
    }
    return points;
  }

  /**
   * The rollup points of a {@link DaySums} answer: its columns as fields, as InfluxDB sent them.
   */
  static List<Point> points(String site, JsonArray results, long computedAt) {
    List<Point> points = new ArrayList<>();
    for (ResultSeries series : ResultSeries.of(results, 0)) {
      for (int row = 0; row < series.rows().size(); row++) {
        Point.Builder point =
            Point.builder(Schema.EMISSIONS_1D, series.time(row))
                .tag(Schema.TAG_SITE, site)
                .tag(Schema.TAG_METHODOLOGY, nonEmpty(series.tag(Schema.TAG_METHODOLOGY)))
                .tag(Schema.TAG_PARAMETER_SET, nonEmpty(series.tag(Schema.TAG_PARAMETER_SET)));
        for (String column : DaySums.COLUMNS) {
          point.field(column, series.doubleValue(row, column));
        }
        point.field(DaySums.INTERVALS, orZero(series.doubleValue(row, DaySums.INTERVALS)));
        points.add(point.field(Schema.FIELD_COMPUTED_AT, computedAt).build());
      }
    }
    return points;
  }

  private static Double orZero(Double value) {
    return value == null ? 0.0 : value;
  }

  private static String nonEmpty(String tag) {
    return tag == null || tag.isEmpty() ? null : tag;
  }

  static Instant floorDay(Instant time) {
    return time.truncatedTo(ChronoUnit.DAYS);
  }

  static Instant ceilDay(Instant time) {
    Instant floor = floorDay(time);
    return floor.equals(time) ? floor : floor.plus(1, ChronoUnit.DAYS);
  }
}
