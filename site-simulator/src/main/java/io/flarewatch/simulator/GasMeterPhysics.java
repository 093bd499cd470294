package io.flarewatch.simulator;

import java.util.SplittableRandom;

/**
 * One gas meter: its totalizer integrating the flow in scf (served in 0.01 scf steps modulo 2^32),
 * gas temperature, line pressure, status bits, and its scheduled and injected totalizer resets.
 * Guarded by the {@link SiteModel}'s lock.
 */
final class GasMeterPhysics {

  private final String deviceId;
  private final PhysicsConfig physics;
  private final long tickMillis;
  private double totalScf;
  private double sinceStartScf;
  private double temperatureF = 70;
  private long resetTick = Long.MIN_VALUE / 2;
  private boolean pendingReset;
  private GasMeterReading reading;

  GasMeterPhysics(String deviceId, long startScf, PhysicsConfig physics, long tickMillis) {
    this.deviceId = deviceId;
    this.physics = physics;
    this.tickMillis = tickMillis;
    this.totalScf = startScf;
  }

  /** The totalizer goes back to 0 at the next tick. */
  void requestReset() {
    pendingReset = true;
  }

  /**
   * The meter's values for tick {@code t} (one Gaussian draw for the temperature after tick 0).
   *
   * @param flowMscfd gas flowing through the meter
   * @param psig line pressure, noise included
   * @param hours length of a tick in hours
   */
  void update(long t, double flowMscfd, double psig, double hours, SplittableRandom rng) {
    if (t > 0) {
      double scf = flowMscfd * SiteModel.MSCFD_TO_SCFH * hours;
      totalScf += scf;
      sinceStartScf += scf;
      temperatureF += 0.05 * (70 - temperatureF) + 0.2 * rng.nextGaussian();
    }
    boolean scheduledReset = false;
    for (PhysicsConfig.TotalizerReset r : physics.totalizerResets()) {
      if (r.device().equals(deviceId) && Ticks.ceil(r.atSecond(), tickMillis) == t && t > 0) {
        scheduledReset = true;
      }
    }
    if (scheduledReset || (pendingReset && t > 0)) {
      pendingReset = false;
      totalScf = 0;
      resetTick = t;
    }
    double pressure = GeneratorPhysics.round(Math.max(0, psig), 2);
    int status = 0;
    if (flowMscfd > 0) {
      status |= GasMeterReading.FLOW_PRESENT;
    }
    if ((t - resetTick) * tickMillis < 60_000) {
      status |= GasMeterReading.TOTALIZER_RESET;
    }
    if (pressure < 5) {
      status |= GasMeterReading.LOW_PRESSURE;
    }
    long steps =
        ((long) Math.floor(totalScf * GasMeterReading.TOTALIZER_STEPS_PER_SCF)) & 0xFFFFFFFFL;
    double served = steps / (double) GasMeterReading.TOTALIZER_STEPS_PER_SCF;
    reading =
        new GasMeterReading(
            GeneratorPhysics.round(flowMscfd, 3),
            served,
            sinceStartScf,
            pressure,
            GeneratorPhysics.round(temperatureF, 1),
            status);
  }

  GasMeterReading reading() {
    return reading;
  }
}
