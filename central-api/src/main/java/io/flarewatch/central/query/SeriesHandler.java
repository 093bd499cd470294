package io.flarewatch.central.query;

import static io.flarewatch.central.influx.InfluxQl.identifier;

import io.flarewatch.central.http.ApiException;
import io.flarewatch.central.http.QueryParameters;
import io.flarewatch.central.http.SitePath;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.wire.Schema;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/sites/{site}/series?metric=&from=&to=&step=&agg=&device=}: one whitelisted
 * metric downsampled by InfluxDB ({@code GROUP BY time(step)}), one series per device.
 */
public final class SeriesHandler implements Function<RoutingContext, Future<JsonObject>> {

  public static final int MAX_BUCKETS = 10_000;
  static final List<String> AGGREGATES = List.of("mean", "min", "max", "sum", "last", "count");
  private static final Pattern STEP = Pattern.compile("([1-9][0-9]{0,8})(s|m|h|d)");

  private final InfluxClient influx;

  public SeriesHandler(InfluxClient influx) {
    this.influx = influx;
  }

  @Override
  public Future<JsonObject> apply(RoutingContext ctx) {
    String siteId = SitePath.site(ctx).id();
    QueryParameters params =
        QueryParameters.of(ctx, Set.of("metric", "from", "to", "step", "agg", "device"));
    SeriesMetrics.Metric metric = SeriesMetrics.parse(ctx.queryParams().get("metric"));
    Instant from = params.instant("from");
    Instant to = params.instant("to");
    if (!from.isBefore(to)) {
      throw ApiException.badRequest("invalid-period", "'from' must be before 'to'.");
    }
    long stepSeconds = step(ctx.queryParams().get("step"));
    long rangeSeconds = Math.max(1, Duration.between(from, to).toSeconds());
    long buckets = (rangeSeconds + stepSeconds - 1) / stepSeconds;
    if (buckets > MAX_BUCKETS) {
      throw ApiException.badRequest(
          "too-many-buckets",
          "from/to/step give "
              + buckets
              + " buckets; at most "
              + MAX_BUCKETS
              + " are allowed: use a larger step or a shorter period.");
    }
    String agg = aggregate(ctx.queryParams().get("agg"));
    String device = ctx.queryParams().get("device");
    StringBuilder query =
        new StringBuilder("SELECT ")
            .append(agg)
            .append('(')
            .append(identifier(metric.field()))
            .append(") AS \"value\" FROM ")
            .append(identifier(metric.measurement()))
            .append(" WHERE ")
            .append(InfluxFilters.tagEquals(Schema.TAG_SITE, siteId))
            .append(" AND ")
            .append(InfluxFilters.timeRange(from, to));
    if (device != null) {
      String deviceTag =
          metric
              .deviceTag()
              .orElseThrow(
                  () ->
                      ApiException.badRequest(
                          "invalid-parameter",
                          "Metric '" + metric.name() + "' is site-wide; 'device' does not apply."));
      try {
        Schema.checkId("device", device);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("invalid-parameter", e.getMessage() + ".");
      }
      query.append(" AND ").append(InfluxFilters.tagEquals(deviceTag, device));
    }
    query.append(" GROUP BY time(").append(stepSeconds).append("s)");
    metric.deviceTag().ifPresent(tag -> query.append(", ").append(identifier(tag)));
    query.append(" fill(none)");
    return influx
        .query(query.toString())
        .map(
            results ->
                new JsonObject()
                    .put("site", siteId)
                    .put("metric", metric.name())
                    .put("agg", agg)
                    .put("stepSeconds", stepSeconds)
                    .put("from", from.toString())
                    .put("to", to.toString())
                    .put("device", device)
                    .put("series", series(results, metric)));
  }

  private static JsonArray series(JsonArray results, SeriesMetrics.Metric metric) {
    JsonArray all = new JsonArray();
    for (ResultSeries one : ResultSeries.of(results, 0)) {
      JsonArray points = new JsonArray();
      for (JsonArray row : one.rows()) {
        points.add(
            new JsonArray()
                .add(Instant.ofEpochMilli(row.getLong(0)).toString())
                .add(row.getValue(1)));
      }
      all.add(
          new JsonObject()
              .put("device", metric.deviceTag().map(one::tag).orElse(null))
              .put("points", points));
    }
    return all;
  }

  /** A step such as {@code 10s}, {@code 5m}, {@code 1h} or {@code 1d}, in seconds (default 60). */
  static long step(String value) {
    if (value == null) {
      return 60;
    }
    Matcher m = STEP.matcher(value);
    if (!m.matches()) {
      throw ApiException.badRequest(
          "invalid-parameter",
          "Query parameter 'step' must be a whole number of s, m, h or d (at least 1s), e.g. 10s"
              + " or 5m; got "
              + ApiException.quoted(value)
              + ".");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> n;
      case "m" -> n * 60;
      case "h" -> n * 3600;
      default -> n * 86_400;
    };
  }

  private static String aggregate(String value) {
    if (value == null) {
      return "mean";
    }
    String agg = value.toLowerCase(Locale.ROOT);
    if (!AGGREGATES.contains(agg)) {
      throw ApiException.badRequest(
          "invalid-parameter",
          "Query parameter 'agg' must be one of "
              + AGGREGATES
              + "; got "
              + ApiException.quoted(value)
              + ".");
    }
    return agg;
  }
}
