package io.flarewatch.central;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.HttpConfig;
import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.emissions.SiteEmissionsParameters;
import io.flarewatch.influx.testkit.InfluxTarget;
import io.flarewatch.influx.testkit.InfluxTestServer;
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
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Emissions and compliance reports from seeded emissions and meter points: byte-exact CSV against
 * expected files, identical bytes and hashes on repetition, JSON, and bad requests.
 */
class ReportsIT {

  private static final String GAS_A =
      """
      {"gasComposition": {"CH4": 0.75, "C2H6": 0.12, "C3H8": 0.06, "C4H10": 0.025,
                          "C5+": 0.01, "CO2": 0.02, "N2": 0.015},
       "compositionSource": "test gas A",
       "flare": {"efficiency": %s, "source": "test"},
       "engine": {"type": "FOUR_STROKE_LEAN_BURN"}}
      """;

  /** Figures of one seeded interval, exact in binary so sums are exact. */
  private static final String FIGURES =
      "gas_volume_scf=1000,baseline_ch4_t=0.5,baseline_co2_t=2.25,baseline_n2o_kg=0.125,"
          + "baseline_tco2e=16.5,project_ch4_t=0.25,project_co2_t=2.5,project_n2o_kg=0.0625,"
          + "project_tco2e=9.5,avoided_tco2e=7";

  private static Vertx vertx;
  private static CentralApp central;
  private static WebClient client;

  @BeforeAll
  static void start() throws Exception {
    InfluxTarget target = InfluxTestServer.shared();
    CentralConfig config =
        new CentralConfig(
            new HttpConfig("127.0.0.1", 0, null),
            new InfluxConfig(target.url(), InfluxTestServer.uniqueDatabase("reports"), null, null),
            List.of(
                new SiteConfig("alpha", null, SiteConfig.sha256Hex("a"), null, null, 3600),
                new SiteConfig("beta", null, SiteConfig.sha256Hex("b")),
                new SiteConfig("gamma", null, SiteConfig.sha256Hex("c"))),
            TestUsers.auth());
    vertx = Vertx.vertx();
    InfluxClient influx = new InfluxClient(vertx, config.influx());
    influx.createDatabase().await();
    central = CentralApp.start(vertx, config).await();
    client = WebClient.create(vertx);
    String p1 = parameterFields("0.98");
    String p2 = parameterFields("0.911");
    StringBuilder lines = new StringBuilder();
    for (String time :
        List.of(
            "2026-01-01T00:00:00Z",
            "2026-01-01T01:00:00Z",
            "2026-01-01T02:00:00Z",
            "2026-01-02T12:00:00Z",
            "2026-02-10T00:00:00Z")) {
      lines.append(emissions("alpha", FIGURES + "," + p1, time));
      lines.append(meter("alpha", "fuel", "genset_fuel_meter", 1000.5, time));
    }
    lines.append(
        emissions(
            "alpha",
            FIGURES.replace("avoided_tco2e=7", "avoided_tco2e=6.5") + "," + p2,
            "2026-02-10T05:00:00Z"));
    lines.append(meter("alpha", "flare", "flare_meter", 250.25, "2026-01-01T00:00:00Z"));
    lines.append(meter("alpha", "flare", "flare_meter", 250.25, "2026-01-01T01:00:00Z"));
    lines.append(
        emissions(
            "beta",
            "gas_volume_scf=10,baseline_ch4_t=0,baseline_co2_t=0.5,baseline_n2o_kg=0,"
                + "baseline_tco2e=1,project_ch4_t=0,project_co2_t=0.625,project_n2o_kg=0,"
                + "project_tco2e=1.375,avoided_tco2e=-0.375,"
                + p1,
            "2026-01-15T00:00:00Z"));
    lines.append(emissions("alpha", FIGURES + "," + p1, "2026-03-01T00:00:00Z"));
    influx.write(Buffer.buffer(lines.toString())).await();
  }

  private static String parameterFields(String flareEfficiency) throws IOException {
    JsonNode section = new ObjectMapper().readTree(GAS_A.formatted(flareEfficiency));
    SortedMap<String, String> parameters = SiteEmissionsParameters.fromJson(section).describe();
    StringBuilder fields = new StringBuilder();
    parameters.forEach(
        (k, v) ->
            fields
                .append(fields.isEmpty() ? "" : ",")
                .append("param_")
                .append(k)
                .append("=\"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\""))
                .append('"'));
    return fields.toString();
  }

  private static String emissions(String site, String fields, String time) {
    return "emissions,device=fuel,methodology=flarewatch-epa98w-1.0,site="
        + site
        + " "
        + fields
        + " "
        + Instant.parse(time).toEpochMilli()
        + "\n";
  }

  private static String meter(String site, String device, String role, double volume, String time) {
    return "gas_meter,device="
        + device
        + ",role="
        + role
        + ",site="
        + site
        + " up=1i,interval_volume_scf="
        + volume
        + " "
        + Instant.parse(time).toEpochMilli()
        + "\n";
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static HttpResponse<Buffer> get(String path, Map<String, String> params) {
    return TestUsers.get(client, central.port(), Role.VIEWER, path, params);
  }

  private static Map<String, String> params(String... keysAndValues) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      params.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return params;
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

  private static void assertDigestHeaders(HttpResponse<Buffer> response) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(response.body().getBytes());
    assertEquals(
        "sha-256=:" + Base64.getEncoder().encodeToString(digest) + ":",
        response.getHeader("Content-Digest"));
    assertEquals(HexFormat.of().formatHex(digest), response.getHeader("X-Content-SHA256"));
  }

  @Test
  void monthlyEmissionsCsvMatchesTheExpectedBytes() throws Exception {
    Map<String, String> query =
        params("from", "2026-01-01", "to", "2026-03-01", "period", "month", "format", "csv");
    HttpResponse<Buffer> first = get("/api/v1/reports/emissions", query);
    keep("emissions-monthly.csv", first);
    assertEquals(200, first.statusCode(), first.bodyAsString());
    assertEquals("text/csv; charset=utf-8", first.getHeader("Content-Type"));
    assertEquals(expected("emissions-monthly.csv"), first.bodyAsString());
    assertDigestHeaders(first);
    HttpResponse<Buffer> second = get("/api/v1/reports/emissions", query);
    assertArrayEquals(first.body().getBytes(), second.body().getBytes());
    assertEquals(first.getHeader("Content-Digest"), second.getHeader("Content-Digest"));
    assertEquals(first.getHeader("X-Content-SHA256"), second.getHeader("X-Content-SHA256"));
  }

  @Test
  void yearlyRowsAddTheDaysUp() throws Exception {
    HttpResponse<Buffer> response =
        get(
            "/api/v1/reports/emissions",
            params(
                "site",
                "alpha",
                "from",
                "2026-01-01",
                "to",
                "2027-01-01",
                "period",
                "year",
                "format",
                "json"));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonArray rows = response.bodyAsJsonObject().getJsonArray("rows");
    assertEquals(2, rows.size(), "one row per parameter set: " + rows.encodePrettily());
    JsonObject p1 = rows.getJsonObject(0);
    assertEquals("P1", p1.getString("parameter_set"));
    assertEquals(6, p1.getLong("intervals"), "5 in Jan/Feb and 1 in March");
    assertEquals(42.0, p1.getDouble("avoided_tco2e"), 0);
    assertEquals(6.5, rows.getJsonObject(1).getDouble("avoided_tco2e"), 0);
    assertDigestHeaders(response);
  }

  @Test
  void dailyEmissionsJson() throws Exception {
    HttpResponse<Buffer> response =
        get(
            "/api/v1/reports/emissions",
            params(
                "site",
                "alpha",
                "from",
                "2026-01-01",
                "to",
                "2026-01-03",
                "period",
                "day",
                "format",
                "json"));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("application/json", response.getHeader("Content-Type"));
    assertDigestHeaders(response);
    JsonObject report = response.bodyAsJsonObject();
    assertEquals(List.of("flarewatch-epa98w-1.0"), report.getJsonArray("methodologies").getList());
    JsonObject set = report.getJsonObject("parameterSets").getJsonObject("P1");
    assertEquals(List.of("alpha"), set.getJsonArray("sites").getList());
    assertEquals("0.98", set.getJsonObject("parameters").getString("flare_destruction_efficiency"));
    assertEquals("test gas A", set.getJsonObject("parameters").getString("composition_source"));
    JsonArray rows = report.getJsonArray("rows");
    assertEquals(2, rows.size());
    JsonObject day1 = rows.getJsonObject(0);
    assertEquals("2026-01-01T00:00:00Z", day1.getString("period_start"));
    assertEquals("2026-01-02T00:00:00Z", day1.getString("period_end"));
    assertEquals(3, day1.getLong("intervals"));
    assertEquals(21.0, day1.getDouble("avoided_tco2e"), 0);
    assertEquals(3000.0, day1.getDouble("gas_volume_scf"), 0);
    assertEquals(12.5, day1.getDouble("completeness_pct"), 0, "3 of 24 hourly intervals");
    assertEquals(1, rows.getJsonObject(1).getLong("intervals"));
    assertEquals(
        report.getJsonArray("columns").getList(),
        List.copyOf(day1.fieldNames()),
        "every row carries every column, in column order");
  }

  @Test
  void complianceCsvMatchesTheExpectedBytes() throws Exception {
    Map<String, String> query = params("site", "alpha", "from", "2026-01-01", "to", "2026-03-01");
    HttpResponse<Buffer> first = get("/api/v1/reports/compliance", query);
    keep("compliance-monthly.csv", first);
    assertEquals(200, first.statusCode(), first.bodyAsString());
    assertEquals(expected("compliance-monthly.csv"), first.bodyAsString());
    assertDigestHeaders(first);
    HttpResponse<Buffer> second = get("/api/v1/reports/compliance", query);
    assertArrayEquals(first.body().getBytes(), second.body().getBytes());
  }

  @Test
  void complianceJson() throws Exception {
    HttpResponse<Buffer> response =
        get(
            "/api/v1/reports/compliance",
            params("site", "alpha", "from", "2026-01-01", "to", "2026-02-01", "format", "json"));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonObject january = response.bodyAsJsonObject().getJsonArray("rows").getJsonObject(0);
    assertEquals(4002.0, january.getDouble("gas_used_scf"), 0);
    assertEquals(500.5, january.getDouble("gas_flared_scf"), 0);
    assertEquals(4502.5, january.getDouble("gas_metered_scf"), 0);
    assertNull(january.getValue("gas_vented_scf"));
    assertEquals(4002.0 * 100 / 4502.5, january.getDouble("capture_pct"), 1e-6);
    assertEquals(744, january.getLong("expected_intervals"));
    assertEquals(740, january.getLong("fuel_meter_gaps"));
    assertEquals(742, january.getLong("flare_meter_gaps"));
    assertEquals(28.0, january.getDouble("avoided_tco2e"), 0);
    assertTrue(response.bodyAsJsonObject().getJsonArray("notes").encode().contains("vent"));
  }

  @Test
  void badReportRequestsAreProblems() {
    List<Map<String, String>> bad =
        List.of(
            params("from", "2026-01-01", "to", "2026-02-01", "colour", "red"),
            params("from", "yesterday", "to", "2026-02-01"),
            params("from", "2026-01-01", "to", "2026-02-30"),
            params("from", "2026-02-01", "to", "2026-01-01"),
            params("to", "2026-02-01"),
            params("from", "2026-01-01", "to", "2026-02-01", "period", "week"),
            params("from", "2026-01-01", "to", "2026-02-01", "format", "xml"),
            params("from", "2026-01-01", "to", "2026-02-01", "site", "a' OR 1=1"),
            params("from", "2026-01-01", "to", "2026-02-01", "site", "alpha\" OR \"site\" =~ /.*/"),
            params("from", "2016-01-01", "to", "2026-01-02"));
    for (String path : List.of("/api/v1/reports/emissions", "/api/v1/reports/compliance")) {
      for (Map<String, String> params : bad) {
        HttpResponse<Buffer> response = get(path, params);
        assertEquals(
            400, response.statusCode(), path + " " + params + " → " + response.bodyAsString());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
      }
    }
    assertEquals(
        400,
        get(
                "/api/v1/reports/compliance",
                params("from", "2026-01-01", "to", "2026-02-01", "period", "day"))
            .statusCode(),
        "compliance rows are months");
    assertEquals(
        404,
        get(
                "/api/v1/reports/emissions",
                params("from", "2026-01-01", "to", "2026-02-01", "site", "nowhere"))
            .statusCode());
    assertEquals(
        200,
        get(
                "/api/v1/reports/emissions",
                params("from", "2016-01-01", "to", "2026-01-01", "period", "year"))
            .statusCode(),
        "exactly ten years is allowed");
  }
}
