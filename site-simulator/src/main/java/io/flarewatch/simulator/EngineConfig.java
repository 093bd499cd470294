package io.flarewatch.simulator;

import static io.flarewatch.simulator.ConfigChecks.nonNegative;
import static io.flarewatch.simulator.ConfigChecks.positive;

/**
 * How the engine reacts to a lack of fuel and what its alarms watch ({@code engine} in the config).
 * The lockout after a trip is {@code physics.restartDelaySeconds}.
 *
 * @param loadShedding true: the controller sheds miners (highest id first) so the load always fits
 *     the gas, and shuts down only below {@code physics.minLoadFraction} of rated output (the
 *     simulator's original behaviour); false: nothing sheds load, and a fuel deficit makes the
 *     engine sag and then trip
 * @param sagGraceSeconds the engine trips when the integral of its fuel deficit (the fraction of
 *     the needed fuel that is missing, over time) reaches this many seconds: a total loss of gas
 *     trips it after this long, a 10 % deficit after ten times as long; it drains again one second
 *     per second without a deficit
 * @param minerBootSeconds after power returns, how long a miner takes to boot before it answers and
 *     mines again
 * @param minerBootJitterSeconds each miner adds a fixed, seeded 0..this many seconds to its boot
 * @param lowGasPressurePsig the low gas pressure alarm is on while the fuel supply pressure is
 *     below this
 * @param highCoolantTempC the high coolant temperature alarm is on above this
 */
public record EngineConfig(
    boolean loadShedding,
    double sagGraceSeconds,
    double minerBootSeconds,
    double minerBootJitterSeconds,
    double lowGasPressurePsig,
    double highCoolantTempC) {

  public EngineConfig {
    positive(sagGraceSeconds, "engine.sagGraceSeconds");
    nonNegative(minerBootSeconds, "engine.minerBootSeconds");
    nonNegative(minerBootJitterSeconds, "engine.minerBootJitterSeconds");
    nonNegative(lowGasPressurePsig, "engine.lowGasPressurePsig");
    positive(highCoolantTempC, "engine.highCoolantTempC");
  }

  /**
   * No load shedding, trip after 5 deficit-seconds, miners boot in 30..50 s, low gas pressure below
   * 20 psig, high coolant above 100 °C.
   */
  public static EngineConfig defaults() {
    return new EngineConfig(false, 5, 30, 20, 20, 100);
  }

  public EngineConfig withLoadShedding(boolean on) {
    return new EngineConfig(
        on,
        sagGraceSeconds,
        minerBootSeconds,
        minerBootJitterSeconds,
        lowGasPressurePsig,
        highCoolantTempC);
  }

  public EngineConfig withSagGraceSeconds(double s) {
    return new EngineConfig(
        loadShedding,
        s,
        minerBootSeconds,
        minerBootJitterSeconds,
        lowGasPressurePsig,
        highCoolantTempC);
  }

  public EngineConfig withMinerBoot(double seconds, double jitterSeconds) {
    return new EngineConfig(
        loadShedding,
        sagGraceSeconds,
        seconds,
        jitterSeconds,
        lowGasPressurePsig,
        highCoolantTempC);
  }
}
