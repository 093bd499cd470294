package io.flarewatch.central;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.HttpConfig;
import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.emissions.AvoidedUncertainty;
import io.flarewatch.influx.testkit.InfluxTarget;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.flarewatch.wire.signing.Ed25519Signatures;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Emissions and compliance reports from points seeded as the edge writes them: a parameter change
 * at an outage, a meter pressure base change, untagged points of an older edge, recomputed here
 * independently from the raw volumes; byte-exact CSV, its CSVW metadata, and signatures.
 */
class ReportsIT {

  static final ReportSeed.Set A = ReportSeed.set(0.98, 14.7, "2025-12-01");
  static final ReportSeed.Set B = ReportSeed.set(0.911, 14.73, "2026-01-10");
  private static final int POLL = 600;
  private static final Instant JAN_10 = Instant.parse("2026-01-10T00:00:00Z");
  private static final Instant CHANGE = Instant.parse("2026-01-10T10:00:00Z");

  private static final List<ReportSeed.Interval> SEEDED = new ArrayList<>();
  private static Vertx vertx;
  private static CentralApp central;
  private static WebClient client;

  @BeforeAll
  static void start() throws Exception {
    InfluxTarget target = InfluxTestServer.shared();
    var configured =
        new ObjectMapper()
            .readTree(
                """
                {"gasComposition": {"CH4": 0.75, "C2H6": 0.12, "C3H8": 0.06, "C4H10": 0.025,
                                    "C5+": 0.01, "CO2": 0.02, "N2": 0.015},
                 "compositionSource": "test", "flare": {"efficiency": 0.911, "source": "t"},
                 "engine": {"type": "FOUR_STROKE_LEAN_BURN"}, "pressureBasePsia": 14.73}
                """);
    CentralConfig config =
        new CentralConfig(
            new HttpConfig("127.0.0.1", 0, null),
            new InfluxConfig(target.url(), InfluxTestServer.uniqueDatabase("reports"), null, null),
            List.of(
                new SiteConfig("alpha", null, SiteConfig.sha256Hex("a"), configured, null, POLL),
                new SiteConfig("beta", null, SiteConfig.sha256Hex("b"), null, null, POLL),
                new SiteConfig("gamma", null, SiteConfig.sha256Hex("c"), null, null, POLL),
                new SiteConfig("delta", null, SiteConfig.sha256Hex("d"), null, null, POLL)),
            TestUsers.auth());
    vertx = Vertx.vertx();
    InfluxClient influx = new InfluxClient(vertx, config.influx());
    influx.createDatabase().await();
    central = CentralApp.start(vertx, config).await();
    client = WebClient.create(vertx);
    StringBuilder lines = new StringBuilder();
    // alpha: set A until 09:50, the edge is down 10:00-10:20, resumes with set B at 10:30
    for (int i = 0; i < 60; i++) {
      add(lines, "alpha", JAN_10.plusSeconds(i * (long) POLL), 100 + (i % 7) * 0.37, POLL, A);
    }
    add(lines, "alpha", Instant.parse("2026-01-10T10:30:00Z"), 400.12, 4 * POLL, B);
    for (int i = 0; i < 80; i++) {
      add(
          lines,
          "alpha",
          Instant.parse("2026-01-10T10:40:00Z").plusSeconds(i * (long) POLL),
          90 + (i % 5) * 0.21,
          POLL,
          B);
    }
    for (int i = 0; i < 144; i++) {
      add(
          lines,
          "alpha",
          JAN_10.plus(1, ChronoUnit.DAYS).plusSeconds(i * (long) POLL),
          95.5,
          POLL,
          B);
    }
    lines.append(ReportSeed.meter("alpha", "flare_meter", 50, POLL, JAN_10.plusSeconds(5 * 3600)));
    lines.append(ReportSeed.meter("alpha", "flare_meter", 79, POLL, JAN_10.plusSeconds(12 * 3600)));
    // beta: an older edge's points, without the parameter_set tag or interval spans
    for (int i = 1; i <= 3; i++) {
      ReportSeed.Interval legacy =
          new ReportSeed.Interval(
              "beta", Instant.parse("2026-01-15T00:00:00Z").plusSeconds(i * 600L), 10.5, 0, A);
      SEEDED.add(legacy);
      lines.append(ReportSeed.emissions(legacy, false, POLL));
    }
    // delta: the last hour up to now
    Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
    Instant deltaFrom = hourAgo.minusSeconds(hourAgo.getEpochSecond() % POLL);
    for (int i = 1; i <= 6; i++) {
      lines.append(
          ReportSeed.emissions(
              new ReportSeed.Interval("delta", deltaFrom.plusSeconds(i * (long) POLL), 10, POLL, A),
              true,
              POLL));
    }
    DELTA_FROM = deltaFrom;
    influx.write(Buffer.buffer(lines.toString())).await();
  }

  private static Instant DELTA_FROM;

  private static void add(
      StringBuilder lines, String site, Instant time, double cf, double span, ReportSeed.Set set) {
    double volume = Math.round(cf * 100) / 100.0;
    ReportSeed.Interval interval = new ReportSeed.Interval(site, time, volume, span, set);
    SEEDED.add(interval);
    lines.append(ReportSeed.emissions(interval, true, POLL));
    lines.append(ReportSeed.meter(site, "genset_fuel_meter", volume, span, time));
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static HttpResponse<Buffer> get(String path, String... keysAndValues) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      params.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return TestUsers.get(client, central.port(), Role.VIEWER, "/api/v1/reports/" + path, params);
  }

  private static JsonArray rows(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonArray("rows");
  }

  /** Raw metered cubic feet of a site's seeded intervals in [from, to) computed with a set. */
  private static double seededCf(String site, ReportSeed.Set set, Instant from, Instant to) {
    double sum = 0;
    for (ReportSeed.Interval i : SEEDED) {
      if (i.site().equals(site)
          && i.set() == set
          && !i.time().isBefore(from)
          && i.time().isBefore(to)) {
        sum += i.cf();
      }
    }
    return sum;
  }

  private static void assertSignificant(double expected, double reported, String what) {
    assertEquals(expected, reported, Math.abs(expected) * 5e-6 + 1e-12, what);
  }

  @Test
  void aTwoSetDayIsSplitWhereTheNewSetBeginsAndMatchesAnIndependentRecomputation() {
    JsonArray rows =
        rows(
            get(
                "emissions",
                "site",
                "alpha",
                "from",
                "2026-01-10",
                "to",
                "2026-01-12",
                "period",
                "day",
                "format",
                "json"));
    assertEquals(3, rows.size(), rows.encodePrettily());
    JsonObject a = rows.getJsonObject(0);
    JsonObject b = rows.getJsonObject(1);
    assertEquals(A.parameters().id(), a.getString("parameter_set"));
    assertEquals(B.parameters().id(), b.getString("parameter_set"));
    assertEquals("2026-01-10T00:00:00Z", a.getString("period_start"));
    assertEquals(
        CHANGE.toString(), a.getString("period_end"), "where set B's first interval began");
    assertEquals(CHANGE.toString(), b.getString("period_start"));
    assertEquals("2026-01-11T00:00:00Z", b.getString("period_end"));

    Map<JsonObject, ReportSeed.Set> sets = Map.of(a, A, b, B);
    Map<JsonObject, Double> flareCombustion = Map.of(a, 0.98, b, 0.911);
    for (JsonObject row : List.of(a, b)) {
      ReportSeed.Set set = sets.get(row);
      double cf =
          seededCf(
              "alpha",
              set,
              Instant.parse(row.getString("period_start")),
              Instant.parse(row.getString("period_end")));
      double[] byHand = ReportSeed.byHand(cf, set.base(), set.flare(), flareCombustion.get(row));
      assertEquals(Math.round(cf * 100) / 100.0, row.getDouble("gas_volume_metered_cf"), 1e-9);
      assertEquals(byHand[0], row.getDouble("gas_volume_scf"), 0.005, "V");
      assertSignificant(byHand[1], row.getDouble("baseline_tco2e"), "baseline");
      assertSignificant(byHand[2], row.getDouble("project_tco2e"), "project");
      assertSignificant(byHand[3], row.getDouble("avoided_tco2e"), "avoided");
      double[] atDefault = ReportSeed.byHand(cf, set.base(), 0.98, 0.965);
      assertSignificant(
          atDefault[3], row.getDouble("avoided_at_default_flare_tco2e"), "at regulatory default");
      double u = AvoidedUncertainty.expanded(cf, set.parameters());
      assertEquals(
          Double.parseDouble(String.format("%.2g", u)),
          row.getDouble("avoided_uncertainty_k2_tco2e"),
          0);
      assertTrue(u > 0);
    }
    assertEquals(60, a.getLong("intervals"));
    assertEquals(81, b.getLong("intervals"));
    assertEquals(0, a.getLong("outage_intervals"));
    assertEquals(1, b.getLong("outage_intervals"), "the first interval after the outage");
    assertEquals(60, a.getLong("expected_intervals"));
    assertEquals(84, b.getLong("expected_intervals"));
    assertEquals(0, a.getLong("gap_intervals"));
    assertEquals(0, b.getLong("gap_intervals"), "missed polls whose gas was carried are no gaps");
    assertEquals(100.0, b.getDouble("completeness_pct"), 0);
    JsonObject nextDay = rows.getJsonObject(2);
    assertEquals(B.parameters().id(), nextDay.getString("parameter_set"));
    assertEquals(144, nextDay.getLong("intervals"));
  }

  @Test
  void setsKeepTheirIdInEveryReportWithThePeriodTheyWereInEffectAndTheirAnalysisDate() {
    HttpResponse<Buffer> monthly =
        get(
            "emissions",
            "from",
            "2026-01-01",
            "to",
            "2026-02-01",
            "period",
            "month",
            "format",
            "json");
    JsonArray rows = rows(monthly);
    JsonObject report = monthly.bodyAsJsonObject();
    List<String> alphaSets = new ArrayList<>();
    String betaSet = null;
    for (int i = 0; i < rows.size(); i++) {
      JsonObject row = rows.getJsonObject(i);
      if (row.getString("site").equals("alpha")) {
        alphaSets.add(row.getString("parameter_set"));
      } else if (row.getString("site").equals("beta")) {
        betaSet = row.getString("parameter_set");
      }
    }
    assertEquals(List.of(A.parameters().id(), B.parameters().id()), alphaSets);
    assertEquals(
        A.parameters().id(), betaSet, "an older edge's untagged points: the same set, same id");
    JsonObject a = report.getJsonObject("parameterSets").getJsonObject(A.parameters().id());
    assertNotNull(a, report.getJsonObject("parameterSets").encodePrettily());
    String parameters = a.getJsonArray("schema:additionalProperty").encode();
    assertTrue(parameters.contains("\"composition_analysis_date\""), parameters);
    assertTrue(parameters.contains("\"2025-12-01\""), parameters);
    JsonArray periods = a.getJsonArray("schema:temporalCoverage");
    assertEquals(2, periods.size(), periods.encodePrettily());
    JsonObject alpha = periods.getJsonObject(0);
    assertEquals("alpha", alpha.getString("schema:name"));
    assertEquals("2026-01-10T00:00:00Z", alpha.getString("schema:startDate"));
    assertEquals("2026-01-10T09:50:00Z", alpha.getString("schema:endDate"));
    assertEquals("2026-01-15T00:10:00Z", periods.getJsonObject(1).getString("schema:startDate"));

    JsonArray compliance =
        rows(
            get(
                "compliance",
                "site",
                "alpha",
                "from",
                "2026-01-01",
                "to",
                "2026-02-01",
                "format",
                "json"));
    assertEquals(A.parameters().id(), compliance.getJsonObject(0).getString("parameter_set"));
    assertEquals(B.parameters().id(), compliance.getJsonObject(1).getString("parameter_set"));
    assertEquals(CHANGE.toString(), compliance.getJsonObject(1).getString("period_start"));
  }

  @Test
  void complianceVolumesAreScfAtOneBaseWithTheMeteredCubicFeetAndTheirBase() {
    JsonArray rows =
        rows(
            get(
                "compliance",
                "site",
                "alpha",
                "from",
                "2026-01-01",
                "to",
                "2026-03-01",
                "format",
                "json"));
    assertEquals(3, rows.size(), rows.encodePrettily());
    JsonObject a = rows.getJsonObject(0);
    JsonObject b = rows.getJsonObject(1);
    assertEquals(14.7, a.getDouble("pressure_base_psia"), 0);
    assertEquals(14.73, b.getDouble("pressure_base_psia"), 0);
    assertEquals(50.0, a.getDouble("gas_flared_metered_cf"), 0);
    assertEquals(79.0, b.getDouble("gas_flared_metered_cf"), 0);
    assertEquals(50.0, a.getDouble("gas_flared_scf"), 0);
    assertEquals("79.16", b.getValue("gas_flared_scf").toString(), "79 cf at 14.73 psia");
    double usedB = seededCf("alpha", B, CHANGE, Instant.parse("2026-02-01T00:00:00Z"));
    assertEquals(usedB * 14.73 / 14.7, b.getDouble("gas_used_scf"), 0.005);
    assertEquals(b.getDouble("gas_used_scf"), b.getDouble("gas_volume_scf"), 0, "one base");
    assertEquals(
        b.getDouble("gas_used_scf") + b.getDouble("gas_flared_scf"),
        b.getDouble("gas_metered_scf"),
        0.011);
    assertNull(b.getValue("gas_vented_scf"));
    assertEquals(9 * 144 + 60, a.getLong("expected_intervals"));
    assertEquals(9 * 144, a.getLong("fuel_meter_gaps"), "the days before the first reading");
    assertEquals(
        b.getLong("expected_intervals") - 84 - 144,
        b.getLong("fuel_meter_gaps"),
        "the outage's missed polls were carried by the next reading: no gaps");
    JsonObject february = rows.getJsonObject(2);
    assertNull(february.getValue("parameter_set"));
    assertEquals(14.73, february.getDouble("pressure_base_psia"), 0, "the site's configured base");
  }

  @Test
  void completenessCountsOnlyIntervalsThatHaveHappened() {
    HttpResponse<Buffer> response =
        get(
            "emissions",
            "site",
            "delta",
            "from",
            DELTA_FROM.toString(),
            "to",
            DELTA_FROM.plus(1, ChronoUnit.DAYS).toString(),
            "period",
            "day",
            "format",
            "json");
    JsonArray rows = rows(response);
    double completeness = 0;
    long expected = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (rows.getJsonObject(i).getLong("intervals") > 0) {
        completeness = rows.getJsonObject(i).getDouble("completeness_pct");
      }
      expected += rows.getJsonObject(i).getLong("expected_intervals");
    }
    assertTrue(
        expected >= 6 && expected <= 8, "about an hour's intervals, not a day's: " + expected);
    assertTrue(completeness > 70, "six of the intervals so far: " + rows.encodePrettily());
    assertNotNull(response.bodyAsJsonObject().getJsonObject("query").getString("asOf"));
  }

  @Test
  void theCsvIsTheTableAloneAndItsCsvwMetadataDescribesIt() throws Exception {
    String[] query = {"from", "2026-01-01", "to", "2026-03-01", "period", "month"};
    HttpResponse<Buffer> csv = get("emissions", with(query, "format", "csv"));
    HttpResponse<Buffer> csvw = get("emissions", with(query, "format", "csvw"));
    keep("emissions-monthly.csv", csv);
    keep("emissions-monthly.csv-metadata.json", csvw);
    assertEquals(200, csvw.statusCode(), csvw.bodyAsString());
    assertEquals("application/csvm+json", csvw.getHeader("Content-Type"));
    CsvwValidation.validate(
        csvw.bodyAsJsonObject(),
        "/api/v1/reports/",
        csv.body().getBytes(),
        "/api/v1/reports/emissions?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z"
            + "&period=month&format=csv");
    assertFalse(csv.bodyAsString().contains("#"), "no comment lines");
    assertEquals(expected("emissions-monthly.csv"), csv.bodyAsString());
    String notes = csvw.bodyAsJsonObject().getJsonArray("rdfs:comment").encode();
    assertTrue(notes.contains("destruction 0.98 and combustion 0.965"), notes);

    HttpResponse<Buffer> compliance =
        get("compliance", "site", "alpha", "from", "2026-01-01", "to", "2026-03-01");
    keep("compliance-monthly.csv", compliance);
    assertEquals(expected("compliance-monthly.csv"), compliance.bodyAsString());
    HttpResponse<Buffer> complianceCsvw =
        get(
            "compliance",
            "site",
            "alpha",
            "from",
            "2026-01-01",
            "to",
            "2026-03-01",
            "format",
            "csvw");
    CsvwValidation.validate(
        complianceCsvw.bodyAsJsonObject(),
        "/api/v1/reports/",
        compliance.body().getBytes(),
        "/api/v1/reports/compliance?site=alpha&from=2026-01-01T00:00:00Z"
            + "&to=2026-03-01T00:00:00Z&format=csv");
  }

  @Test
  void reportsAreReproducibleAndSignedAndAOneByteChangeIsRefused() throws Exception {
    String[] query = {"site", "alpha", "from", "2026-01-01", "to", "2026-02-01", "format", "csv"};
    HttpResponse<Buffer> first = get("emissions", query);
    HttpResponse<Buffer> second = get("emissions", query);
    assertArrayEquals(first.body().getBytes(), second.body().getBytes());
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(first.body().getBytes());
    assertEquals(
        "sha-256=:" + Base64.getEncoder().encodeToString(digest) + ":",
        first.getHeader("Content-Digest"));
    assertEquals(HexFormat.of().formatHex(digest), first.getHeader("X-Content-SHA256"));

    HttpResponse<Buffer> pem =
        client.get(central.port(), "127.0.0.1", "/api/v1/reports/public-key").send().await();
    assertEquals(200, pem.statusCode(), "the public key is public");
    PublicKey key = Ed25519Signatures.readPublicKey(pem.bodyAsString());
    assertEquals(Ed25519Signatures.keyId(key), first.getHeader("X-Report-Signing-Key"));
    byte[] signature = Base64.getDecoder().decode(first.getHeader("X-Report-Signature"));
    byte[] bytes = first.body().getBytes();
    assertTrue(Ed25519Signatures.verify(key, bytes, signature));
    byte[] changed = bytes.clone();
    changed[bytes.length / 2] ^= 0x01;
    assertFalse(Ed25519Signatures.verify(key, changed, signature), "one byte changed");
  }

  @Test
  void badReportRequestsAreProblems() {
    List<String[]> bad =
        List.of(
            new String[] {"from", "2026-01-01", "to", "2026-02-01", "colour", "red"},
            new String[] {"from", "yesterday", "to", "2026-02-01"},
            new String[] {"from", "2026-01-01", "to", "2026-02-30"},
            new String[] {"from", "2026-02-01", "to", "2026-01-01"},
            new String[] {"to", "2026-02-01"},
            new String[] {"from", "2026-01-01", "to", "2026-02-01", "period", "week"},
            new String[] {"from", "2026-01-01", "to", "2026-02-01", "format", "xml"},
            new String[] {"from", "2026-01-01", "to", "2026-02-01", "site", "a' OR 1=1"},
            new String[] {"from", "2016-01-01", "to", "2026-01-02"});
    for (String path : List.of("emissions", "compliance")) {
      for (String[] params : bad) {
        HttpResponse<Buffer> response = get(path, params);
        assertEquals(400, response.statusCode(), path + " " + List.of(params));
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
      }
    }
    assertEquals(
        400,
        get("compliance", "from", "2026-01-01", "to", "2026-02-01", "period", "day").statusCode());
    assertEquals(
        404,
        get("emissions", "from", "2026-01-01", "to", "2026-02-01", "site", "nowhere").statusCode());
  }

  private static String[] with(String[] query, String... more) {
    String[] all = new String[query.length + more.length];
    System.arraycopy(query, 0, all, 0, query.length);
    System.arraycopy(more, 0, all, query.length, more.length);
    return all;
  }

  private static String expected(String name) throws IOException {
    try (InputStream in = ReportsIT.class.getResourceAsStream("/reports/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Keeps what the server sent next to the test output, to compare by eye when a test fails. */
  private static void keep(String name, HttpResponse<Buffer> response) throws IOException {
    Path dir = Path.of("target", "reports-actual");
    Files.createDirectories(dir);
    Files.write(dir.resolve(name), response.body().getBytes());
  }
}
