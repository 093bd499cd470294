package io.flarewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.drivers.miner.MinerAddress;
import io.flarewatch.drivers.miner.MinerApiClient;
import io.flarewatch.drivers.miner.MinerApiClientOptions;
import io.flarewatch.drivers.miner.MinerAuthException;
import io.flarewatch.drivers.miner.MinerFirmware;
import io.flarewatch.drivers.miner.MinerPoller;
import io.flarewatch.drivers.miner.MinerSample;
import io.flarewatch.drivers.miner.PowerSource;
import io.flarewatch.drivers.miner.control.MinerCommand;
import io.flarewatch.drivers.miner.control.MinerCredentials;
import io.flarewatch.drivers.miner.control.WhatsminerControl;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The drivers' Whatsminer support against the simulator over TCP on loopback: the poll mapping
 * against the simulator's ground truth, and {@link WhatsminerControl}'s writes read back by a poll.
 */
class WhatsminerDriversTest {
  private static final long BOUND_SECONDS = 20;
  private static final String MINER = "miner-0001";

  private SimHarness h;
  private MinerApiClient client;
  private MinerPoller poller;
  private MinerAddress address;

  private void start(WhatsminerConfig settings) throws Exception {
    SimulatorConfig c = SimHarness.config(1, 7, Flavour.WHATSMINER);
    h = new SimHarness(c.withMiners(c.miners().withWhatsminer(settings)));
    h.tick(3);
    client = new MinerApiClient(h.vertx, new MinerApiClientOptions(Duration.ofSeconds(5), 1 << 20));
    poller = new MinerPoller(client);
    MinerEndpoint endpoint = h.miner(MINER);
    address = new MinerAddress(endpoint.host(), endpoint.port());
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close().await(BOUND_SECONDS, TimeUnit.SECONDS);
    }
    if (h != null) {
      h.close();
    }
  }

  private WhatsminerControl control(String password) {
    return new WhatsminerControl(client, new MinerCredentials("root", "root", password, 80));
  }

  private MinerSample poll() throws Exception {
    return poller.poll(address).await(BOUND_SECONDS, TimeUnit.SECONDS);
  }

  private void send(WhatsminerControl control, MinerCommand command) throws Exception {
    control.send(address, command).await(BOUND_SECONDS, TimeUnit.SECONDS);
  }

  private MinerReading truth() {
    return h.sim.snapshot().miner(MINER).orElseThrow();
  }

  @Test
  void pollMatchesTheGroundTruth() throws Exception {
    start(WhatsminerConfig.defaults());
    MinerSample sample = poll();
    MinerReading truth = truth();

    assertEquals(MinerFirmware.WHATSMINER, sample.firmware());
    assertEquals(io.flarewatch.drivers.miner.MinerState.MINING, sample.state());
    assertEquals(truth.hashrateThs(), sample.hashrateThs(), 1e-9);
    assertEquals(3, sample.boardHashratesThs().size());
    assertEquals(
        truth.hashrateThs(),
        sample.boardHashratesThs().stream().mapToDouble(Double::doubleValue).sum(),
        0.01);
    assertEquals(truth.powerWatts(), sample.powerWatts(), 1e-9);
    assertEquals(PowerSource.FIRMWARE, sample.powerSource());
    assertTrue(sample.powerLimitWatts() > truth.powerWatts(), sample.toString());
    assertEquals(MinerModel.AMBIENT_C, sample.ambientTempC(), 1e-9);
    assertEquals(truth.fanRpm().subList(0, 2), sample.fanRpms());
    assertEquals(truth.maxChipTempC(), sample.maxChipTempC(), 1e-9);
    assertEquals(truth.uptimeSeconds(), sample.uptimeSeconds());
    assertEquals(3, sample.poolsTotal());
    List<ServedMinerReading> served = h.sim.groundTruth().minerReadings(MINER);
    ServedMinerReading summary =
        served.stream()
            .filter(r -> r.command().equals("summary"))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertEquals(summary.hashrateThs(), sample.hashrateThs(), 1e-9);
    assertEquals(summary.powerWatts(), sample.powerWatts(), 1e-9);
  }

  @Test
  void powerOffReadsBackSleepingAndPowerOnMining() throws Exception {
    start(WhatsminerConfig.defaults().withAdminPassword("Flare_1"));
    WhatsminerControl control = control("Flare_1");

    send(control, MinerCommand.sleep());
    MinerSample asleep = poll();
    assertEquals(io.flarewatch.drivers.miner.MinerState.SLEEPING, asleep.state());
    assertEquals(0.0, asleep.hashrateThs());
    assertTrue(asleep.powerWatts() <= MinerModel.SLEEP_WATTS + 2, asleep.toString());
    assertEquals(MinerState.SLEEPING, truth().state());

    send(control, MinerCommand.wake());
    h.tick(1);
    MinerSample awake = poll();
    assertEquals(io.flarewatch.drivers.miner.MinerState.MINING, awake.state());
    assertTrue(awake.hashrateThs() > 0, awake.toString());
    assertEquals(MinerState.MINING, truth().state());
  }

  @Test
  void powerLimitReadsBackAndCapsTheDraw() throws Exception {
    start(WhatsminerConfig.defaults());
    WhatsminerControl control = control("admin");
    int limit = (int) (truth().powerWatts() * 0.75);

    send(control, MinerCommand.powerLimit(limit));
    assertEquals(limit, poll().powerLimitWatts(), 1e-9);
    h.tick(2);
    MinerSample limited = poll();
    assertEquals(limit, limited.powerLimitWatts(), 1e-9);
    assertTrue(limited.powerWatts() <= limit, limited.toString());
    assertEquals(truth().powerWatts(), limited.powerWatts(), 1e-9);
  }

  @Test
  void wrongPasswordIsAuthFailed() throws Exception {
    start(WhatsminerConfig.defaults().withAdminPassword("Flare_1"));

    MinerAuthException failure =
        assertThrows(
            MinerAuthException.class,
            () -> send(control("admin"), MinerCommand.sleep()),
            "a write keyed with the wrong password");

    assertEquals("auth_failed", failure.code());
    assertTrue(failure.detail().contains("wrong admin password"), failure.detail());
    assertEquals(MinerState.MINING, truth().state());
  }

  @Test
  void anExpiredTokenIsRefreshedOnce() throws Exception {
    start(WhatsminerConfig.defaults().withTokenTtlSeconds(60));
    WhatsminerControl control =
        new WhatsminerControl(
            client,
            new MinerCredentials("root", "root", "admin", 80),
            h.clock,
            Duration.ofHours(1));

    send(control, MinerCommand.sleep());
    h.clock.advance(Duration.ofSeconds(90)); // the miner forgot the token the control still holds
    send(control, MinerCommand.wake());
    send(control, MinerCommand.sleep());

    assertEquals(MinerState.SLEEPING, truth().state());
    long tokens =
        h.sim.groundTruth().minerReadings(MINER).stream()
            .filter(r -> r.command().equals("get_token"))
            .count();
    assertEquals(2, tokens, "one token, one refresh after expiry, then the refreshed one reused");
  }
}
