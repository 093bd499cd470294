package io.flarewatch.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.HttpConfig;
import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.config.ReportsConfig;
import io.flarewatch.central.config.RollupsConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.ResultSeries;
import io.flarewatch.central.reports.ReportHandlers;
import io.flarewatch.central.reports.rollups.DailyRollupVerticle;
import io.flarewatch.central.reports.rollups.DailyRollups;
import io.flarewatch.central.reports.rollups.DaySums;
import io.flarewatch.influx.testkit.InfluxTarget;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.flarewatch.wire.LineProtocol;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Daily rollups under the emissions report, against a real InfluxDB: the report's figures are the
 * same bytes from rollups as from raw points (a parameter-set change, a partial day), a late point
 * ingested after a day was rolled up is in the very next report, a rollup computed while a write
 * may still be in flight is not used, and the rebuild endpoint.
 */
class ReportRollupsIT {

  private static final ReportSeed.Set A = ReportSeed.set(0.98, 14.7, "2025-12-01");
  private static final ReportSeed.Set B = ReportSeed.set(0.911, 14.73, "2026-03-02");
  private static final int POLL = 3600;
  private static final Instant MAR_1 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant MAR_5 = Instant.parse("2026-03-05T00:00:00Z");
  private static final String RP = "year";
  private static final String R3_TOKEN = "token-r3";

  private static Vertx vertx;
  private static CentralApp central;
  private static WebClient client;
  private static InfluxClient influx;
  private static CentralConfig config;

  /** CSV reports of r1 and r2 read before any rollup existed. */
  private static final Map<String, String> RAW_CSV = new HashMap<>();

  @BeforeAll
  static void start() {
    InfluxTarget target = InfluxTestServer.shared();
    String database = InfluxTestServer.uniqueDatabase("rollups");
    config =
        new CentralConfig(
            new HttpConfig("127.0.0.1", 0, null),
            new InfluxConfig(target.url(), database, null, null),
            List.of(
                new SiteConfig("r1", null, SiteConfig.sha256Hex("token-r1"), null, null, POLL),
                new SiteConfig("r2", null, SiteConfig.sha256Hex("token-r2"), null, null, POLL),
                new SiteConfig("r3", null, SiteConfig.sha256Hex(R3_TOKEN), null, null, POLL),
                new SiteConfig("r4", null, SiteConfig.sha256Hex("token-r4"), null, null, POLL),
                new SiteConfig("r5", null, SiteConfig.sha256Hex("token-r5"), null, null, POLL)),
            TestUsers.auth(),
            new ReportsConfig(null, new RollupsConfig(RP, null, null, 400, null)));
    vertx = Vertx.vertx();
    influx = new InfluxClient(vertx, config.influx());
    influx.createDatabase().await();
    influx
        .query(
            "CREATE RETENTION POLICY \"year\" ON \""
                + database
                + "\" DURATION 400d REPLICATION 1 SHARD DURATION 7d")
        .await();
    StringBuilder lines = new StringBuilder();
    for (int day = 0; day < 4; day++) {
      for (int hour = 0; hour < 24; hour++) {
        Instant time = MAR_1.plus(day, ChronoUnit.DAYS).plus(hour, ChronoUnit.HOURS);
        double cf = Math.round((100 + ((hour * 7 + day) % 13) * 0.37 + day * 0.11) * 100) / 100.0;
        // r1 changes from set A to B at noon on 2 March and keeps B
        ReportSeed.Set r1Set = day > 1 || (day == 1 && hour >= 12) ? B : A;
        lines.append(emissions("r1", time, cf, r1Set));
        lines.append(emissions("r2", time, cf + 1.01, A));
        lines.append(emissions("r3", time, cf + 2.02, A));
        lines.append(emissions("r4", time, cf + 3.03, A));
        lines.append(emissions("r5", time, cf + 4.04, r1Set));
      }
    }
    influx.write(Buffer.buffer(lines.toString())).await();
    central = CentralApp.start(vertx, config).await();
    client = WebClient.create(vertx);
    for (String site : List.of("r1", "r2")) {
      HttpResponse<Buffer> raw = report(site, "2026-03-01T06:00:00Z", "2026-03-05");
      assertEquals("rollups=0, raw=4", raw.getHeader(ReportHandlers.SITE_DAYS_HEADER));
      RAW_CSV.put(site, raw.bodyAsString());
    }
    JsonObject started = rebuild("2026-03-01", "2026-03-05");
    awaitDone(started.getString("id"));
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static String emissions(String site, Instant time, double cf, ReportSeed.Set set) {
    return ReportSeed.emissions(new ReportSeed.Interval(site, time, cf, POLL, set), true, POLL);
  }

  private static HttpResponse<Buffer> report(String site, String from, String to) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("site", site);
    params.put("from", from);
    params.put("to", to);
    params.put("period", "day");
    params.put("format", "csv");
    HttpResponse<Buffer> response =
        TestUsers.get(client, central.port(), Role.VIEWER, "/api/v1/reports/emissions", params);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response;
  }

  private static HttpResponse<Buffer> post(Role role, String query) {
    return client
        .post(central.port(), "127.0.0.1", "/api/v1/reports/rollups" + query)
        .bearerTokenAuthentication(TestUsers.token(client, central.port(), role))
        .send()
        .await();
  }

  private static JsonObject rebuild(String from, String to) {
    HttpResponse<Buffer> response = post(Role.ADMIN, "?from=" + from + "&to=" + to);
    assertEquals(202, response.statusCode(), response.bodyAsString());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals("/api/v1/reports/rollups/" + body.getString("id"), response.getHeader("Location"));
    return body;
  }

  private static JsonObject awaitDone(String id) {
    JsonObject[] last = new JsonObject[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              HttpResponse<Buffer> progress =
                  TestUsers.get(
                      client,
                      central.port(),
                      Role.ADMIN,
                      "/api/v1/reports/rollups/" + id,
                      Map.of());
              assertEquals(200, progress.statusCode(), progress.bodyAsString());
              last[0] = progress.bodyAsJsonObject();
              return !"running".equals(last[0].getString("state"));
            });
    assertEquals("done", last[0].getString("state"), last[0].encode());
    return last[0];
  }

  /** Rows of a statement by site, day and set, each column's value. */
  private static Map<String, Map<String, Object>> rowsBySiteDaySet(JsonArray results) {
    Map<String, Map<String, Object>> rows = new HashMap<>();
    for (ResultSeries series : ResultSeries.of(results, 0)) {
      for (int row = 0; row < series.rows().size(); row++) {
        Map<String, Object> values = new HashMap<>();
        for (String column : DaySums.COLUMNS) {
          values.put(column, series.doubleValue(row, column));
        }
        rows.put(
            series.tag(Schema.TAG_SITE)
                + " "
                + series.time(row)
                + " "
                + series.tag(Schema.TAG_PARAMETER_SET),
            values);
      }
    }
    return rows;
  }

  @Test
  void reportsFromRollupsAreTheSameBytesAsFromRawPointsAndRollupsHoldInfluxDbsOwnSums() {
    // r1: 1 March is partial (from 06:00), 2 March changes set, 3 March follows a change: raw
    HttpResponse<Buffer> r1 = report("r1", "2026-03-01T06:00:00Z", "2026-03-05");
    assertEquals("rollups=1, raw=3", r1.getHeader(ReportHandlers.SITE_DAYS_HEADER));
    assertEquals(RAW_CSV.get("r1"), r1.bodyAsString());
    HttpResponse<Buffer> r2 = report("r2", "2026-03-01T06:00:00Z", "2026-03-05");
    assertEquals("rollups=3, raw=1", r2.getHeader(ReportHandlers.SITE_DAYS_HEADER));
    assertEquals(RAW_CSV.get("r2"), r2.bodyAsString());
    assertTrue(RAW_CSV.get("r1").lines().count() > 5, RAW_CSV.get("r1"));

    String where = "(\"site\" = 'r1' OR \"site\" = 'r2') AND time >= '2026-03-01T00:00:00Z'";
    Map<String, Map<String, Object>> raw =
        rowsBySiteDaySet(
            influx.query(DaySums.query(where + " AND time < '2026-03-05T00:00:00Z'")).await());
    Map<String, Map<String, Object>> rolled =
        rowsBySiteDaySet(
            influx
                .query(
                    "SELECT * FROM \"year\".\"emissions_1d\" WHERE "
                        + where
                        + " GROUP BY \"site\", \"parameter_set\"")
                .await());
    assertEquals(9, raw.size(), "4 days of 2 sites, 2 March of r1 in two sets");
    assertEquals(raw, rolled, "every sum exactly as InfluxDB gives it from the raw points");
  }

  @Test
  void aLatePointIngestedAfterTheRollupIsInTheNextReportAndTheRollerRollsItIn() {
    HttpResponse<Buffer> before = report("r3", "2026-03-03", "2026-03-04");
    assertEquals("rollups=1, raw=0", before.getHeader(ReportHandlers.SITE_DAYS_HEADER));

    HttpResponse<Buffer> ingested =
        client
            .post(central.port(), "127.0.0.1", "/api/v1/sites/r3/samples")
            .putHeader("Authorization", "Bearer " + R3_TOKEN)
            .putHeader("Content-Type", "text/plain")
            .sendBuffer(
                Buffer.buffer(emissions("r3", Instant.parse("2026-03-03T12:30:00Z"), 55.55, A)))
            .await();
    assertEquals(200, ingested.statusCode(), ingested.bodyAsString());

    // central's own roller waits the margin (65 s): the rollup is stale, the day is read raw
    HttpResponse<Buffer> after = report("r3", "2026-03-03", "2026-03-04");
    assertEquals("rollups=0, raw=1", after.getHeader(ReportHandlers.SITE_DAYS_HEADER));
    assertEquals(24, intervals(before.bodyAsString()));
    assertEquals(25, intervals(after.bodyAsString()), after.bodyAsString());

    // another replica's roller, its clock past the margin, finds the day by its start sweep (over
    // sweepDays = 400: the seeded days are in March)
    RollupsConfig rollups = config.reports().rollups();
    Clock later = Clock.offset(Clock.systemUTC(), rollups.margin().plusSeconds(1));
    InfluxClient rollerInflux = new InfluxClient(vertx, config.influx());
    String roller =
        vertx
            .deployVerticle(
                new DailyRollupVerticle(
                    rollerInflux,
                    new DailyRollups(rollerInflux, rollups, later),
                    new SimpleMeterRegistry(),
                    later))
            .await();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> rollupIntervals("r3", "2026-03-03T00:00:00Z") == 25);
    HttpResponse<Buffer> rolled = report("r3", "2026-03-03", "2026-03-04");
    assertEquals("rollups=1, raw=0", rolled.getHeader(ReportHandlers.SITE_DAYS_HEADER));
    assertEquals(after.bodyAsString(), rolled.bodyAsString());
    vertx.undeploy(roller).await();
  }

  @Test
  void aRollupComputedWhileAWriteMayStillBeInFlightIsNotUsed() {
    Instant day = Instant.parse("2026-03-02T00:00:00Z");
    long margin = config.reports().rollups().margin().toMillis();
    long writtenAt = System.currentTimeMillis();
    influx
        .write(
            Buffer.buffer(
                "emissions_1d_due,site=r4 written_at="
                    + writtenAt
                    + "i "
                    + day.toEpochMilli()
                    + "\n"))
        .await();
    String rawCsv = report("r4", "2026-03-02", "2026-03-03").bodyAsString();

    // the day's rollup, with a figure no raw point gives, computed a millisecond too early
    writeFakeRollup("r4", day, writtenAt + margin - 1);
    HttpResponse<Buffer> early = report("r4", "2026-03-02", "2026-03-03");
    assertEquals("rollups=0, raw=1", early.getHeader(ReportHandlers.SITE_DAYS_HEADER));
    assertEquals(rawCsv, early.bodyAsString());

    writeFakeRollup("r4", day, writtenAt + margin);
    HttpResponse<Buffer> inTime = report("r4", "2026-03-02", "2026-03-03");
    assertEquals("rollups=1, raw=0", inTime.getHeader(ReportHandlers.SITE_DAYS_HEADER));
    assertTrue(inTime.bodyAsString().contains(",12345.67,"), inTime.bodyAsString());
  }

  @Test
  void onceRawPointsExpireADayWhoseSetChangesKeepsItsRollupFigures() {
    String withRaw = report("r5", "2026-03-01", "2026-03-04").bodyAsString();
    influx
        .query(
            "DELETE FROM \"emissions\" WHERE \"site\" = 'r5' AND time >= '2026-03-01T00:00:00Z'"
                + " AND time < '2026-03-05T00:00:00Z'")
        .await();
    HttpResponse<Buffer> withoutRaw = report("r5", "2026-03-01", "2026-03-04");
    assertEquals("rollups=3, raw=0", withoutRaw.getHeader(ReportHandlers.SITE_DAYS_HEADER));
    assertEquals(
        column(withRaw, "gas_volume_metered_cf"),
        column(withoutRaw.bodyAsString(), "gas_volume_metered_cf"),
        0.005,
        withoutRaw.bodyAsString());
    assertEquals(column(withRaw, "intervals"), column(withoutRaw.bodyAsString(), "intervals"));
    assertEquals(
        column(withRaw, "avoided_uncertainty_k2_tco2e"),
        column(withoutRaw.bodyAsString(), "avoided_uncertainty_k2_tco2e"),
        0.05,
        "both sets are still described, so their uncertainty is still computed");
  }

  /** The sum of a numeric column over a CSV report's rows. */
  private static double column(String csv, String name) {
    List<String> lines = csv.lines().toList();
    int column = List.of(lines.get(0).split(",")).indexOf(name);
    assertTrue(column >= 0, lines.get(0));
    double sum = 0;
    for (String line : lines.subList(1, lines.size())) {
      sum += Double.parseDouble(line.split(",")[column]);
    }
    return sum;
  }

  @Test
  void theRebuildIsForAdminsAuditedAndNamesWhatIsWrongWithItsRange() {
    assertEquals(403, post(Role.OPERATOR, "?from=2026-03-01&to=2026-03-05").statusCode());
    HttpResponse<Buffer> badFrom = post(Role.ADMIN, "?from=March&to=2026-03-05");
    assertEquals(400, badFrom.statusCode());
    assertEquals("application/problem+json", badFrom.getHeader("Content-Type"));
    assertTrue(badFrom.bodyAsJsonObject().getString("detail").contains("'from'"));
    HttpResponse<Buffer> noTo = post(Role.ADMIN, "?from=2026-03-01");
    assertEquals(400, noTo.statusCode());
    assertTrue(noTo.bodyAsJsonObject().getString("detail").contains("'to'"), noTo.bodyAsString());
    HttpResponse<Buffer> backwards = post(Role.ADMIN, "?from=2026-03-05&to=2026-03-01");
    assertEquals(400, backwards.statusCode());
    assertTrue(backwards.bodyAsJsonObject().getString("type").endsWith("/invalid-period"));

    JsonObject started = rebuild("2026-03-04", "2026-03-05");
    assertEquals(5, started.getInteger("siteMonths"));
    JsonObject done = awaitDone(started.getString("id"));
    assertEquals(5, done.getInteger("doneSiteMonths"));
    assertEquals(5, done.getInteger("siteDays"), "4 March of each site");
    assertEquals(120, done.getInteger("rawPoints"), done.encode());

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              HttpResponse<Buffer> entries =
                  TestUsers.get(
                      client,
                      central.port(),
                      Role.ADMIN,
                      "/api/v1/audit",
                      Map.of(
                          "from",
                          Instant.now().minusSeconds(600).toString(),
                          "to",
                          Instant.now().plusSeconds(60).toString()));
              assertEquals(200, entries.statusCode(), entries.bodyAsString());
              return entries.bodyAsJsonArray().stream()
                  .map(JsonObject.class::cast)
                  .anyMatch(
                      e ->
                          "POST".equals(e.getString("method"))
                              && String.valueOf(e.getString("note"))
                                  .startsWith("rebuild daily rollups 2026-03-04T00:00:00Z"));
            });
  }

  private static void writeFakeRollup(String site, Instant day, long computedAt) {
    JsonArray results =
        influx
            .query(
                "SELECT * FROM \"year\".\"emissions_1d\" WHERE \"site\" = '"
                    + site
                    + "' AND time = "
                    + day.toEpochMilli()
                    + "ms GROUP BY \"methodology\", \"parameter_set\"")
            .await();
    ResultSeries series = ResultSeries.of(results, 0).get(0);
    Point.Builder point =
        Point.builder(Schema.EMISSIONS_1D, day.toEpochMilli())
            .tag(Schema.TAG_SITE, site)
            .tag(Schema.TAG_METHODOLOGY, series.tag(Schema.TAG_METHODOLOGY))
            .tag(Schema.TAG_PARAMETER_SET, series.tag(Schema.TAG_PARAMETER_SET));
    for (String column : DaySums.COLUMNS) {
      point.field(column, series.doubleValue(0, column));
    }
    point.field("gas_volume_metered_cf", 12345.67).field(Schema.FIELD_COMPUTED_AT, computedAt);
    influx.write(Buffer.buffer(LineProtocol.encode(List.of(point.build()))), "ms", RP).await();
  }

  private static long rollupIntervals(String site, String day) {
    JsonArray results =
        influx
            .query(
                "SELECT \"intervals\" FROM \"year\".\"emissions_1d\" WHERE \"site\" = '"
                    + site
                    + "' AND time = '"
                    + day
                    + "'")
            .await();
    List<ResultSeries> series = ResultSeries.of(results, 0);
    Double intervals = series.isEmpty() ? null : series.get(0).doubleValue(0, "intervals");
    return intervals == null ? -1 : intervals.longValue();
  }

  /** The {@code intervals} column of a one-row CSV report. */
  private static long intervals(String csv) {
    List<String> lines = csv.lines().toList();
    assertEquals(2, lines.size(), csv);
    List<String> header = List.of(lines.get(0).split(","));
    int column = header.indexOf("intervals");
    assertTrue(column >= 0, lines.get(0));
    assertNotNull(lines.get(1));
    return Long.parseLong(lines.get(1).split(",")[column]);
  }
}
