package io.flarewatch.central.query;

import static io.flarewatch.central.influx.InfluxQl.identifier;

import io.flarewatch.central.auth.Principal;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.http.QueryParameters;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.wire.Schema;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code GET /api/v1/fleet}: every configured site the user may see with its latest state, read in
 * one InfluxDB round trip (one multi-statement query grouped by site, never one query per site).
 *
 * <p>The query names the user's sites only when they are a few ({@link #MAX_NAMED_SITES}): InfluxDB
 * 1.x evaluates a filter of many OR'ed sites slowly (1,000 sites: over a second per statement,
 * where reading every site's latest points takes under 100 ms). Otherwise it reads every site and
 * the answer keeps only the user's, as it always does.
 *
 * <p>Reading every site's latest points costs seconds at a thousand sites, so this process shares
 * one such read (a snapshot of every site) among all requests for up to {@code
 * influx.sharedReadsMaxAgeSeconds} ({@link FreshFor}); each answer keeps the user's sites of it and
 * says in {@code dataAsOf} when it was read. Only with that age set to 0 does each request read,
 * naming the user's sites when they are a few.
 */
public final class FleetHandler implements Function<RoutingContext, Future<JsonObject>> {

  static final String ROLE_GENSET_FUEL = "genset_fuel_meter";
  static final String ROLE_FLARE = "flare_meter";

  /** The generator register with its load in % of rating, where the register map has one. */
  static final String LOAD_PCT = "load_pct";

  /** Most sites named in the query; more (or every site) are read unfiltered. */
  static final int MAX_NAMED_SITES = 50;

  /** Where the answer comes from: central (an edge's own copy of the app says site-local). */
  static final String SOURCE = "central";

  /** The one key of the shared snapshot: every site. */
  private static final String EVERY_SITE = "every site";

  private final CentralConfig config;
  private final InfluxClient influx;
  private final Clock clock;
  private final FreshFor<String, Snapshot> snapshots;

  public FleetHandler(CentralConfig config, InfluxClient influx, Clock clock) {
    this.config = config;
    this.influx = influx;
    this.clock = clock;
    this.snapshots =
        new FreshFor<>(
            config.influx().sharedReadsMaxAge(), config.influx().sharedReadsMaxAge(), 1, clock);
  }

  /** What InfluxDB answered about the sites at {@code readAt}. */
  private record Snapshot(Instant readAt, JsonArray results) {
    Instant dayStart() {
      return readAt.truncatedTo(ChronoUnit.DAYS);
    }
  }

  @Override
  public Future<JsonObject> apply(RoutingContext ctx) {
    QueryParameters.of(ctx, Set.of());
    Instant now = clock.instant();
    List<SiteConfig> sites = Principal.of(ctx).sites().filter(config.sites(), SiteConfig::id);
    List<String> ids = sites.stream().map(SiteConfig::id).toList();
    Future<Snapshot> snapshot;
    if (ids.isEmpty()) {
      snapshot = Future.succeededFuture(new Snapshot(now, null));
    } else if (!config.influx().sharedReadsMaxAge().isZero()) {
      snapshot = snapshots.get(EVERY_SITE, k -> read(null)).map(FreshFor.Read::value);
    } else {
      boolean named = ids.size() < config.sites().size() && ids.size() <= MAX_NAMED_SITES;
      snapshot = read(named ? ids : null);
    }
    return snapshot.map(s -> fleet(sites, s, now));
  }

  /** The sites {@code ids} (null: every site) as InfluxDB has them now. */
  private Future<Snapshot> read(List<String> ids) {
    Instant at = clock.instant();
    Instant dayStart = at.truncatedTo(ChronoUnit.DAYS);
    return influx.query(query(ids, dayStart, at)).map(results -> new Snapshot(at, results));
  }

  /** The fleet's statements, about the sites {@code ids}, or about every site when null. */
  static String query(List<String> ids, Instant dayStart, Instant now) {
    String sites = ids == null ? null : InfluxFilters.sites(ids);
    String where = sites == null ? "" : " WHERE " + sites;
    String bySite = " GROUP BY " + identifier(Schema.TAG_SITE);
    return "SELECT last("
        + identifier(Schema.FIELD_GENERATOR_KW)
        + ") AS kw, last("
        + identifier(LOAD_PCT)
        + ") AS load FROM "
        + identifier(Schema.GENERATOR)
        + where
        + " GROUP BY "
        + identifier(Schema.TAG_SITE)
        + ", "
        + identifier(Schema.TAG_DEVICE)
        + "; "
        + LatestSiteSummary.everySite()
        + where
        + bySite
        + "; SELECT last("
        + identifier("flow_rate_mscfd")
        + ") AS flow FROM "
        + identifier(Schema.GAS_METER)
        + where
        + " GROUP BY "
        + identifier(Schema.TAG_SITE)
        + ", "
        + identifier(Schema.TAG_ROLE)
        + ", "
        + identifier(Schema.TAG_DEVICE)
        + "; SELECT sum("
        + identifier("avoided_tco2e")
        + ") AS avoided FROM "
        + identifier(Schema.EMISSIONS)
        + " WHERE "
        + (sites == null ? "" : sites + " AND ")
        + InfluxFilters.timeRange(dayStart, now.plusSeconds(1))
        + bySite;
  }

  private static JsonObject fleet(List<SiteConfig> sites, Snapshot snapshot, Instant now) {
    JsonArray results = snapshot.results();
    Map<String, SiteState> states = new HashMap<>();
    sites.forEach(s -> states.put(s.id(), new SiteState()));
    if (results != null) {
      for (ResultSeries series : ResultSeries.of(results, 0)) {
        SiteState state = states.get(series.tag(Schema.TAG_SITE));
        if (state != null && !series.rows().isEmpty()) {
          state.seen(series.time(0));
          state.generatorKw = add(state.generatorKw, series.doubleValue(0, "kw"));
          state.load(series.doubleValue(0, "load"));
        }
      }
      for (ResultSeries series : ResultSeries.of(results, 1)) {
        SiteState state = states.get(series.tag(Schema.TAG_SITE));
        if (state != null && !series.rows().isEmpty()) {
          state.seen(series.time(0));
          state.summary = series;
        }
      }
      for (ResultSeries series : ResultSeries.of(results, 2)) {
        SiteState state = states.get(series.tag(Schema.TAG_SITE));
        if (state != null && !series.rows().isEmpty()) {
          state.seen(series.time(0));
          Double flow = series.doubleValue(0, "flow");
          switch (series.tag(Schema.TAG_ROLE)) {
            case ROLE_GENSET_FUEL -> state.fuelFlow = add(state.fuelFlow, flow);
            case ROLE_FLARE -> state.flareFlow = add(state.flareFlow, flow);
            default -> {}
          }
        }
      }
      for (ResultSeries series : ResultSeries.of(results, 3)) {
        SiteState state = states.get(series.tag(Schema.TAG_SITE));
        if (state != null && !series.rows().isEmpty()) {
          state.avoidedToday = series.doubleValue(0, "avoided");
        }
      }
    }
    JsonArray answered = new JsonArray();
    for (SiteConfig site : sites) {
      answered.add(states.get(site.id()).toJson(site, now));
    }
    return new JsonObject()
        .put("source", SOURCE)
        .put("time", now.toString())
        .put("dataAsOf", snapshot.readAt().toString())
        .put("avoidedTodayFrom", snapshot.dayStart().toString())
        .put(
            "notes",
            new JsonArray()
                .add(
                    "avoidedTco2eToday sums the site's emissions points since 00:00 UTC"
                        + " (the UTC day), not the site's local day.")
                .add("gas flows are the latest flow_rate_mscfd of each meter, added per role.")
                .add("generatorLoadPct is the mean of the generators' latest load_pct."))
        .put("sites", answered);
  }

  private static Double add(Double total, Double value) {
    if (value == null) {
      return total;
    }
    return total == null ? value : total + value;
  }

  /** What the query said about one site. */
  private static final class SiteState {
    Long lastSeen;
    Double generatorKw;
    double loadTotal;
    int loads;
    ResultSeries summary;
    Double fuelFlow;
    Double flareFlow;
    Double avoidedToday;

    void load(Double pct) {
      if (pct != null) {
        loadTotal += pct;
        loads++;
      }
    }

    void seen(long time) {
      if (lastSeen == null || time > lastSeen) {
        lastSeen = time;
      }
    }

    JsonObject toJson(SiteConfig site, Instant now) {
      boolean online =
          lastSeen != null && now.toEpochMilli() - lastSeen <= site.offlineAfterSeconds() * 1000L;
      return new JsonObject()
          .put("site", site.id())
          .put("name", site.name())
          .put("online", online)
          .put("lastSeen", lastSeen == null ? null : Instant.ofEpochMilli(lastSeen).toString())
          .put("offlineAfterSeconds", site.offlineAfterSeconds())
          .put("generatorKw", generatorKw)
          .put("generatorLoadPct", loads == 0 ? null : loadTotal / loads)
          .put("hashrateThs", summary == null ? null : summary.value(0, "hashrate"))
          .put("minersOnline", summary == null ? null : summary.value(0, "online"))
          .put("minersTotal", summary == null ? null : summary.value(0, "total"))
          .put("gensetFuelFlowMscfd", fuelFlow)
          .put("flareFlowMscfd", flareFlow)
          .put("avoidedTco2eToday", avoidedToday == null ? 0.0 : avoidedToday);
    }
  }
}
