package io.flarewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.flarewatch.drivers.miner.MinerAddress;
import io.flarewatch.drivers.miner.MinerApiClient;
import io.flarewatch.drivers.miner.MinerFirmware;
import io.flarewatch.drivers.miner.MinerPoller;
import io.flarewatch.drivers.miner.MinerSample;
import io.flarewatch.drivers.miner.MinerState;
import io.flarewatch.drivers.miner.PowerSource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Newer stock Antminer firmware reports its hashrate only per chain: the simulator serves that
 * flavour, and the drivers read the miner's hashrate as the sum of its chains.
 */
class AntminerChainRatesTest {
  private SimHarness h;
  private MinerEndpoint miner;

  @BeforeEach
  void start() throws Exception {
    h = new SimHarness(SimHarness.config(2, 9, Flavour.ANTMINER_CHAIN_RATES));
    h.tick(4);
    miner = h.miner("miner-0001");
    assertEquals(Flavour.ANTMINER_CHAIN_RATES, miner.flavour());
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void servesHashrateOnlyPerChain() throws Exception {
    MinerReading state = h.sim.snapshot().miner(miner.id()).orElseThrow();
    JsonNode version = SimHarness.ask(miner, "version");
    assertEquals(AntminerReplies.CGMINER_VERSION, version.at("/VERSION/0/CGMiner").asText());
    assertEquals(state.model(), version.at("/VERSION/0/Type").asText());

    JsonNode summary = SimHarness.ask(miner, "summary").at("/SUMMARY/0");
    assertEquals(state.uptimeSeconds(), summary.get("Elapsed").asLong());
    summary
        .fieldNames()
        .forEachRemaining(
            name -> assertFalse(name.matches("[GMKT]HS .*|rate_.*"), "summary has " + name));

    byte[] bytes = SimHarness.send(miner, "stats", null);
    assertEquals(0, bytes[bytes.length - 1], "ends with NUL like every stock Antminer");
    assertFalse(new String(bytes, StandardCharsets.UTF_8).contains("}{"), "one stats object");
    JsonNode stats = SimHarness.parse(bytes).get("STATS");
    assertEquals(1, stats.size());
    assertEquals("GH/s", stats.get(0).get("rate_unit").asText());
    assertFalse(stats.get(0).has("GHS 5s"));
    BigDecimal sum = BigDecimal.ZERO;
    for (JsonNode chain : stats.get(0).get("chain")) {
      sum = sum.add(chain.get("rate_real").decimalValue());
    }
    assertEquals(3, stats.get(0).get("chain").size());
    assertEquals(state.hashrateThs(), sum.movePointLeft(3).doubleValue(), 0.01 / 1000 * 3);
  }

  @Test
  void thePollerReadsTheSumOfTheChains() throws Exception {
    MinerPoller poller = new MinerPoller(new MinerApiClient(h.vertx));

    MinerSample sample =
        poller.poll(new MinerAddress(miner.host(), miner.port())).await(30, TimeUnit.SECONDS);

    List<ServedMinerReading> served = h.sim.groundTruth().minerReadings(miner.id());
    ServedMinerReading last = served.get(served.size() - 1);
    assertEquals(MinerFirmware.ANTMINER, sample.firmware());
    assertEquals(MinerState.MINING, sample.state());
    assertEquals(last.hashrateThs(), sample.hashrateThs(), "what was served, to the digit");
    assertEquals(3, sample.boardHashratesThs().size());
    assertEquals(PowerSource.NONE, sample.powerSource());
    assertTrue(sample.maxChipTempC() > 0);
  }
}
