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
 * <p>Alarm bits ({@code alarm_bits}, one uint16 register): 0 {@code engine_trip} (the engine
 * tripped and has not restarted yet), 1 {@code low_gas_pressure} (fuel supply pressure below {@code
 * engine.lowGasPressurePsig}), 2 {@code overload} (load above the rated output), 3 {@code
 * high_coolant_temp} (coolant above {@code engine.highCoolantTempC}).
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

  /** Alarm bit 0: the engine tripped and has not restarted yet. */
  public static final int ALARM_ENGINE_TRIP = 1;

  /** Alarm bit 1: fuel supply pressure below the threshold. */
  public static final int ALARM_LOW_GAS_PRESSURE = 1 << 1;

  /** Alarm bit 2: load above the rated output. */
  public static final int ALARM_OVERLOAD = 1 << 2;

  /** Alarm bit 3: coolant temperature above the threshold. */
  public static final int ALARM_HIGH_COOLANT_TEMP = 1 << 3;

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
