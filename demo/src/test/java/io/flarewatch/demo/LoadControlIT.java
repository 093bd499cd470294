package io.flarewatch.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.demo.bench.PlantLoop;
import io.flarewatch.edge.EdgeApp;
import io.flarewatch.edge.config.EdgeConfig;
import io.flarewatch.influx.testkit.InfluxTarget;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.flarewatch.simulator.Addressing;
import io.flarewatch.simulator.Flavour;
import io.flarewatch.simulator.FleetConfig;
import io.flarewatch.simulator.GasConfig;
import io.flarewatch.simulator.GasProfile;
import io.flarewatch.simulator.MinerState;
import io.flarewatch.simulator.PhysicsConfig;
import io.flarewatch.simulator.SimulatorConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge with {@code loadControl} on, against the running simulator over the network, in real
 * time: when the well's gas halves, the loop puts miners to sleep before the engine trips, and its
 * {@code control_decision} points reach InfluxDB through central, and central's site detail shows
 * the latest.
 */
class LoadControlIT {

  private static final String SITE = "loop-site";
  private static final int MINERS = 12;

  @TempDir Path dir;
  private Vertx vertx;
  private LocalSystem system;
  private EdgeApp edge;

  @AfterEach
  void stop() {
    if (edge != null) {
      edge.stop().await();
    }
    if (system != null) {
      system.stop().await();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void whenTheGasDropsTheLoopShedsAndItsDecisionsReachInflux() {
    SimulatorConfig defaults = SimulatorConfig.defaults(MINERS, 11);
    SimulatorConfig site =
        defaults
            .withMiners(
                new FleetConfig(
                    MINERS, Addressing.PORT_RANGE, "127.0.0.1", 0, Map.of(Flavour.BRAIINS, 1)))
            .withGas(
                new GasConfig(
                    GasProfile.STEADY, defaults.physics().supplyMeanMscfd(), 0, 600, 0, 0, 0, 11));
    InfluxTarget influxTarget = InfluxTestServer.shared();
    String database = InfluxTestServer.uniqueDatabase("loop");
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
                    site,
                    1_000,
                    dir.resolve("edge.db"),
                    null,
                    null))
            .await();
    system.stopEdge().await();
    edge = EdgeApp.start(vertx, withLoop(system.edgeConfig(), site.physics())).await();
    await("the loop's first cycles")
        .atMost(Duration.ofSeconds(30))
        .until(() -> edge.pollingStats().cycles() >= 3);
    assertEquals(0, sleeping(), "the gas carries every miner: none asleep before the drop");

    system.simulator().faults().gasSupplyDrop(0.5, Duration.ofMinutes(10));

    await("miners asleep after the drop")
        .atMost(Duration.ofSeconds(60))
        .until(() -> sleeping() >= 3);
    InfluxClient influx =
        new InfluxClient(
            vertx,
            new InfluxConfig(
                influxTarget.url(), database, influxTarget.username(), influxTarget.password()));
    await("the shedding decision in InfluxDB")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !InfluxRows.rows(
                        influx,
                        "SELECT * FROM control_decision WHERE reason = 'shed_gas'"
                            + " AND miners_slept > 0")
                    .isEmpty());

    long cycles = edge.pollingStats().cycles();
    await("five more cycles")
        .atMost(Duration.ofSeconds(30))
        .until(() -> edge.pollingStats().cycles() >= cycles + 5);
    long asleep = sleeping();
    assertTrue(
        asleep >= 3 && asleep <= MINERS / 2,
        "half the gas carries about two thirds of the miners: " + asleep + " asleep");

    List<JsonObject> shed =
        InfluxRows.rows(influx, "SELECT * FROM control_decision WHERE reason = 'shed_gas'");
    JsonObject first = shed.get(0);
    assertTrue(first.getDouble("target_kw") < first.getDouble("capacity_kw"), first.encode());
    assertTrue(first.getString("miners_changed").startsWith("miner-"), first.encode());
    assertTrue(
        InfluxRows.single(influx, "SELECT count(reason) FROM control_decision") > 1,
        "a decision per cycle");
    assertEquals(0, system.simulator().plant().counters().trips(), "the engine never tripped");

    JsonObject decision =
        await("the latest decision in central's site detail")
            .atMost(Duration.ofSeconds(30))
            .until(() -> siteDetail().getJsonObject("loadControl"), d -> d != null);
    assertTrue(
        Set.of("shed_gas", "add_gas", "hold").contains(decision.getString("reason")),
        "a gas reason while the gas is low and the engine runs: " + decision.encode());
    assertTrue(
        decision.getDouble("target_kw") < decision.getDouble("capacity_kw"), decision.encode());
    assertTrue(decision.getDouble("load_kw") > 0, decision.encode());
  }

  /** {@code GET /api/v1/sites/{site}} from central, as the tablet reads it. */
  private JsonObject siteDetail() {
    WebClient client = WebClient.create(vertx);
    try {
      return client
          .get(system.central().port(), "127.0.0.1", "/api/v1/sites/" + SITE)
          .bearerTokenAuthentication(system.bearerToken())
          .send()
          .await()
          .bodyAsJsonObject();
    } finally {
      client.close();
    }
  }

  private long sleeping() {
    return system.simulator().plant().miners().stream()
        .filter(m -> m.state() == MinerState.SLEEPING)
        .count();
  }

  /** The demo edge's config with the loop on, set for the simulated generator and gas. */
  private static EdgeConfig withLoop(EdgeConfig c, PhysicsConfig physics) {
    return new EdgeConfig(
        c.site(),
        c.central(),
        c.polling(),
        c.miners(),
        c.minerRanges(),
        c.modbus(),
        c.buffer(),
        c.uplink(),
        c.emissions(),
        c.metrics(),
        c.commands(),
        PlantLoop.loopSettingsFor(physics));
  }
}
