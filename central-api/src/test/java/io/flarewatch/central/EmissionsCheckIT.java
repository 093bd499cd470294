package io.flarewatch.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flarewatch.central.auth.Role;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.HttpConfig;
import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.emissions.EmissionsCalculator;
import io.flarewatch.emissions.EmissionsResult;
import io.flarewatch.emissions.SiteEmissionsParameters;
import io.flarewatch.influx.testkit.InfluxTarget;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Central recomputes stored emissions from the raw gas volumes and reports disagreement. */
class EmissionsCheckIT {

  private static final String EMISSIONS_YAML_AS_JSON =
      """
      {"gasComposition": {"CH4": 0.75, "C2H6": 0.12, "C3H8": 0.06, "C4H10": 0.025,
                          "C5+": 0.01, "CO2": 0.02, "N2": 0.015},
       "compositionSource": "test gas A",
       "flare": {"efficiency": 0.98, "source": "test"},
       "engine": {"type": "FOUR_STROKE_LEAN_BURN"}}
      """;
  private static final long T0 = 1_770_000_000_000L;

  private static Vertx vertx;
  private static CentralApp central;
  private static InfluxClient influx;
  private static WebClient client;
  private static SiteEmissionsParameters parameters;
  private static String viewerToken;

  @BeforeAll
  static void start() throws Exception {
    InfluxTarget target = InfluxTestServer.shared();
    JsonNode emissions = new ObjectMapper().readTree(EMISSIONS_YAML_AS_JSON);
    parameters = SiteEmissionsParameters.fromJson(emissions);
    CentralConfig config =
        new CentralConfig(
            new HttpConfig("127.0.0.1", 0, null),
            new InfluxConfig(target.url(), InfluxTestServer.uniqueDatabase("check"), null, null),
            List.of(
                new SiteConfig("exact", null, SiteConfig.sha256Hex("a"), emissions),
                new SiteConfig("drifted", null, SiteConfig.sha256Hex("b"), emissions),
                new SiteConfig("no-params", null, SiteConfig.sha256Hex("c")),
                new SiteConfig(
                    "changed",
                    null,
                    SiteConfig.sha256Hex("d"),
                    new ObjectMapper()
                        .valueToTree(
                            new java.util.TreeMap<>(
                                Map.of(
                                    "gasComposition",
                                        Map.of(
                                            "CH4", 0.75, "C2H6", 0.12, "C3H8", 0.06, "C4H10", 0.025,
                                            "C5+", 0.01, "CO2", 0.02, "N2", 0.015),
                                    "compositionSource", "test gas A, separator outlet",
                                    "compositionAnalysisDate", "2026-01-10",
                                    "flare", Map.of("efficiency", 0.911, "source", "test"),
                                    "engine", Map.of("type", "FOUR_STROKE_LEAN_BURN"),
                                    "pressureBasePsia", 14.73,
                                    "uncertainty",
                                        Map.of(
                                            "meterRelative", 0.01,
                                            "compositionRelative", 0.02,
                                            "flareEfficiency", 0.03,
                                            "engineEfficiency", 0.005)))))),
            TestUsers.auth());
    vertx = Vertx.vertx();
    influx = new InfluxClient(vertx, config.influx());
    influx.createDatabase().await();
    central = CentralApp.start(vertx, config).await();
    client = WebClient.create(vertx);
    viewerToken = TestUsers.token(client, central.port(), Role.VIEWER);
    double[] volumes = {115.0, 0.0, 1_000_000.0, 42.5};
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < volumes.length; i++) {
      long t = T0 + i * 10_000L;
      EmissionsResult edge = EmissionsCalculator.compute(volumes[i], parameters);
      for (String site : List.of("exact", "drifted")) {
        double skew = site.equals("drifted") && i == 2 ? 1.005 : 1.0;
        lines
            .append("gas_meter,device=fuel,role=genset_fuel_meter,site=")
            .append(site)
            .append(" interval_volume_scf=")
            .append(volumes[i])
            .append(' ')
            .append(t)
            .append('\n');
        lines
            .append("emissions,parameter_set=")
            .append(parameters.id())
            .append(",site=")
            .append(site)
            .append(" gas_volume_scf=")
            .append(edge.figures().get("gas_volume_scf"))
            .append(",baseline_tco2e=")
            .append(edge.baselineTco2e())
            .append(",project_tco2e=")
            .append(edge.projectTco2e())
            .append(",avoided_tco2e=")
            .append(edge.avoidedTco2e() * skew)
            .append(',')
            .append(paramFields(parameters))
            .append(' ')
            .append(t)
            .append('\n');
      }
    }
    // "changed": a new lab analysis and flare efficiency half way; central's config holds the new
    // set, the first half was computed (rightly) with the old one
    for (int i = 0; i < 200; i++) {
      ReportSeed.Set set = i < 100 ? OLD : NEW;
      ReportSeed.Interval interval =
          new ReportSeed.Interval(
              "changed",
              java.time.Instant.ofEpochMilli(T0 + i * 10_000L),
              0.28 + i * 0.01,
              10,
              set);
      lines.append(ReportSeed.emissions(interval, true, 10));
      lines.append(
          ReportSeed.meter("changed", "genset_fuel_meter", interval.cf(), 10, interval.time()));
    }
    influx.write(Buffer.buffer(lines.toString())).await();
  }

  private static final ReportSeed.Set OLD = ReportSeed.set(0.98, 14.7, "2025-12-01");
  private static final ReportSeed.Set NEW = ReportSeed.set(0.911, 14.73, "2026-01-10");

  private static String paramFields(SiteEmissionsParameters p) {
    StringBuilder fields = new StringBuilder();
    p.describe()
        .forEach(
            (k, v) ->
                fields
                    .append(fields.isEmpty() ? "" : ",")
                    .append("param_")
                    .append(k)
                    .append("=\"")
                    .append(v.replace("\"", "\\\""))
                    .append('"'));
    return fields.toString();
  }

  @Test
  void aParameterChangeGivesNoFalseMismatches() {
    String to = java.time.Instant.ofEpochMilli(T0 + 2_000_000).toString();
    JsonObject result = check("changed", FROM, to).bodyAsJsonObject();
    assertTrue(result.getBoolean("agree"), result.encodePrettily());
    assertEquals(200, result.getInteger("intervals"));
    assertEquals(0, result.getJsonArray("mismatches").size());
    assertEquals(NEW.parameters().id(), result.getString("configuredParameterSet"));
    var sets = result.getJsonArray("parameterSets");
    assertEquals(2, sets.size(), sets.encodePrettily());
    for (int i = 0; i < 2; i++) {
      JsonObject set = sets.getJsonObject(i);
      assertEquals(100, set.getInteger("intervals"));
      assertTrue(set.getBoolean("usable"), set.encode());
      assertEquals(
          set.getString("id").equals(NEW.parameters().id()), set.getBoolean("sameAsConfigured"));
    }
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static HttpResponse<Buffer> check(String site, String from, String to) {
    return client
        .get(central.port(), "127.0.0.1", "/api/v1/sites/" + site + "/emissions/check")
        .putHeader("Authorization", "Bearer " + viewerToken)
        .addQueryParam("from", from)
        .addQueryParam("to", to)
        .send()
        .await();
  }

  private static final String FROM = java.time.Instant.ofEpochMilli(T0).toString();
  private static final String TO = java.time.Instant.ofEpochMilli(T0 + 60_000).toString();

  @Test
  void identicalFiguresAgree() {
    JsonObject result = check("exact", FROM, TO).bodyAsJsonObject();
    assertTrue(result.getBoolean("agree"), result.encodePrettily());
    assertEquals(4, result.getInteger("intervals"));
    assertEquals(0, result.getJsonArray("mismatches").size());
    EmissionsResult total = EmissionsCalculator.compute(115.0 + 1_000_000.0 + 42.5, parameters);
    assertEquals(
        total.avoidedTco2e(), result.getJsonObject("central").getDouble("avoided_tco2e"), 1e-9);
    assertTrue(
        total.avoidedTco2e() < 0, "gas A at flare 0.98 vs 4SLB emits more: reported negative");
    assertEquals("flarewatch-epa98w-1.0", result.getString("methodology"));
    assertEquals(
        "0.98", result.getJsonObject("parameters").getString("flare_destruction_efficiency"));
    assertEquals(parameters.id(), result.getString("configuredParameterSet"));
    assertEquals(
        parameters.id(), result.getJsonArray("parameterSets").getJsonObject(0).getString("id"));
  }

  @Test
  void aHalfPercentDriftInOneIntervalIsReported() {
    JsonObject result = check("drifted", FROM, TO).bodyAsJsonObject();
    assertFalse(result.getBoolean("agree"), result.encodePrettily());
    assertEquals(1, result.getJsonArray("mismatches").size(), result.encodePrettily());
    JsonObject mismatch = result.getJsonArray("mismatches").getJsonObject(0);
    assertEquals("avoided_tco2e", mismatch.getString("figure"));
    assertEquals(
        java.time.Instant.ofEpochMilli(T0 + 20_000).toString(), mismatch.getString("time"));
    assertEquals(mismatch.getDouble("central") * 1.005, mismatch.getDouble("edge"), 1e-9);
  }

  @Test
  void badRequestsAreProblems() {
    assertEquals(400, check("exact", "yesterday", TO).statusCode());
    assertEquals(400, check("exact", TO, FROM).statusCode());
    assertEquals(
        200,
        check("no-params", FROM, TO).statusCode(),
        "stored parameters suffice: central's own copy is not needed");
    assertEquals(404, check("nowhere", FROM, TO).statusCode());
    HttpResponse<Buffer> unknown =
        client
            .get(central.port(), "127.0.0.1", "/api/v1/sites/exact/emissions/check")
            .putHeader("Authorization", "Bearer " + viewerToken)
            .addQueryParam("from", FROM)
            .addQueryParam("to", TO)
            .addQueryParam("site", "drifted")
            .send()
            .await();
    assertEquals(400, unknown.statusCode());
    assertTrue(unknown.bodyAsJsonObject().getString("detail").contains("[site]"));
  }
}
