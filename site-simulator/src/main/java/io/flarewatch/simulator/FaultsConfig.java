package io.flarewatch.simulator;

import static io.flarewatch.simulator.ConfigChecks.require;

import java.util.Map;

/**
 * Faults active from the start ({@code faults} in the config).
 *
 * @param miners per miner id
 * @param modbus per device id (generator, genset-fuel, flare)
 */
public record FaultsConfig(
    Map<String, MinerFaultSettings> miners, Map<String, ModbusFaultSettings> modbus) {

  public FaultsConfig {
    require(miners != null, "faults.miners", "is missing (use {})");
    require(modbus != null, "faults.modbus", "is missing (use {})");
    miners.forEach((id, settings) -> require(settings != null, "faults.miners." + id, "is null"));
    modbus.forEach((id, settings) -> require(settings != null, "faults.modbus." + id, "is null"));
    miners = Map.copyOf(miners);
    modbus = Map.copyOf(modbus);
    for (Map.Entry<String, ModbusFaultSettings> e : modbus.entrySet()) {
      require(
          SimulatorConfig.MODBUS_DEVICES.contains(e.getKey()),
          "faults.modbus." + e.getKey(),
          "is not a device (generator, genset-fuel, flare)");
    }
  }

  /** No faults. */
  public static FaultsConfig none() {
    return new FaultsConfig(Map.of(), Map.of());
  }

  /** Checks that every miner with faults is one of {@code minerCount} miners. */
  void checkMiners(int minerCount) {
    for (String id : miners.keySet()) {
      int index = MinerIds.indexOf(id);
      require(
          index >= 0 && index < minerCount,
          "faults.miners." + id,
          "is not a miner of this site (miner-0001.." + MinerIds.of(minerCount - 1) + ")");
    }
  }
}
