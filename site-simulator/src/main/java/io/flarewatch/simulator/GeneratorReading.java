package io.flarewatch.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generator controller's values during one tick.
 *
 * <p>Status bits ({@code status_bits}): 0 running, 1 derated (miners shed for lack of gas), 2 shut
 * down on low gas supply (tripped or locked out), 3 common alarm (bit 1 or 2), 4 waiting to
 * restart, 5 sagging (the load needs more fuel than the supply gives).
 *
 * <p>Alarm bits ({@code alarm_bits}, one uint16 register whose bits the register map names), one
 * per alarm as gensets' fault bitmaps give them: 0 {@code low_oil_pressure} (running below 200
 * kPa), 1 {@code high_coolant_temp} (coolant above {@code engine.highCoolantTempC}), 2 {@code
 * overspeed} (not modelled: always clear), 3 {@code overload} (load above the rated output), 4
 * {@code low_gas_pressure} (fuel supply pressure below {@code engine.lowGasPressurePsig}, or miners
 * shed for lack of gas), 5 {@code engine_trip} (the engine tripped or shut down and has not
 * restarted yet).
 *
 * @param frequencyHz output frequency (60 Hz nominal, lower while the engine sags; 0 when stopped)
 * @param voltageV line-to-line voltage (480 V nominal, lower while the engine sags; 0 when stopped)
 * @param alarmBits the alarm word
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
    double frequencyHz,
    double voltageV,
    int alarmBits) {

  public static final int RUNNING = 1;
  public static final int DERATED = 1 << 1;
  public static final int SHUTDOWN_LOW_GAS = 1 << 2;
  public static final int COMMON_ALARM = 1 << 3;
  public static final int RESTART_PENDING = 1 << 4;
  public static final int SAGGING = 1 << 5;

  /** Alarm bit 0: oil pressure below 200 kPa while running. */
  public static final int ALARM_LOW_OIL_PRESSURE = 1;

  /** Alarm bit 1: coolant temperature above the threshold. */
  public static final int ALARM_HIGH_COOLANT_TEMP = 1 << 1;

  /** Alarm bit 2: overspeed (not modelled: always clear). */
  public static final int ALARM_OVERSPEED = 1 << 2;

  /** Alarm bit 3: load above the rated output. */
  public static final int ALARM_OVERLOAD = 1 << 3;

  /** Alarm bit 4: fuel supply pressure below the threshold, or miners shed for lack of gas. */
  public static final int ALARM_LOW_GAS_PRESSURE = 1 << 4;

  /** Alarm bit 5: the engine tripped or shut down and has not restarted yet. */
  public static final int ALARM_ENGINE_TRIP = 1 << 5;

  /** True when every bit of {@code statusBit} is set in the status word. */
  public boolean status(int statusBit) {
    return (statusBits & statusBit) == statusBit;
  }

  /** True when every bit of {@code alarmBit} is set in the alarm word. */
  public boolean alarm(int alarmBit) {
    return (alarmBits & alarmBit) == alarmBit;
  }

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
    m.put("frequency_hz", frequencyHz);
    m.put("voltage_ll_avg_v", voltageV);
    m.put("alarm_bits", (double) alarmBits);
    return m;
  }
}
