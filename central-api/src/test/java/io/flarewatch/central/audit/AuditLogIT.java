package io.flarewatch.central.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.central.influx.InfluxUnavailableException;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit log's storage in a real InfluxDB. */
class AuditLogIT {

  private static final long SAME_MILLI = 1_780_000_000_123L;

  private static Vertx vertx;
  private static InfluxConfig config;

  /** Central's own database, where the audit log is kept. */
  private static InfluxClient influx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    config =
        new InfluxConfig(
            InfluxTestServer.shared().url(), InfluxTestServer.uniqueDatabase("audit"), null, null);
    influx = new InfluxClient(vertx, config).centralData();
    influx.createDatabase().await();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static AuditEntry entry(String user, String path) {
    return new AuditEntry(
        user, "VIEWER", "local", "GET", path, null, 200, "127.0.0.1", null, null, null);
  }

  @Test
  void twoIdenticalActionsInTheSameMillisecondAreBothKept() {
    AuditLog log = new AuditLog(influx, () -> SAME_MILLI);
    log.record(entry("twin", "/api/v1/sites/a/status")).await();
    log.record(entry("twin", "/api/v1/sites/a/status")).await();
    log.record(entry("twin", "/api/v1/sites/b/status")).await();
    JsonArray rows =
        influx
            .query(
                "SELECT \"path\" FROM \"audit\" WHERE \"user\" = 'twin' AND time >= "
                    + SAME_MILLI
                    + "ms AND time < "
                    + (SAME_MILLI + 1)
                    + "ms")
            .await()
            .getJsonObject(0)
            .getJsonArray("series")
            .getJsonObject(0)
            .getJsonArray("values");
    assertEquals(3, rows.size(), rows.encode());
    assertEquals("/api/v1/sites/b/status", rows.getJsonArray(2).getString(1));
  }

  @Test
  void twoReplicasActingForOneUserInTheSameNanosecondAreBothKept() {
    new AuditLog(influx, () -> SAME_MILLI + 11, "replica1")
        .record(entry("clustered", "/api/v1/fleet"))
        .await();
    new AuditLog(influx, () -> SAME_MILLI + 11, "replica2")
        .record(entry("clustered", "/api/v1/fleet"))
        .await();
    JsonArray series =
        influx
            .query(
                "SELECT \"path\" FROM \"audit\" WHERE \"user\" = 'clustered' GROUP BY \"replica\"")
            .await()
            .getJsonObject(0)
            .getJsonArray("series");
    assertEquals(2, series.size(), series.encode());
  }

  @Test
  void entriesInFlightWhenCentralStopsAreStoredAndLaterOnesRefused() {
    InfluxClient closing = new InfluxClient(vertx, config);
    AuditLog log = new AuditLog(closing);
    List<Future<Void>> inFlight = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      inFlight.add(log.record(entry("stopping", "/api/v1/sites/s" + i + "/status")));
    }

    closing.close(Duration.ofSeconds(10)).await();

    Future.all(inFlight).await();
    assertThrows(
        InfluxUnavailableException.class,
        () -> log.record(entry("stopping", "/api/v1/too-late")).await());
    JsonArray counted =
        influx
            .query("SELECT count(\"path\") FROM \"audit\" WHERE \"user\" = 'stopping'")
            .await()
            .getJsonObject(0)
            .getJsonArray("series")
            .getJsonObject(0)
            .getJsonArray("values");
    assertEquals(20, counted.getJsonArray(0).getInteger(1));
  }

  @Test
  void entriesGoToCentralsOwnDatabaseNeverToTheIngestOne() {
    InfluxClient ingest = new InfluxClient(vertx, config);
    ingest.createDatabase().await();
    new AuditLog(ingest, () -> SAME_MILLI + 3).record(entry("apart", "/api/v1/fleet")).await();
    String count = "SELECT count(\"path\") FROM \"audit\" WHERE \"user\" = 'apart'";
    assertEquals(null, ingest.query(count).await().getJsonObject(0).getJsonArray("series"));
    assertEquals(
        1,
        influx
            .query(count)
            .await()
            .getJsonObject(0)
            .getJsonArray("series")
            .getJsonObject(0)
            .getJsonArray("values")
            .getJsonArray(0)
            .getInteger(1));
  }

  @Test
  void timestampsStrictlyIncreaseEvenWhenTheClockStepsBack() {
    long[] clock = {SAME_MILLI};
    UniqueTimestamps timestamps = new UniqueTimestamps(() -> clock[0]);
    long first = timestamps.nextNanos();
    long second = timestamps.nextNanos();
    clock[0] -= 5;
    long third = timestamps.nextNanos();
    clock[0] += 10;
    long fourth = timestamps.nextNanos();
    assertEquals(SAME_MILLI * 1_000_000L, first);
    assertEquals(first + 1, second);
    assertEquals(second + 1, third);
    assertEquals((SAME_MILLI + 5) * 1_000_000L, fourth);
  }

  @Test
  void hostileNamesAreStoredAsTextWithoutBreakingTheLine() {
    AuditLog log = new AuditLog(influx, () -> SAME_MILLI + 7);
    log.record(entry("eve,role=ADMIN \\", "/x\"y")).await();
    JsonArray row =
        influx
            .query(
                "SELECT \"path\", \"role\", \"user\" FROM \"audit\" WHERE time = "
                    + (SAME_MILLI + 7)
                    + "ms")
            .await()
            .getJsonObject(0)
            .getJsonArray("series")
            .getJsonObject(0)
            .getJsonArray("values")
            .getJsonArray(0);
    assertEquals("/x\"y", row.getString(1));
    assertEquals("VIEWER", row.getString(2));
    assertEquals("eve,role=ADMIN ?", row.getString(3));
  }

  @Test
  void anEntryThatCannotBeStoredIsLoggedAndCounted() {
    InfluxClient down =
        new InfluxClient(
            vertx, new InfluxConfig(URI.create("http://127.0.0.1:9"), "nowhere", null, null));
    AuditLog log = new AuditLog(down);
    log.recordOrCount(entry("viewer", "/api/v1/sites/a/status")).await();
    log.recordOrCount(entry("viewer", "/api/v1/sites/a/status")).await();
    assertEquals(2, log.lostEntries());
    // what actions that change something will use: the failure reaches the caller
    CompletionException failed =
        assertThrows(
            CompletionException.class,
            () ->
                log.record(entry("operator", "/api/v1/commands"))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .join());
    assertInstanceOf(InfluxUnavailableException.class, failed.getCause());
    assertTrue(log.lostEntries() == 2, "record() leaves counting to its caller");
  }
}
