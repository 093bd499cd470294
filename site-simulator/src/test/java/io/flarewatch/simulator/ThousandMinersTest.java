package io.flarewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmark's fleet: 1,000 miners on ephemeral ports all start and answer. */
class ThousandMinersTest {

  @Test
  void thousandMinersStartAndAnswer() throws Exception {
    try (SimHarness h = new SimHarness(SimulatorConfig.defaults(1000, 3))) {
      h.tick(1);
      assertEquals(1000, h.sim.miners().size());
      Set<Integer> ports = new HashSet<>();
      int mining = 0;
      for (MinerEndpoint m : h.sim.miners()) {
        ports.add(m.port());
        JsonNode r = SimHarness.ask(m, "summary");
        assertEquals("S", r.at("/STATUS/0/STATUS").asText(), m.id());
        JsonNode s = r.at("/SUMMARY/0");
        double rate = s.has("GHS 5s") ? s.get("GHS 5s").asDouble() : s.get("MHS 1m").asDouble();
        if (rate > 0) {
          mining++;
        }
      }
      assertEquals(1000, ports.size(), "distinct ports");
      assertEquals(1000, mining);
      // only this test's own requests: on a shared machine another process may poll a port that
      // was ephemeral for it a moment ago
      assertEquals(
          1000,
          h.sim.groundTruth().minerReadings().stream()
              .filter(r -> r.command().equals("summary"))
              .count());
      assertEquals(
          334, h.sim.miners().stream().filter(m -> m.flavour() == Flavour.ANTMINER).count());
    }
  }
}
