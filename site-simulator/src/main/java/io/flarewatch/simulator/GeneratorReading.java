package io.flarewatch.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generator controller's values during one tick.
 *
 * <p>Status bits: 0 running, 1 derated (miners shed for lack of gas), 2 shut down on low gas
 * supply, 3 common alarm (bit 1 or 2), 4 waiting to restart.
 */
public record GeneratorReading(
    double powerKw,
    double apparentPowerKva,
    double loadPct,
    int engineRpm,
    double fuelFlowScfh,
    double coolantTempC,
    int oilPressureKpa,
    double runHours,
    int statusBits) {

  public static final int RUNNING = 1;
  public static final int DERATED = 1 << 1;
  public static final int SHUTDOWN_LOW_GAS = 1 << 2;
  public static final int COMMON_ALARM = 1 << 3;
  public static final int RESTART_PENDING = 1 << 4;

  /** Values by register-map name. */
  public Map<String, Double> registerValues() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("power_kw", powerKw);
    m.put("apparent_power_kva", apparentPowerKva);
    m.put("load_pct", loadPct);
    m.put("engine_rpm", (double) engineRpm);
    m.put("fuel_flow_scfh", fuelFlowScfh);
    m.put("coolant_temp_c", coolantTempC);
    m.put("oil_pressure_kpa", (double) oilPressureKpa);
    m.put("run_hours", runHours);
    m.put("status_bits", (double) statusBits);
    return m;
  }
}
