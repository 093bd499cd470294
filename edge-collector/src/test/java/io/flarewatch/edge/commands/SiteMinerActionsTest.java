package io.flarewatch.edge.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.flarewatch.drivers.miner.MinerApiClient;
import io.flarewatch.drivers.miner.MinerApiClientOptions;
import io.flarewatch.drivers.miner.MinerPoller;
import io.flarewatch.drivers.miner.control.MinerCommand;
import io.flarewatch.drivers.miner.control.MinerOutcome;
import io.flarewatch.edge.config.MinerConfig;
import io.flarewatch.simulator.MinerEndpoint;
import io.flarewatch.simulator.SimulatorConfig;
import io.flarewatch.simulator.SiteSimulator;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Read-backs alone, against the simulated site's miners (which mine until told otherwise). */
class SiteMinerActionsTest {

  private Vertx vertx;
  private SiteSimulator simulator;
  private SiteMinerActions actions;
  private int deadPort;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    simulator = SiteSimulator.start(vertx, SimulatorConfig.defaults(1, 3)).await();
    try (ServerSocket free = new ServerSocket(0)) {
      deadPort = free.getLocalPort();
    }
    List<MinerConfig> miners = new ArrayList<>();
    for (MinerEndpoint miner : simulator.miners()) {
      miners.add(new MinerConfig(miner.id(), miner.host(), miner.port()));
    }
    miners.add(new MinerConfig("dead", "127.0.0.1", deadPort));
    MinerPoller poller =
        new MinerPoller(
            new MinerApiClient(
                vertx,
                new MinerApiClientOptions(
                    Duration.ofSeconds(2), MinerApiClientOptions.defaults().maxReplyBytes())));
    actions = new SiteMinerActions(vertx, miners, MinerControl.NONE, poller, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    simulator.close().await();
    vertx.close().await();
  }

  private String miner() {
    return simulator.miners().get(0).id();
  }

  @Test
  void aMinerThatShowsTheCommandAppliedIsConfirmedWithoutASend() {
    MinerOutcome outcome =
        actions.readBack(miner(), MinerCommand.wake(), Instant.now().plusSeconds(10)).await();

    assertEquals(MinerOutcome.Result.CONFIRMED, outcome.result());
    assertEquals("mining", outcome.readbackState());
    assertEquals(0, outcome.attempts(), "nothing was sent");
    assertNull(outcome.error());
  }

  @Test
  void aMinerThatDoesNotShowItFailsAsNotAppliedOnceTheTimeIsUp() {
    MinerOutcome outcome =
        actions.readBack(miner(), MinerCommand.sleep(), Instant.now().plusSeconds(3)).await();

    assertEquals(MinerOutcome.Result.FAILED, outcome.result());
    assertEquals("not_applied", outcome.error());
    assertEquals("mining", outcome.readbackState());
  }

  @Test
  void aMinerThatCannotBeReadFailsWithThePollsCode() {
    MinerOutcome outcome =
        actions.readBack("dead", MinerCommand.sleep(), Instant.now().plusSeconds(1)).await();

    assertEquals(MinerOutcome.Result.FAILED, outcome.result());
    assertEquals("refused", outcome.error());
    assertNull(outcome.readbackState());
  }

  @Test
  void withoutAFirmwareControlEveryMinerIsSkippedAsUnsupported() {
    MinerOutcome outcome =
        actions.execute(miner(), MinerCommand.sleep(), Instant.now().plusSeconds(10)).await();

    assertEquals(MinerOutcome.Result.SKIPPED, outcome.result());
    assertEquals("unsupported", outcome.error());
  }
}
