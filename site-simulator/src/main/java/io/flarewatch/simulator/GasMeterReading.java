package io.flarewatch.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A gas meter's values during one tick.
 *
 * <p>Status bits: 0 flow present, 1 totalizer reset within the last 60 s, 2 low pressure (below 5
 * psig).
 *
 * @param flowRateMscfd instantaneous flow, Mscf/d
 * @param volumeTotalScf totalizer as served: scf in steps of {@value #TOTALIZER_RESOLUTION_SCF},
 *     modulo 2^32 steps (a uint32 register scaled by 0.01, as flow computers report it)
 * @param volumeSinceStartScf gas metered since the simulator started (unwrapped, fractional)
 * @param pressurePsig line pressure
 * @param temperatureF gas temperature
 * @param statusBits status bits
 */
public record GasMeterReading(
    double flowRateMscfd,
    double volumeTotalScf,
    double volumeSinceStartScf,
    double pressurePsig,
    double temperatureF,
    int statusBits) {

  /** Smallest step of the served totalizer, scf. */
  public static final double TOTALIZER_RESOLUTION_SCF = 0.01;

  /** Steps per scf of the served totalizer. */
  static final long TOTALIZER_STEPS_PER_SCF = 100;

  public static final int FLOW_PRESENT = 1;
  public static final int TOTALIZER_RESET = 1 << 1;
  public static final int LOW_PRESSURE = 1 << 2;

  /** Values by register-map name. */
  public Map<String, Double> registerValues() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("flow_rate_mscfd", flowRateMscfd);
    m.put("volume_total_scf", volumeTotalScf);
    m.put("pressure_psig", pressurePsig);
    m.put("temperature_f", temperatureF);
    m.put("status_bits", (double) statusBits);
    return m;
  }
}
