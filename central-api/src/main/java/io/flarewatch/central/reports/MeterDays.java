package io.flarewatch.central.reports;

import static io.flarewatch.central.influx.InfluxQl.identifier;
import static io.flarewatch.central.influx.InfluxQl.stringLiteral;

import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.central.query.InfluxFilters;
import io.flarewatch.wire.Schema;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Daily gas volumes per site and meter role from the meters' {@code interval_volume_scf}, one
 * InfluxDB query per calendar month of the range.
 */
public final class MeterDays {

  public static final String ROLE_GENSET_FUEL = "genset_fuel_meter";
  public static final String ROLE_FLARE = "flare_meter";

  /** A day's metered volume and how many intervals had a known volume, for one role. */
  public record MeterDay(String site, Instant day, String role, double volumeScf, long intervals) {}

  private final InfluxClient influx;

  public MeterDays(InfluxClient influx) {
    this.influx = influx;
  }

  public Future<List<MeterDay>> read(List<String> sites, Instant from, Instant to) {
    List<MeterDay> days = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (ReportPeriod.Span month : ReportPeriod.MONTH.spans(from, to)) {
      chain = chain.compose(v -> readMonth(sites, month, days));
    }
    return chain.map(v -> days);
  }

  private Future<Void> readMonth(List<String> sites, ReportPeriod.Span month, List<MeterDay> days) {
    String volume = identifier(Schema.FIELD_INTERVAL_VOLUME_SCF);
    String role = identifier(Schema.TAG_ROLE);
    String query =
        "SELECT sum("
            + volume
            + ") AS \"volume\", count("
            + volume
            + ") AS \"intervals\" FROM "
            + identifier(Schema.GAS_METER)
            + " WHERE "
            + InfluxFilters.sites(sites)
            + " AND "
            + InfluxFilters.timeRange(month.start(), month.end())
            + " AND ("
            + role
            + " = "
            + stringLiteral(ROLE_GENSET_FUEL)
            + " OR "
            + role
            + " = "
            + stringLiteral(ROLE_FLARE)
            + ") GROUP BY time(1d), "
            + identifier(Schema.TAG_SITE)
            + ", "
            + role
            + " fill(none)";
    return influx
        .query(query)
        .map(
            results -> {
              for (ResultSeries series : ResultSeries.of(results, 0)) {
                for (int row = 0; row < series.rows().size(); row++) {
                  Double sum = series.doubleValue(row, "volume");
                  Double count = series.doubleValue(row, "intervals");
                  days.add(
                      new MeterDay(
                          series.tag(Schema.TAG_SITE),
                          Instant.ofEpochMilli(series.time(row)),
                          series.tag(Schema.TAG_ROLE),
                          sum == null ? 0 : sum,
                          count == null ? 0 : count.longValue()));
                }
              }
              return null;
            });
  }
}
