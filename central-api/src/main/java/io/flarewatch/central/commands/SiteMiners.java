package io.flarewatch.central.commands;

import static io.flarewatch.central.influx.InfluxQl.identifier;

import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.central.query.InfluxFilters;
import io.flarewatch.wire.Schema;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The miners a site reported in the last {@link #LOOK_BACK} (its {@code miner} points in the sites'
 * database): id, latest firmware tag, and the highest {@code power_w} reported, which is the
 * miner's running draw whether it is asleep now or not (a sleeping miner's latest power is about 0,
 * which would hide the load step of waking it).
 */
final class SiteMiners {

  static final Duration LOOK_BACK = Duration.ofHours(24);

  private final InfluxClient influx;

  SiteMiners(InfluxClient influx) {
    this.influx = influx;
  }

  /** The site's miners, sorted by id. */
  Future<List<SiteMiner>> read(String site, Instant now) {
    String where =
        " WHERE "
            + InfluxFilters.tagEquals(Schema.TAG_SITE, site)
            + " AND "
            + InfluxFilters.timeRange(now.minus(LOOK_BACK), now.plus(Duration.ofHours(1)));
    String query =
        "SELECT LAST("
            + identifier(Schema.FIELD_UP)
            + ") FROM "
            + identifier(Schema.MINER)
            + where
            + " GROUP BY "
            + identifier(Schema.TAG_MINER)
            + ", "
            + identifier(Schema.TAG_FIRMWARE)
            + "; SELECT MAX("
            + identifier(Schema.FIELD_POWER_W)
            + ") FROM "
            + identifier(Schema.MINER)
            + where
            + " GROUP BY "
            + identifier(Schema.TAG_MINER);
    return influx.query(query).map(SiteMiners::miners);
  }

  private static List<SiteMiner> miners(JsonArray results) {
    Map<String, String> firmware = new TreeMap<>();
    Map<String, Long> seenAt = new HashMap<>();
    for (ResultSeries series : ResultSeries.of(results, 0)) {
      if (series.rows().isEmpty()) {
        continue;
      }
      String miner = series.tag(Schema.TAG_MINER);
      long at = series.time(0);
      if (!seenAt.containsKey(miner) || at > seenAt.get(miner)) {
        seenAt.put(miner, at);
        String tag = series.tag(Schema.TAG_FIRMWARE);
        firmware.put(miner, tag.isEmpty() ? null : tag);
      }
    }
    Map<String, Double> watts = new HashMap<>();
    for (ResultSeries series : ResultSeries.of(results, 1)) {
      if (!series.rows().isEmpty()) {
        watts.put(series.tag(Schema.TAG_MINER), series.doubleValue(0, "max"));
      }
    }
    List<SiteMiner> miners = new ArrayList<>();
    firmware.forEach((id, fw) -> miners.add(new SiteMiner(id, fw, watts.get(id))));
    return miners;
  }
}
