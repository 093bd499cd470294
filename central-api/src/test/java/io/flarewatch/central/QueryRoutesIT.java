package io.flarewatch.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.HttpConfig;
import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.influx.testkit.InfluxTarget;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fleet overview, site detail and downsampled series against a real InfluxDB. */
class QueryRoutesIT {

  /** Aligned to 30 s, so 30 s buckets hold exactly three 10 s points. */
  private static final long T0 = 1_770_000_000_000L;

  private static Vertx vertx;
  private static CentralApp central;
  private static WebClient client;

  @BeforeAll
  static void start() {
    InfluxTarget target = InfluxTestServer.shared();
    CentralConfig config =
        new CentralConfig(
            new HttpConfig("127.0.0.1", 0, null),
            new InfluxConfig(target.url(), InfluxTestServer.uniqueDatabase("query"), null, null),
            List.of(
                new SiteConfig("live", "Live site", SiteConfig.sha256Hex("a"), null, 60, null),
                new SiteConfig("stale", null, SiteConfig.sha256Hex("b")),
                new SiteConfig("silent", null, SiteConfig.sha256Hex("c")),
                new SiteConfig("history", null, SiteConfig.sha256Hex("d"))),
            TestUsers.auth());
    vertx = Vertx.vertx();
    InfluxClient influx = new InfluxClient(vertx, config.influx());
    influx.createDatabase().await();
    central = CentralApp.start(vertx, config).await();
    client = WebClient.create(vertx);
    long now = System.currentTimeMillis();
    long tenMinutesAgo = now - 600_000;
    StringBuilder lines = new StringBuilder();
    lines
        .append("generator,device=gen-1,site=live up=1i,power_kw=300.5,load_pct=71.0 ")
        .append(now)
        .append('\n');
    lines
        .append("generator,device=gen-2,site=live up=1i,power_kw=100.25,load_pct=40.0 ")
        .append(now)
        .append('\n');
    lines
        .append("site_summary,site=live hashrate_ths=2000.5,miners_online=9i,miners_total=10i ")
        .append(now)
        .append('\n');
    lines
        .append(
            "gas_meter,device=fuel,role=genset_fuel_meter,site=live up=1i,flow_rate_mscfd=120.5,interval_volume_scf=139.5 ")
        .append(now)
        .append('\n');
    lines
        .append("gas_meter,device=flare,role=flare_meter,site=live up=1i,flow_rate_mscfd=30.25 ")
        .append(now)
        .append('\n');
    lines
        .append("emissions,device=fuel,methodology=m,site=live avoided_tco2e=0.5 ")
        .append(now)
        .append('\n');
    lines
        .append("emissions,device=fuel,methodology=m,site=live avoided_tco2e=0.25 ")
        .append(now - 1)
        .append('\n');
    lines
        .append(
            "miner,firmware=stock,miner=m-01,site=live up=1i,state=\"mining\",hashrate_ths=200.5,temp_chip_max_c=71.5,power_w=3250.0 ")
        .append(now)
        .append('\n');
    lines
        .append(
            "miner,firmware=stock,miner=m-02,site=live up=1i,state=\"mining\",hashrate_ths=190.0 ")
        .append(now - 10_000)
        .append('\n');
    lines
        .append("miner,firmware=stock,miner=m-02,site=live up=0i,error=\"timeout\" ")
        .append(now)
        .append('\n');
    lines
        .append("control_decision,site=live reason=\"add_gas\",target_kw=900.0,load_kw=850.0 ")
        .append(now - 60_000)
        .append('\n');
    lines
        .append(
            "control_decision,site=live reason=\"shed_gas\",gas_available_scfh=9000.5,capacity_kw=700.5,"
                + "target_kw=650.0,load_kw=820.0,miners_slept=2i,miners_woken=0i,miners_limited=1i,"
                + "miners_overridden=1i,miners_changed=\"m-01,m-02\" ")
        .append(now - 10_000)
        .append('\n');
    // older than the site detail shows: no decision
    lines
        .append("control_decision,site=stale reason=\"hold\",target_kw=10.0,load_kw=10.0 ")
        .append(now - 20 * 60_000)
        .append('\n');
    // a site no longer configured: the fleet reads every site's series and must leave it out
    lines.append("generator,device=gen-1,site=retired power_kw=999.0 ").append(now).append('\n');
    lines.append("emissions,device=fuel,methodology=m,site=retired avoided_tco2e=9.0 ");
    lines.append(now).append('\n');
    lines
        .append("site_summary,site=stale hashrate_ths=5.0,miners_online=1i,miners_total=1i ")
        .append(tenMinutesAgo)
        .append('\n');
    for (int i = 0; i < 6; i++) {
      long t = T0 + i * 10_000L;
      lines
          .append("generator,device=gen-1,site=history power_kw=")
          .append(i + 1)
          .append(' ')
          .append(t)
          .append('\n');
      lines
          .append("generator,device=gen-2,site=history power_kw=")
          .append(10 * (i + 1))
          .append(' ')
          .append(t)
          .append('\n');
    }
    influx.write(Buffer.buffer(lines.toString())).await();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static HttpResponse<Buffer> get(String path, Map<String, String> params) {
    return TestUsers.get(client, central.port(), Role.VIEWER, path, params);
  }

  private static JsonObject site(JsonArray sites, String id) {
    for (int i = 0; i < sites.size(); i++) {
      if (sites.getJsonObject(i).getString("site").equals(id)) {
        return sites.getJsonObject(i);
      }
    }
    throw new AssertionError("no site " + id + " in " + sites.encodePrettily());
  }

  @Test
  void fleetListsEveryConfiguredSiteWithItsLatestState() {
    HttpResponse<Buffer> response = get("/api/v1/fleet", Map.of());
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonObject fleet = response.bodyAsJsonObject();
    JsonArray sites = fleet.getJsonArray("sites");
    assertEquals(4, sites.size());
    JsonObject live = site(sites, "live");
    assertTrue(live.getBoolean("online"), live.encodePrettily());
    assertEquals("Live site", live.getString("name"));
    assertEquals(400.75, live.getDouble("generatorKw"), 1e-9, "both generators added");
    assertEquals(2000.5, live.getDouble("hashrateThs"), 1e-9);
    assertEquals(9, live.getInteger("minersOnline"));
    assertEquals(10, live.getInteger("minersTotal"));
    assertEquals(120.5, live.getDouble("gensetFuelFlowMscfd"), 1e-9);
    assertEquals(30.25, live.getDouble("flareFlowMscfd"), 1e-9);
    assertEquals(0.75, live.getDouble("avoidedTco2eToday"), 1e-9);
    JsonObject stale = site(sites, "stale");
    assertFalse(stale.getBoolean("online"), "last point ten minutes old, offline after 60 s");
    assertTrue(stale.getString("lastSeen") != null);
    assertNull(stale.getValue("generatorKw"));
    JsonObject silent = site(sites, "silent");
    assertFalse(silent.getBoolean("online"));
    assertNull(silent.getValue("lastSeen"));
    assertEquals(0.0, silent.getDouble("avoidedTco2eToday"));
    assertTrue(fleet.getString("avoidedTodayFrom").endsWith("T00:00:00Z"));
    assertTrue(fleet.getJsonArray("notes").encode().contains("UTC"));
  }

  @Test
  void siteDetailShowsEachDevicesLatestValues() {
    HttpResponse<Buffer> response = get("/api/v1/sites/live", Map.of());
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonObject detail = response.bodyAsJsonObject();
    JsonArray generators = detail.getJsonArray("generators");
    assertEquals(2, generators.size(), detail.encodePrettily());
    JsonObject gen1 = generators.getJsonObject(0);
    assertEquals("gen-1", gen1.getString("id"));
    assertEquals(300.5, gen1.getDouble("power_kw"), 1e-9);
    assertEquals(71.0, gen1.getDouble("load_pct"), 1e-9);
    JsonArray meters = detail.getJsonArray("gasMeters");
    assertEquals(2, meters.size());
    JsonObject flare = meters.getJsonObject(0);
    assertEquals("flare", flare.getString("id"));
    assertEquals("flare_meter", flare.getString("role"));
    assertEquals(30.25, flare.getDouble("flow_rate_mscfd"), 1e-9);
    JsonArray miners = detail.getJsonArray("miners");
    assertEquals(2, miners.size());
    JsonObject m1 = miners.getJsonObject(0);
    assertEquals("m-01", m1.getString("id"));
    assertEquals("mining", m1.getString("state"));
    assertEquals(200.5, m1.getDouble("hashrate_ths"), 1e-9);
    assertEquals(71.5, m1.getDouble("temp_chip_max_c"), 1e-9);
    assertEquals(3250.0, m1.getDouble("power_w"), 1e-9);
    JsonObject m2 = miners.getJsonObject(1);
    assertEquals(0, m2.getInteger("up"), "the latest point of m-02 says it is down");
    assertEquals("timeout", m2.getString("error"));
    assertNull(m2.getValue("hashrate_ths"));
    assertEquals(2000.5, detail.getJsonObject("summary").getDouble("hashrate_ths"), 1e-9);
    assertEquals(404, get("/api/v1/sites/nowhere", Map.of()).statusCode());
  }

  @Test
  void siteDetailCarriesTheLatestLoadLoopDecisionOfTheLastFifteenMinutes() {
    JsonObject detail = get("/api/v1/sites/live", Map.of()).bodyAsJsonObject();
    JsonObject decision = detail.getJsonObject("loadControl");
    assertTrue(decision != null, detail.encodePrettily());
    assertEquals("shed_gas", decision.getString("reason"), "the newer of two decisions");
    assertEquals(9000.5, decision.getDouble("gas_available_scfh"), 1e-9);
    assertEquals(700.5, decision.getDouble("capacity_kw"), 1e-9);
    assertEquals(650.0, decision.getDouble("target_kw"), 1e-9);
    assertEquals(820.0, decision.getDouble("load_kw"), 1e-9);
    assertEquals(2, decision.getInteger("miners_slept"));
    assertEquals(0, decision.getInteger("miners_woken"));
    assertEquals(1, decision.getInteger("miners_limited"));
    assertEquals(1, decision.getInteger("miners_overridden"));
    assertEquals("m-01,m-02", decision.getString("miners_changed"));
    assertTrue(decision.getString("time") != null, decision.encodePrettily());
    assertFalse(decision.containsKey("site"));
    JsonObject stale = get("/api/v1/sites/stale", Map.of()).bodyAsJsonObject();
    assertTrue(stale.containsKey("loadControl"), stale.encodePrettily());
    assertNull(stale.getValue("loadControl"), "its only decision is 20 minutes old");
    assertNull(get("/api/v1/sites/silent", Map.of()).bodyAsJsonObject().getValue("loadControl"));
  }

  private static final String FROM = Instant.ofEpochMilli(T0).toString();
  private static final String TO = Instant.ofEpochMilli(T0 + 60_000).toString();

  private static HttpResponse<Buffer> series(Map<String, String> params) {
    return get("/api/v1/sites/history/series", params);
  }

  @Test
  void seriesAreDownsampledPerDevice() {
    HttpResponse<Buffer> response =
        series(Map.of("metric", "generator.power_kw", "from", FROM, "to", TO, "step", "30s"));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonArray series = response.bodyAsJsonObject().getJsonArray("series");
    assertEquals(2, series.size());
    JsonObject gen1 = series.getJsonObject(0);
    assertEquals("gen-1", gen1.getString("device"));
    assertEquals(
        new JsonArray()
            .add(new JsonArray().add(FROM).add(2.0))
            .add(new JsonArray().add(Instant.ofEpochMilli(T0 + 30_000).toString()).add(5.0)),
        gen1.getJsonArray("points"));
    assertEquals(
        50.0, series.getJsonObject(1).getJsonArray("points").getJsonArray(1).getDouble(1), 1e-9);
  }

  @Test
  void seriesAggregateAndDeviceFilter() {
    JsonObject max =
        series(
                Map.of(
                    "metric",
                    "generator.power_kw",
                    "from",
                    FROM,
                    "to",
                    TO,
                    "step",
                    "1m",
                    "agg",
                    "max",
                    "device",
                    "gen-2"))
            .bodyAsJsonObject();
    assertEquals(1, max.getJsonArray("series").size());
    assertEquals(
        60.0,
        max.getJsonArray("series")
            .getJsonObject(0)
            .getJsonArray("points")
            .getJsonArray(0)
            .getDouble(1),
        1e-9);
    JsonObject count =
        series(
                Map.of(
                    "metric",
                    "generator.power_kw",
                    "from",
                    FROM,
                    "to",
                    TO,
                    "step",
                    "20s",
                    "agg",
                    "count",
                    "device",
                    "gen-1"))
            .bodyAsJsonObject();
    JsonArray points = count.getJsonArray("series").getJsonObject(0).getJsonArray("points");
    assertEquals(3, points.size());
    assertEquals(2, points.getJsonArray(0).getInteger(1));
  }

  @Test
  void badSeriesRequestsAreProblems() {
    List<Map<String, String>> bad =
        List.of(
            Map.of("metric", "generator.nope", "from", FROM, "to", TO),
            Map.of(
                "metric", "generator.power_kw\" FROM x; DROP DATABASE y", "from", FROM, "to", TO),
            Map.of("from", FROM, "to", TO),
            Map.of("metric", "generator.power_kw", "from", "yesterday", "to", TO),
            Map.of("metric", "generator.power_kw", "from", TO, "to", FROM),
            Map.of("metric", "generator.power_kw", "from", FROM, "to", TO, "step", "0s"),
            Map.of("metric", "generator.power_kw", "from", FROM, "to", TO, "step", "500ms"),
            Map.of("metric", "generator.power_kw", "from", FROM, "to", TO, "step", "1x"),
            Map.of("metric", "generator.power_kw", "from", FROM, "to", TO, "agg", "median"),
            Map.of(
                "metric", "generator.power_kw", "from", FROM, "to", TO, "agg", "mean) FROM x --"),
            Map.of(
                "metric", "generator.power_kw", "from", FROM, "to", TO, "device", "gen-1' OR 1=1"),
            Map.of(
                "metric", "site_summary.hashrate_ths", "from", FROM, "to", TO, "device", "gen-1"),
            Map.of("metric", "generator.power_kw", "from", FROM, "to", TO, "limit", "5"),
            Map.of(
                "metric",
                "generator.power_kw",
                "from",
                FROM,
                "to",
                Instant.ofEpochMilli(T0 + 10_001_000).toString(),
                "step",
                "1s"));
    for (Map<String, String> params : bad) {
      HttpResponse<Buffer> response = series(params);
      assertEquals(400, response.statusCode(), params + " → " + response.bodyAsString());
      assertEquals("application/problem+json", response.getHeader("Content-Type"));
      assertTrue(response.bodyAsJsonObject().getString("detail").length() > 10);
    }
    HttpResponse<Buffer> exactlyTenThousand =
        series(
            Map.of(
                "metric",
                "generator.power_kw",
                "from",
                FROM,
                "to",
                Instant.ofEpochMilli(T0 + 10_000_000).toString(),
                "step",
                "1s"));
    assertEquals(200, exactlyTenThousand.statusCode(), exactlyTenThousand.bodyAsString());
    assertEquals(
        404,
        get(
                "/api/v1/sites/nowhere/series",
                Map.of("metric", "generator.power_kw", "from", FROM, "to", TO))
            .statusCode());
    assertEquals(400, get("/api/v1/fleet", Map.of("site", "live")).statusCode());
  }
}
