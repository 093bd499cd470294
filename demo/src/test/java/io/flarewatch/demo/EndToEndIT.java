package io.flarewatch.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.emissions.SiteEmissionsParameters;
import io.flarewatch.influx.testkit.InfluxTarget;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.flarewatch.simulator.ServedMinerReading;
import io.flarewatch.simulator.ServedRegisters;
import io.flarewatch.simulator.SimulatorConfig;
import io.flarewatch.simulator.SiteSimulator;
import io.flarewatch.wire.signing.Ed25519Signatures;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulator → edge → central → InfluxDB, all real: what InfluxDB holds must be exactly what the
 * simulated devices served, once per poll cycle.
 */
class EndToEndIT {

  private static final String SITE = "e2e-site";
  private static final int MINERS = 150;
  private static final long INTERVAL_MILLIS = 2_000;

  @TempDir Path dir;
  private Vertx vertx;
  private LocalSystem system;

  @AfterEach
  void stop() {
    if (system != null) {
      system.stop().await();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void influxHoldsExactlyWhatTheDevicesServedOncePerCycle() {
    InfluxTarget influxTarget = InfluxTestServer.shared();
    String database = InfluxTestServer.uniqueDatabase("e2e");
    vertx = Vertx.vertx();
    system =
        LocalSystem.start(
                vertx,
                new LocalSystem.Options(
                    SITE,
                    influxTarget.url(),
                    database,
                    influxTarget.username(),
                    influxTarget.password(),
                    0,
                    SimulatorConfig.defaults(MINERS, 42),
                    INTERVAL_MILLIS,
                    dir.resolve("edge.db"),
                    DemoSite.emissions(),
                    null))
            .await();
    InfluxClient influx =
        new InfluxClient(
            vertx,
            new InfluxConfig(
                influxTarget.url(), database, influxTarget.username(), influxTarget.password()));

    Instant started = Instant.now();
    await("5 poll cycles")
        .atMost(Duration.ofSeconds(60))
        .until(() -> system.edge().pollingStats().cycles() >= 5);
    JsonObject status = status();
    system.edge().stopPolling().await();
    await("the buffer drained")
        .atMost(Duration.ofSeconds(60))
        .until(() -> system.edge().buffer().stats().await().lines() == 0);
    long cycles = system.edge().pollingStats().cycles();

    assertTrue(status.getDouble("generatorKw") > 0, status.encode());
    assertTrue(status.getDouble("hashrateThs") > 0, status.encode());
    assertEquals(MINERS, status.getInteger("minersOnline"), status.encode());
    assertEquals(MINERS, status.getInteger("minersTotal"), status.encode());

    assertEquals(cycles, InfluxRows.single(influx, "SELECT count(miners_total) FROM site_summary"));
    assertEquals(
        cycles * MINERS, InfluxRows.single(influx, "SELECT count(up) FROM miner WHERE up = 1"));
    assertEquals(cycles, InfluxRows.single(influx, "SELECT count(power_kw) FROM generator"));

    SiteSimulator simulator = system.simulator();
    for (JsonObject stored : InfluxRows.rows(influx, "SELECT * FROM miner")) {
      String miner = stored.getString("miner");
      List<ServedMinerReading> served = simulator.groundTruth().minerReadings(miner);
      long cycle = stored.getLong("time");
      boolean match =
          served.stream()
              .filter(s -> inCycle(s.instant(), cycle))
              .anyMatch(
                  s ->
                      close(s.hashrateThs(), stored.getDouble("hashrate_ths"))
                          && close(s.maxChipTempC(), stored.getDouble("temp_chip_max_c"))
                          && (s.powerWatts() == null
                              ? stored.getValue("power_w") == null
                              : close(s.powerWatts(), stored.getDouble("power_w"))));
      assertTrue(match, () -> "stored " + stored.encode() + " was not served; served: " + served);
    }
    assertStoredRegistersWereServed(influx, "SELECT * FROM generator", "generator", "power_kw");
    assertStoredRegistersWereServed(
        influx,
        "SELECT * FROM gas_meter WHERE device = 'genset-fuel'",
        "genset-fuel",
        "volume_total_scf");
    assertTheSignedReportCarriesTheEdgesSetAndMeteredHundredths(started);
  }

  /**
   * The day's emissions report of the live site: its row names the content id of the parameters the
   * edge was given, volumes are in the meter's hundredths of a scf, and the signature over its
   * bytes verifies with the key central serves.
   */
  private void assertTheSignedReportCarriesTheEdgesSetAndMeteredHundredths(Instant started) {
    WebClient client = WebClient.create(vertx);
    try {
      String from = started.truncatedTo(ChronoUnit.DAYS).toString();
      String to = started.truncatedTo(ChronoUnit.DAYS).plus(2, ChronoUnit.DAYS).toString();
      HttpResponse<Buffer> csv =
          client
              .get(system.central().port(), "127.0.0.1", "/api/v1/reports/emissions")
              .addQueryParam("site", SITE)
              .addQueryParam("from", from)
              .addQueryParam("to", to)
              .addQueryParam("period", "month")
              .bearerTokenAuthentication(system.bearerToken())
              .send()
              .await();
      assertEquals(200, csv.statusCode(), csv.bodyAsString());
      String[] lines = csv.bodyAsString().split("\n");
      List<String> columns = List.of(lines[0].split(","));
      String[] row = lines[1].split(",", -1);
      String expectedSet = SiteEmissionsParameters.fromJson(DemoSite.emissions()).id();
      assertEquals(expectedSet, row[columns.indexOf("parameter_set")], lines[1]);
      String metered = row[columns.indexOf("gas_volume_metered_cf")];
      assertTrue(metered.matches("[0-9]+\\.[0-9]{2}") && !metered.equals("0.00"), metered);
      assertTrue(Long.parseLong(row[columns.indexOf("intervals")]) > 0, lines[1]);
      assertFalse(row[columns.indexOf("avoided_uncertainty_k2_tco2e")].isEmpty(), lines[1]);

      String pem =
          client
              .get(system.central().port(), "127.0.0.1", "/api/v1/reports/public-key")
              .send()
              .await()
              .bodyAsString();
      byte[] signature = Base64.getDecoder().decode(csv.getHeader("X-Report-Signature"));
      assertTrue(
          Ed25519Signatures.verify(
              Ed25519Signatures.readPublicKey(pem), csv.body().getBytes(), signature));
    } finally {
      client.close();
    }
  }

  private void assertStoredRegistersWereServed(
      InfluxClient influx, String query, String device, String field) {
    List<ServedRegisters> served = system.simulator().groundTruth().registerReadings(device);
    List<JsonObject> stored = InfluxRows.rows(influx, query);
    assertTrue(stored.size() >= 4, device + " rows: " + stored.size());
    for (JsonObject row : stored) {
      long cycle = row.getLong("time");
      double value = row.getDouble(field);
      boolean match =
          served.stream()
              .filter(s -> inCycle(s.instant(), cycle) && s.values().containsKey(field))
              .anyMatch(s -> close(s.values().get(field), value));
      assertTrue(
          match, () -> device + " " + field + "=" + value + " at " + cycle + " was not served");
    }
  }

  private static boolean inCycle(Instant served, long cycleMillis) {
    long t = served.toEpochMilli();
    return t >= cycleMillis && t < cycleMillis + INTERVAL_MILLIS;
  }

  private static boolean close(double expected, Double actual) {
    return actual != null && Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.abs(expected));
  }

  private JsonObject status() {
    WebClient client = WebClient.create(vertx);
    try {
      return client
          .get(system.central().port(), "127.0.0.1", "/api/v1/sites/" + SITE + "/status")
          .bearerTokenAuthentication(system.bearerToken())
          .send()
          .await()
          .bodyAsJsonObject();
    } finally {
      client.close();
    }
  }
}
