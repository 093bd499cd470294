package io.flarewatch.central.reports.rollups;

import static io.flarewatch.central.influx.InfluxQl.identifier;

import io.flarewatch.wire.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * The emissions report's daily sums of raw {@code emissions} points: one InfluxQL statement, {@code
 * SUM(...) GROUP BY time(1d), site, methodology, parameter_set}, whose columns are also the fields
 * of a daily rollup ({@link Schema#EMISSIONS_1D}), so a rollup holds InfluxDB's own sums, the very
 * numbers a report reading the raw points gets.
 */
public final class DaySums {

  /** The summed figures of the emissions measurement. */
  public static final List<String> FIGURES =
      List.of(
          "gas_volume_metered_cf",
          Schema.FIELD_GAS_VOLUME_SCF,
          "baseline_ch4_t",
          "baseline_co2_t",
          "baseline_n2o_kg",
          Schema.FIELD_BASELINE_TCO2E,
          "project_ch4_t",
          "project_co2_t",
          "project_n2o_kg",
          Schema.FIELD_PROJECT_TCO2E,
          Schema.FIELD_AVOIDED_TCO2E);

  /** Number of points (that carry {@code avoided_tco2e}). */
  public static final String INTERVALS = "intervals";

  /** Sum of the points' {@code interval_seconds}. */
  public static final String SPAN = "span_s";

  /** Number of points that carry {@code interval_seconds}. */
  public static final String SPANNED = "spanned";

  /** Number of points that span an outage. */
  public static final String OUTAGES = "outages";

  /** The finest totalizer step of the points. */
  public static final String RESOLUTION = "resolution";

  /** Every column of the statement besides time: the figures, then the counts. */
  public static final List<String> COLUMNS;

  static {
    List<String> columns = new ArrayList<>(FIGURES);
    columns.addAll(List.of(INTERVALS, SPAN, SPANNED, OUTAGES, RESOLUTION));
    COLUMNS = List.copyOf(columns);
  }

  private DaySums() {}

  /**
   * The statement over raw points matching {@code where} (sites and a time range), one row per UTC
   * day, series per site, methodology and parameter set.
   */
  public static String query(String where) {
    List<String> columns = new ArrayList<>();
    for (String figure : FIGURES) {
      columns.add("sum(" + identifier(figure) + ") AS " + identifier(figure));
    }
    columns.add(
        "count(" + identifier(Schema.FIELD_AVOIDED_TCO2E) + ") AS " + identifier(INTERVALS));
    columns.add("sum(" + identifier(Schema.FIELD_INTERVAL_SECONDS) + ") AS " + identifier(SPAN));
    columns.add(
        "count(" + identifier(Schema.FIELD_INTERVAL_SECONDS) + ") AS " + identifier(SPANNED));
    columns.add("sum(" + identifier(Schema.FIELD_SPANS_OUTAGE) + ") AS " + identifier(OUTAGES));
    columns.add(
        "min(" + identifier(Schema.FIELD_VOLUME_RESOLUTION_CF) + ") AS " + identifier(RESOLUTION));
    return "SELECT "
        + String.join(", ", columns)
        + " FROM "
        + identifier(Schema.EMISSIONS)
        + " WHERE "
        + where
        + " GROUP BY time(1d), "
        + identifier(Schema.TAG_SITE)
        + ", "
        + identifier(Schema.TAG_METHODOLOGY)
        + ", "
        + identifier(Schema.TAG_PARAMETER_SET)
        + " fill(none)";
  }

  /** The day-changed markers ({@link Schema#EMISSIONS_1D_DUE}) matching {@code where}, by site. */
  public static String markers(String where) {
    return "SELECT "
        + identifier(Schema.FIELD_WRITTEN_AT)
        + " FROM "
        + identifier(Schema.EMISSIONS_1D_DUE)
        + " WHERE "
        + where
        + " GROUP BY "
        + identifier(Schema.TAG_SITE);
  }

  /** {@code "rp"."measurement"}, or the measurement alone when {@code rp} is null. */
  public static String in(String retentionPolicy, String measurement) {
    return retentionPolicy == null
        ? identifier(measurement)
        : identifier(retentionPolicy) + "." + identifier(measurement);
  }
}
