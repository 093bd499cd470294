package io.flarewatch.simulator;

import java.util.SplittableRandom;

/**
 * The generator: whether it runs, sheds miners or shuts down for lack of gas, and what its
 * controller reads per tick. Guarded by the {@link SiteModel}'s lock.
 *
 * <p>If the gas supports at least {@code minLoadFraction} of the rated output, miners are shed from
 * the highest id until the expected load fits (derated). Below that the generator shuts down, every
 * miner loses power, and it restarts after {@code restartDelaySeconds} once the gas suffices.
 */
final class GeneratorPhysics {

  private static final int LOW_OIL_KPA = 200;
  private static final double HIGH_COOLANT_C = 100;

  private final PhysicsConfig physics;
  private final long restartDelayTicks;
  private boolean running = true;
  private long restartTick = -1;
  private boolean derated;
  private double coolantC = 85;
  private double runHours;
  private double fuelScfh;
  private GeneratorReading reading;

  GeneratorPhysics(PhysicsConfig physics, long tickMillis) {
    this.physics = physics;
    this.restartDelayTicks = Ticks.ceil(physics.restartDelaySeconds(), tickMillis);
  }

  /**
   * Decides for tick {@code t} whether the generator runs and which miners it powers.
   *
   * @param gasLimitedKw output the gas supply supports
   * @param limitKw the lower of that and the rated output
   */
  void control(long t, double gasLimitedKw, double limitKw, MinerFleet fleet) {
    double aux = 1 + physics.auxiliaryFraction();
    boolean canRun = gasLimitedKw >= physics.minLoadFraction() * physics.ratedKw();
    if (!running && t >= restartTick && canRun) {
      running = true;
    }
    derated = false;
    if (running) {
      double demandKw = 0;
      for (MinerModel m : fleet.all()) {
        demandKw += m.expectedWatts() / 1000 * aux;
      }
      if (demandKw > limitKw && !canRun) {
        running = false;
        restartTick = t + Math.max(1, restartDelayTicks);
      } else {
        double servedKw = 0;
        for (MinerModel m : fleet.all()) {
          double kw = m.expectedWatts() / 1000 * aux;
          boolean fits = servedKw + kw <= limitKw;
          if (fits) {
            servedKw += kw;
          } else {
            derated = true;
          }
          MinerFleet.setPower(m, fits, t);
        }
      }
    }
    if (!running) {
      for (MinerModel m : fleet.all()) {
        MinerFleet.setPower(m, false, t);
      }
    }
  }

  /**
   * The controller's values for tick {@code t} from the miners' actual draw (two Gaussian draws:
   * speed, then oil pressure noise).
   */
  void outputs(long t, long minerWatts, double tickHours, SplittableRandom rng) {
    double aux = 1 + physics.auxiliaryFraction();
    double kw = running ? minerWatts / 1000.0 * aux : 0;
    double load = kw / physics.ratedKw();
    fuelScfh = kw * physics.heatRateBtuPerKwh() / physics.gasHhvBtuPerScf();
    double rpmNoise = rng.nextGaussian();
    double oilNoise = rng.nextGaussian();
    coolantC += 0.05 * ((running ? 78 + 12 * load : 25) - coolantC);
    if (running && t > 0) {
      runHours += tickHours;
    }
    int status = 0;
    if (running) {
      status |= GeneratorReading.RUNNING;
    }
    if (derated) {
      status |= GeneratorReading.DERATED | GeneratorReading.COMMON_ALARM;
    }
    if (!running) {
      status |= GeneratorReading.SHUTDOWN_LOW_GAS | GeneratorReading.COMMON_ALARM;
      status |= GeneratorReading.RESTART_PENDING;
    }
    int oilKpa = running ? (int) Math.round(300 + 80 * load + 2 * oilNoise) : 0;
    reading =
        new GeneratorReading(
            round(kw, 1),
            round(kw / physics.powerFactor(), 1),
            round(load * 100, 1),
            running ? (int) Math.round(1800 + 1.5 * rpmNoise) : 0,
            round(fuelScfh, 1),
            round(coolantC, 1),
            oilKpa,
            Math.floor(runHours * 10) / 10,
            status,
            alarms(load, oilKpa));
  }

  /**
   * The controller's alarm word: low gas pressure while the supply sheds miners or keeps the engine
   * down, engine trip while it is down; the engine alarms from their usual trip points.
   */
  private int alarms(double load, int oilKpa) {
    int alarms = 0;
    if (derated || !running) {
      alarms |= GeneratorReading.LOW_GAS_PRESSURE;
    }
    if (!running) {
      alarms |= GeneratorReading.ENGINE_TRIP;
    }
    if (running && oilKpa < LOW_OIL_KPA) {
      alarms |= GeneratorReading.LOW_OIL_PRESSURE;
    }
    if (coolantC > HIGH_COOLANT_C) {
      alarms |= GeneratorReading.HIGH_COOLANT_TEMP;
    }
    if (load > 1) {
      alarms |= GeneratorReading.OVERLOAD;
    }
    return alarms;
  }

  /** Fuel the generator burns during the current tick, scf/h (unrounded, for the meters). */
  double fuelScfh() {
    return fuelScfh;
  }

  GeneratorReading reading() {
    return reading;
  }

  static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }
}
