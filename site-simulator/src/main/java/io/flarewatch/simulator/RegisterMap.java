package io.flarewatch.simulator;

import java.util.List;

/**
 * The register maps the simulated devices serve. They mirror {@code
 * register-maps/flarewatch-sim-generator.json} and {@code flarewatch-sim-gas-meter.json} of the
 * device-drivers module (a test checks that they agree).
 *
 * @param resourceName classpath resource of the map in device-drivers
 * @param maxRegistersPerRequest longer reads are refused with exception 03 (Illegal Data Value)
 * @param registers the values
 */
public record RegisterMap(
    String resourceName, int maxRegistersPerRequest, List<RegisterSpec> registers) {

  /** The generator controller (DSE GenComm-like: holding registers, mixed word orders). */
  public static final RegisterMap GENERATOR =
      new RegisterMap(
          "register-maps/flarewatch-sim-generator.json",
          16,
          List.of(
              new RegisterSpec("power_kw", 0, "holding", "float32", "big", 1, 0),
              new RegisterSpec("apparent_power_kva", 2, "holding", "float32", "big", 1, 0),
              new RegisterSpec("load_pct", 4, "holding", "uint16", null, 0.1, 0),
              new RegisterSpec("engine_rpm", 5, "holding", "uint16", null, 1, 0),
              new RegisterSpec("fuel_flow_scfh", 6, "holding", "float32", "little", 1, 0),
              new RegisterSpec("coolant_temp_c", 20, "holding", "int16", null, 0.1, 0),
              new RegisterSpec("oil_pressure_kpa", 21, "holding", "uint16", null, 1, 0),
              new RegisterSpec("run_hours", 30, "holding", "uint32", "big", 0.1, 0),
              new RegisterSpec("status_bits", 40, "holding", "uint16", null, 1, 0)));

  /** A gas flow computer (Totalflow-like: input registers, float words low-first). */
  public static final RegisterMap GAS_METER =
      new RegisterMap(
          "register-maps/flarewatch-sim-gas-meter.json",
          8,
          List.of(
              new RegisterSpec("flow_rate_mscfd", 0, "input", "float32", "little", 1, 0),
              new RegisterSpec("volume_total_scf", 2, "input", "uint32", "big", 0.01, 0),
              new RegisterSpec("pressure_psig", 4, "input", "float32", "big", 1, 0),
              new RegisterSpec("temperature_f", 6, "input", "int16", null, 0.1, 0),
              new RegisterSpec("status_bits", 10, "input", "uint16", null, 1, 0)));

  public RegisterMap {
    registers = List.copyOf(registers);
  }

  /** Modbus function code of this map's registers (3 holding, 4 input). */
  public int functionCode() {
    return "holding".equals(registers.get(0).function()) ? 3 : 4;
  }
}
