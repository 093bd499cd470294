package io.flarewatch.edge.polling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.drivers.miner.MinerApiClient;
import io.flarewatch.drivers.miner.MinerApiClientOptions;
import io.flarewatch.drivers.miner.MinerPoller;
import io.flarewatch.edge.config.MinerConfig;
import io.flarewatch.edge.config.PollingConfig;
import io.flarewatch.simulator.MinerEndpoint;
import io.flarewatch.simulator.MinerFaultSettings;
import io.flarewatch.simulator.OfflineMode;
import io.flarewatch.simulator.SimulatorConfig;
import io.flarewatch.simulator.SiteSimulator;
import io.flarewatch.wire.Point;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 20 % of the miners accept connections and never answer. They are reported (up=0, timeout) and the
 * live miners are not held behind them: in the second cycle every live miner is answered before the
 * first dead miner's poll ends, although the dead ones come first in the configuration and filled
 * every lane in the first cycle. (A cycle's miner points are in the order their polls ended.)
 */
class DeadMinersTest {

  private static final int MINERS = 50;
  private static final int DEAD = 10;
  private static final long TIMEOUT_MILLIS = 2_000;

  private Vertx vertx;
  private SiteSimulator simulator;
  private WorkerExecutor workers;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    simulator = SiteSimulator.start(vertx, SimulatorConfig.defaults(MINERS, 3)).await();
    for (MinerEndpoint miner : simulator.miners().subList(0, DEAD)) {
      simulator
          .faults()
          .miner(miner.id(), MinerFaultSettings.none().withOffline(OfflineMode.SILENT))
          .await();
    }
    workers = vertx.createSharedWorkerExecutor("test-modbus", 1);
  }

  @AfterEach
  void stop() {
    simulator.close().await();
    vertx.close().await();
  }

  @Test
  void deadMinersAreReportedAndDoNotDelayLiveOnes() {
    List<MinerConfig> miners =
        simulator.miners().stream().map(m -> new MinerConfig(m.id(), m.host(), m.port())).toList();
    Set<String> dead =
        simulator.miners().subList(0, DEAD).stream()
            .map(MinerEndpoint::id)
            .collect(Collectors.toSet());
    PollingStats stats = new PollingStats();
    PollCycle cycle =
        new PollCycle(
            vertx,
            "site",
            new PollingConfig(10_000L, TIMEOUT_MILLIS, DEAD, 0L),
            new MinerPoller(
                new MinerApiClient(
                    vertx, new MinerApiClientOptions(Duration.ofMillis(TIMEOUT_MILLIS), 1 << 20))),
            workers,
            RandomGenerator.of("L64X128MixRandom"),
            stats);

    cycle.run(System.currentTimeMillis(), miners, List.of()).await();
    simulator.groundTruth().clear();
    PollCycle.Result result = cycle.run(System.currentTimeMillis(), miners, List.of()).await();

    assertEquals(MINERS - DEAD, result.minersOnline());
    for (Point point : result.minerPoints()) {
      boolean isDead = dead.contains(point.tag("miner"));
      assertEquals(isDead ? 0L : 1L, point.fields().get("up"), point.toString());
      if (isDead) {
        assertEquals("timeout", point.fields().get("error"));
        assertEquals(
            "no complete reply within " + TIMEOUT_MILLIS + " ms (0 bytes received)",
            point.fields().get("error_detail"));
      }
    }
    assertEquals(2L * DEAD, stats.deviceFailures());
    List<Boolean> deadInOrderOfAnswer =
        result.minerPoints().stream().map(p -> dead.contains(p.tag("miner"))).toList();
    assertEquals(
        MINERS - DEAD,
        deadInOrderOfAnswer.indexOf(true),
        "every live miner answered before the first dead one timed out: " + deadInOrderOfAnswer);
    for (MinerConfig miner : miners) {
      if (!dead.contains(miner.id())) {
        assertTrue(
            !simulator.groundTruth().minerReadings(miner.id()).isEmpty(),
            miner.id() + " was polled in the second cycle");
      }
    }
  }
}
