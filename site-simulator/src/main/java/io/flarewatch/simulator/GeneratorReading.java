package io.flarewatch.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generator controller's values during one tick.
 *
 * <p>Status bits: 0 running, 1 derated (miners shed for lack of gas), 2 shut down on low gas
 * supply, 3 common alarm (bit 1 or 2), 4 waiting to restart.
 *
 * <p>Alarm bits, one per alarm as gensets' fault bitmaps give them (the register map names each): 0
 * low oil pressure, 1 high coolant temperature, 2 overspeed, 3 overload, 4 low gas pressure, 5
 * engine trip (shut down by a protection).
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
    int statusBits,
    int alarmBits) {

  public static final int RUNNING = 1;
  public static final int DERATED = 1 << 1;
  public static final int SHUTDOWN_LOW_GAS = 1 << 2;
  public static final int COMMON_ALARM = 1 << 3;
  public static final int RESTART_PENDING = 1 << 4;

  public static final int LOW_OIL_PRESSURE = 1;
  public static final int HIGH_COOLANT_TEMP = 1 << 1;
  public static final int OVERSPEED = 1 << 2;
  public static final int OVERLOAD = 1 << 3;
  public static final int LOW_GAS_PRESSURE = 1 << 4;
  public static final int ENGINE_TRIP = 1 << 5;

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
    m.put("alarm_bits", (double) alarmBits);
    return m;
  }
}
