package io.flarewatch.simulator;

/**
 * What the site has done since the start (tick 0 excluded; each later tick counts its own flows for
 * one tick length, as the meters' totalizers do).
 *
 * @param tick the tick these counters run to
 * @param elapsedSeconds site time covered, s
 * @param trips engine trips and low-gas shutdowns
 * @param gasAvailableScf gas that arrived from the well
 * @param gasToEngineScf gas the engine burned (what the genset fuel meter counts)
 * @param flaredScf gas sent to the flare (what the flare meter counts): available − burned
 * @param hashrateThHours hashrate integrated over time, TH/s × h
 * @param energyKwh electricity the generator delivered
 * @param sagSeconds time the engine ran short of fuel (sagging)
 * @param downSeconds time the engine was down (tripped, locked out or waiting for gas)
 */
public record PlantCounters(
    long tick,
    double elapsedSeconds,
    long trips,
    double gasAvailableScf,
    double gasToEngineScf,
    double flaredScf,
    double hashrateThHours,
    double energyKwh,
    double sagSeconds,
    double downSeconds) {

  /** Share of the available gas the engine burned (0 when no gas arrived). */
  public double burnedFraction() {
    return gasAvailableScf > 0 ? gasToEngineScf / gasAvailableScf : 0;
  }

  /** Sums per tick; guarded by the {@link SiteModel}'s lock. */
  static final class Accumulator {
    private double available;
    private double engine;
    private double flared;
    private double thHours;
    private double kwh;
    private long sagTicks;
    private long downTicks;

    void add(
        double availableScf,
        double engineScf,
        double flaredScf,
        double thH,
        double energyKwh,
        boolean sagging,
        boolean down) {
      available += availableScf;
      engine += engineScf;
      flared += flaredScf;
      thHours += thH;
      kwh += energyKwh;
      sagTicks += sagging ? 1 : 0;
      downTicks += down ? 1 : 0;
    }

    PlantCounters snapshot(long tick, long tickMillis, long trips) {
      double tickSeconds = tickMillis / 1000.0;
      return new PlantCounters(
          tick,
          tick * tickSeconds,
          trips,
          available,
          engine,
          flared,
          thHours,
          kwh,
          sagTicks * tickSeconds,
          downTicks * tickSeconds);
    }
  }
}
