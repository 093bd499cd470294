package io.flarewatch.simulator;

import static io.flarewatch.simulator.ConfigChecks.positive;
import static io.flarewatch.simulator.ConfigChecks.require;

import java.util.List;

/**
 * The generator, gas supply and meters ({@code physics} in the config).
 *
 * @param ratedKw rated electrical output of the generator
 * @param powerFactor power factor (kVA = kW / PF)
 * @param auxiliaryFraction site auxiliary load as a fraction of the miners' power (~0.03)
 * @param heatRateBtuPerKwh generator heat rate, HHV basis (~9,500 Btu/kWh)
 * @param gasHhvBtuPerScf higher heating value of the gas (~1,242.5 Btu/scf)
 * @param supplyMeanMscfd mean gas supply from the well
 * @param supplyStepMscfd standard deviation of the random-walk step per tick
 * @param supplyMeanReversion fraction of the distance to the mean recovered each tick (0..1)
 * @param minLoadFraction generator shuts down when the gas supports less than this fraction of the
 *     rated output
 * @param restartDelaySeconds time after a shutdown before the generator tries to restart
 * @param gensetFuelTotalizerStartScf start value of the genset fuel meter totalizer
 * @param flareTotalizerStartScf start value of the flare meter totalizer
 * @param supplyDrops scheduled drops of the gas supply
 * @param totalizerResets scheduled totalizer resets
 */
public record PhysicsConfig(
    double ratedKw,
    double powerFactor,
    double auxiliaryFraction,
    double heatRateBtuPerKwh,
    double gasHhvBtuPerScf,
    double supplyMeanMscfd,
    double supplyStepMscfd,
    double supplyMeanReversion,
    double minLoadFraction,
    long restartDelaySeconds,
    long gensetFuelTotalizerStartScf,
    long flareTotalizerStartScf,
    List<SupplyDrop> supplyDrops,
    List<TotalizerReset> totalizerResets) {

  /**
   * The gas supply drops by {@code fraction} (0..1] from {@code atSecond} (since start) for {@code
   * durationSeconds}.
   */
  public record SupplyDrop(long atSecond, long durationSeconds, double fraction) {}

  /** The totalizer of gas meter {@code device} is set back to 0 at {@code atSecond}. */
  public record TotalizerReset(String device, long atSecond) {}

  public PhysicsConfig {
    positive(ratedKw, "physics.ratedKw");
    require(
        powerFactor > 0.5 && powerFactor <= 1,
        "physics.powerFactor",
        "must be in (0.5, 1], got " + powerFactor);
    require(
        auxiliaryFraction >= 0 && auxiliaryFraction <= 0.5,
        "physics.auxiliaryFraction",
        "must be between 0 and 0.5, got " + auxiliaryFraction);
    positive(heatRateBtuPerKwh, "physics.heatRateBtuPerKwh");
    positive(gasHhvBtuPerScf, "physics.gasHhvBtuPerScf");
    require(
        supplyMeanMscfd >= 0 && Double.isFinite(supplyMeanMscfd),
        "physics.supplyMeanMscfd",
        "must be >= 0, got " + supplyMeanMscfd);
    require(
        supplyStepMscfd >= 0 && Double.isFinite(supplyStepMscfd),
        "physics.supplyStepMscfd",
        "must be >= 0, got " + supplyStepMscfd);
    require(
        supplyMeanReversion >= 0 && supplyMeanReversion <= 1,
        "physics.supplyMeanReversion",
        "must be between 0 and 1, got " + supplyMeanReversion);
    require(
        minLoadFraction >= 0 && minLoadFraction < 1,
        "physics.minLoadFraction",
        "must be in [0, 1), got " + minLoadFraction);
    require(
        restartDelaySeconds >= 0,
        "physics.restartDelaySeconds",
        "must be >= 0, got " + restartDelaySeconds);
    totalizer(gensetFuelTotalizerStartScf, "physics.gensetFuelTotalizerStartScf");
    totalizer(flareTotalizerStartScf, "physics.flareTotalizerStartScf");
    require(supplyDrops != null, "physics.supplyDrops", "is missing (use [])");
    supplyDrops = List.copyOf(supplyDrops);
    for (int i = 0; i < supplyDrops.size(); i++) {
      SupplyDrop d = supplyDrops.get(i);
      String key = "physics.supplyDrops[" + i + "]";
      require(d != null, key, "is null");
      require(d.atSecond() >= 0, key + ".atSecond", "must be >= 0, got " + d.atSecond());
      require(
          d.durationSeconds() > 0,
          key + ".durationSeconds",
          "must be > 0, got " + d.durationSeconds());
      require(
          d.fraction() > 0 && d.fraction() <= 1,
          key + ".fraction",
          "must be in (0, 1], got " + d.fraction());
    }
    require(totalizerResets != null, "physics.totalizerResets", "is missing (use [])");
    totalizerResets = List.copyOf(totalizerResets);
    for (int i = 0; i < totalizerResets.size(); i++) {
      TotalizerReset r = totalizerResets.get(i);
      String key = "physics.totalizerResets[" + i + "]";
      require(r != null, key, "is null");
      require(
          SimulatorConfig.GENSET_FUEL_METER.equals(r.device())
              || SimulatorConfig.FLARE_METER.equals(r.device()),
          key + ".device",
          "must be genset-fuel or flare, got " + r.device());
      require(r.atSecond() >= 0, key + ".atSecond", "must be >= 0, got " + r.atSecond());
    }
  }

  /** The same physics with another rated output, kW. */
  public PhysicsConfig withRatedKw(double kw) {
    return new PhysicsConfig(
        kw,
        powerFactor,
        auxiliaryFraction,
        heatRateBtuPerKwh,
        gasHhvBtuPerScf,
        supplyMeanMscfd,
        supplyStepMscfd,
        supplyMeanReversion,
        minLoadFraction,
        restartDelaySeconds,
        gensetFuelTotalizerStartScf,
        flareTotalizerStartScf,
        supplyDrops,
        totalizerResets);
  }

  /** Largest totalizer start, whole scf: the uint32 register counts 0.01 scf steps. */
  static final long MAX_TOTALIZER_START_SCF = 0xFFFFFFFFL / GasMeterReading.TOTALIZER_STEPS_PER_SCF;

  private static void totalizer(long v, String key) {
    require(
        v >= 0 && v <= MAX_TOTALIZER_START_SCF,
        key,
        "must be between 0 and " + MAX_TOTALIZER_START_SCF + ", got " + v);
  }
}
