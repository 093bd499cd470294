package io.flarewatch.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flarewatch.simulator.Addressing;
import io.flarewatch.simulator.SimulatorConfig;

/**
 * The demo site: about 300 miners on a generator of about 1 MW burning about 190 Mscf/d of a supply
 * near 250 Mscf/d; Permian-like gas, field-measured flare, 4-stroke lean burn, with the
 * uncertainties of an orifice meter and a lab analysis.
 */
public final class DemoSite {

  /** Miners of the demo site: 300 × 3.3 kW with auxiliaries is a ~1 MW load. */
  public static final int MINERS = 300;

  /** Where the first miner answers; miner i on the i-th address after it, as in the field. */
  public static final String MINERS_BASE_HOST = "127.0.1.1";

  /** The miners' CGMiner-style API port, on each miner's own address. */
  public static final int MINER_API_PORT = 4028;

  /** The stock Antminers' web interface port (80 in the field), on each miner's own address. */
  public static final int MINER_WEB_PORT = 8081;

  private DemoSite() {}

  /**
   * The simulated site: {@code miners} on consecutive loopback addresses from {@code baseHost},
   * each on port {@value #MINER_API_PORT} with its web interface on {@value #MINER_WEB_PORT}, so an
   * edge reaches them as it would in the field.
   */
  public static SimulatorConfig simulator(int miners, long seed, String baseHost) {
    SimulatorConfig defaults = SimulatorConfig.defaults(miners, seed);
    return defaults.withMiners(
        defaults
            .miners()
            .withAddressing(Addressing.LOOPBACK_RANGE, baseHost, MINER_API_PORT)
            .withWebPort(MINER_WEB_PORT));
  }

  /** The {@code emissions:} section, as in a site config file. */
  public static JsonNode emissions() {
    ObjectMapper json = new ObjectMapper();
    ObjectNode emissions = json.createObjectNode();
    ObjectNode gas = emissions.putObject("gasComposition");
    gas.put("CH4", 0.75)
        .put("C2H6", 0.12)
        .put("C3H8", 0.06)
        .put("C4H10", 0.025)
        .put("C5+", 0.01)
        .put("CO2", 0.02)
        .put("N2", 0.015);
    emissions.put("compositionSource", "Demo: Permian-like gas A of the methodology reference");
    emissions.put("compositionAnalysisDate", "2026-01-05");
    emissions
        .putObject("flare")
        .put("efficiency", 0.911)
        .put("source", "Plant et al., Science 377:1566 (2022)");
    emissions.putObject("engine").put("type", "FOUR_STROKE_LEAN_BURN");
    emissions.put("gwp", "AR6_GWP100_FOSSIL");
    emissions
        .putObject("uncertainty")
        .put("meterRelative", 0.01)
        .put("compositionRelative", 0.02)
        .put("flareEfficiency", 0.03)
        .put("engineEfficiency", 0.005);
    return emissions;
  }
}
