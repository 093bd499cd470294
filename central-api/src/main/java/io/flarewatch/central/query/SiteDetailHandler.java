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
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code GET /api/v1/sites/{site}}: the latest point of every generator, gas meter and miner of a
 * site, the latest site summary and the latest decision of the edge's load loop (of the last {@link
 * #LOAD_CONTROL_WITHIN}), in one InfluxDB round trip.
 *
 * <p>With a thousand miners that read is a second's work, so this process shares one read of a site
 * among all its requests and live streams for up to {@code influx.sharedReadsMaxAgeSeconds} ({@link
 * FreshFor}). The shared answer must not be changed by whoever gets it.
 */
public final class SiteDetailHandler implements Function<RoutingContext, Future<JsonObject>> {

  /** The miner fields shown per miner; the rest is in the series endpoint. */
  static final List<String> MINER_FIELDS =
      List.of(
          Schema.FIELD_UP,
          Schema.FIELD_STATE,
          Schema.FIELD_HASHRATE_THS,
          Schema.FIELD_TEMP_CHIP_MAX_C,
          Schema.FIELD_POWER_W,
          Schema.FIELD_ERROR,
          Schema.TAG_FIRMWARE);

  /** How old the latest load-loop decision may be and still show; older: {@code null}. */
  static final Duration LOAD_CONTROL_WITHIN = Duration.ofMinutes(15);

  private final InfluxClient influx;
  private final FreshFor<SiteConfig, JsonObject> shared;

  /**
   * @param maxAge how long one read of a site is shared; zero: read for every request
   * @param sites how many sites there are, the most reads kept
   */
  public SiteDetailHandler(InfluxClient influx, Duration maxAge, int sites, Clock clock) {
    this.influx = influx;
    this.shared = new FreshFor<>(maxAge, maxAge, Math.max(1, sites), clock);
  }

  @Override
  public Future<JsonObject> apply(RoutingContext ctx) {
    SiteConfig site = SitePath.site(ctx);
    QueryParameters.of(ctx, Set.of());
    return latest(site, null);
  }

  /**
   * The site's latest devices and summary, as {@code GET /api/v1/sites/{site}} answers them: a
   * shared read, one started for ingest's {@code notice} when that is not null.
   */
  public Future<JsonObject> latest(SiteConfig site, String notice) {
    return shared.get(site, notice, this::read).map(FreshFor.Read::value);
  }

  private Future<JsonObject> read(SiteConfig site) {
    String where = " WHERE " + InfluxFilters.tagEquals(Schema.TAG_SITE, site.id());
    String latest = " ORDER BY time DESC LIMIT 1";
    String query =
        "SELECT * FROM "
            + identifier(Schema.GENERATOR)
            + where
            + " GROUP BY "
            + identifier(Schema.TAG_DEVICE)
            + latest
            + "; SELECT * FROM "
            + identifier(Schema.GAS_METER)
            + where
            + " GROUP BY "
            + identifier(Schema.TAG_DEVICE)
            + ", "
            + identifier(Schema.TAG_ROLE)
            + latest
            + "; SELECT "
            + String.join(", ", MINER_FIELDS.stream().map(f -> identifier(f)).toList())
            + " FROM "
            + identifier(Schema.MINER)
            + where
            + " GROUP BY "
            + identifier(Schema.TAG_MINER)
            + latest
            + "; SELECT * FROM "
            + identifier(Schema.SITE_SUMMARY)
            + where
            + latest
            + "; SELECT * FROM "
            + identifier(Schema.CONTROL_DECISION)
            + where
            + " AND time > now() - "
            + LOAD_CONTROL_WITHIN.toMinutes()
            + "m"
            + latest;
    return influx.query(query).map(results -> detail(site, results));
  }

  private static JsonObject detail(SiteConfig site, JsonArray results) {
    JsonObject summary = latestRow(ResultSeries.of(results, 3));
    return new JsonObject()
        .put("site", site.id())
        .put("name", site.name())
        .put("summary", summary)
        .put("generators", devices(ResultSeries.of(results, 0), Schema.TAG_DEVICE))
        .put("gasMeters", devices(ResultSeries.of(results, 1), Schema.TAG_DEVICE))
        .put("miners", devices(ResultSeries.of(results, 2), Schema.TAG_MINER))
        .put("loadControl", latestRow(ResultSeries.of(results, 4)));
  }

  /** The one row of an ungrouped latest read, without its site tag; null when there is none. */
  private static JsonObject latestRow(List<ResultSeries> series) {
    return series.isEmpty() || series.get(0).rows().isEmpty()
        ? null
        : withoutTag(series.get(0).rowObject(0), Schema.TAG_SITE);
  }

  /** One object per series, sorted by id: its tags, then the latest row's columns. */
  private static JsonArray devices(List<ResultSeries> series, String idTag) {
    List<ResultSeries> sorted = new java.util.ArrayList<>(series);
    sorted.sort(java.util.Comparator.comparing(s -> s.tag(idTag)));
    JsonArray devices = new JsonArray();
    for (ResultSeries one : sorted) {
      if (one.rows().isEmpty()) {
        continue;
      }
      JsonObject device = new JsonObject().put("id", one.tag(idTag));
      one.tags()
          .forEach(
              (k, v) -> {
                if (!k.equals(idTag)) {
                  device.put(k, v);
                }
              });
      device.mergeIn(withoutTag(one.rowObject(0), Schema.TAG_SITE));
      devices.add(device);
    }
    return devices;
  }

  private static JsonObject withoutTag(JsonObject row, String tag) {
    row.remove(tag);
    return row;
  }
}
