package io.flarewatch.central.reports;

import static io.flarewatch.central.influx.InfluxQl.identifier;
import static io.flarewatch.central.influx.InfluxQl.stringLiteral;

import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.central.query.InfluxFilters;
import io.flarewatch.wire.Schema;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Metered gas per report row and meter role, from the meters' {@code interval_volume_scf} (cubic
 * feet as metered) and {@code interval_seconds}: one statement per row, many rows per query.
 */
final class MeterSegments {

  static final String ROLE_GENSET_FUEL = "genset_fuel_meter";
  static final String ROLE_FLARE = "flare_meter";
  private static final int STATEMENTS_PER_QUERY = 100;

  /**
   * One role's gas in a row.
   *
   * @param volumeCf sum of the interval volumes, cf at the meter's pressure base
   * @param intervals readings with a known volume
   * @param spanSeconds sum of their {@code interval_seconds}
   * @param spanned readings that carry {@code interval_seconds}
   * @param resolution finest totalizer step, NaN when unknown
   */
  record Meter(
      double volumeCf, long intervals, double spanSeconds, long spanned, double resolution) {
    static final Meter NONE = new Meter(0, 0, 0, 0, Double.NaN);
  }

  private final InfluxClient influx;

  MeterSegments(InfluxClient influx) {
    this.influx = influx;
  }

  /** For each segment (same order), the meters by role. */
  Future<List<Map<String, Meter>>> read(List<Segment> segments) {
    List<Map<String, Meter>> meters = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < segments.size(); i += STATEMENTS_PER_QUERY) {
      List<Segment> batch =
          segments.subList(i, Math.min(segments.size(), i + STATEMENTS_PER_QUERY));
      chain = chain.compose(v -> readBatch(batch, meters));
    }
    return chain.map(v -> meters);
  }

  private Future<Void> readBatch(List<Segment> batch, List<Map<String, Meter>> meters) {
    String volume = identifier(Schema.FIELD_INTERVAL_VOLUME_SCF);
    String span = identifier(Schema.FIELD_INTERVAL_SECONDS);
    String role = identifier(Schema.TAG_ROLE);
    List<String> statements = new ArrayList<>();
    for (Segment segment : batch) {
      statements.add(
          "SELECT sum("
              + volume
              + ") AS \"volume\", count("
              + volume
              + ") AS \"intervals\", sum("
              + span
              + ") AS \"span\", count("
              + span
              + ") AS \"spanned\", min("
              + identifier(Schema.FIELD_VOLUME_RESOLUTION_CF)
              + ") AS \"resolution\" FROM "
              + identifier(Schema.GAS_METER)
              + " WHERE "
              + InfluxFilters.tagEquals(Schema.TAG_SITE, segment.site())
              + " AND "
              + InfluxFilters.timeRange(segment.start(), segment.end())
              + " AND ("
              + role
              + " = "
              + stringLiteral(ROLE_GENSET_FUEL)
              + " OR "
              + role
              + " = "
              + stringLiteral(ROLE_FLARE)
              + ") GROUP BY "
              + role);
    }
    return influx
        .query(String.join("; ", statements))
        .map(
            results -> {
              for (int s = 0; s < batch.size(); s++) {
                Map<String, Meter> byRole = new HashMap<>();
                for (ResultSeries series : ResultSeries.of(results, s)) {
                  if (series.rows().isEmpty()) {
                    continue;
                  }
                  Double sum = series.doubleValue(0, "volume");
                  Double count = series.doubleValue(0, "intervals");
                  Double spanSum = series.doubleValue(0, "span");
                  Double spanned = series.doubleValue(0, "spanned");
                  Double resolution = series.doubleValue(0, "resolution");
                  byRole.put(
                      series.tag(Schema.TAG_ROLE),
                      new Meter(
                          sum == null ? 0 : sum,
                          count == null ? 0 : count.longValue(),
                          spanSum == null ? 0 : spanSum,
                          spanned == null ? 0 : spanned.longValue(),
                          resolution == null ? Double.NaN : resolution));
                }
                meters.add(byRole);
              }
              return null;
            });
  }
}
