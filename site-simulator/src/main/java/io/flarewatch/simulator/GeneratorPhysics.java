package io.flarewatch.simulator;

import java.util.SplittableRandom;

/**
 * The generator: whether it runs, sags, trips or sheds miners for lack of gas, and what its
 * controller reads per tick. Guarded by the {@link SiteModel}'s lock.
 *
 * <p>Fuel needed (scf/h) = heat rate (Btu/kWh) × load (kW) / HHV (Btu/scf). The engine burns what
 * it needs, or all the gas there is when that is less: it then sags (speed, frequency and voltage
 * fall with the deficit integrated so far) and, once the integral of the missing fraction of its
 * fuel reaches {@code engine.sagGraceSeconds}, trips: from the next tick it is down, every miner
 * loses power, and after {@code physics.restartDelaySeconds} (the lockout) it restarts once the gas
 * supports {@code physics.minLoadFraction} of the rated output; the miners then boot. With {@code
 * engine.loadShedding} the controller instead sheds miners from the highest id until the expected
 * load fits the gas, and shuts down at once below {@code minLoadFraction}.
 */
final class GeneratorPhysics {
  static final double NOMINAL_RPM = 1800;
  static final double NOMINAL_HZ = 60;
  static final double NOMINAL_VOLTS = 480;

  /** Fraction of nominal speed lost at the deepest sag, just before the trip. */
  static final double SAG_SPEED_DROP = 0.1;

  /** Fraction of nominal voltage lost at the deepest sag. */
  static final double SAG_VOLTAGE_DROP = 0.08;

  /** Oil pressure below which a running engine raises the low oil pressure alarm, kPa. */
  static final int LOW_OIL_KPA = 200;

  private final PhysicsConfig physics;
  private final EngineConfig engine;
  private final double tickSeconds;
  private final long restartDelayTicks;
  private boolean running = true;
  private boolean tripPending;
  private long restartTick = -1;
  private boolean derated;
  private long trips;
  private double deficitSeconds;
  private double deficitFraction;
  private double coolantC = 85;
  private double runHours;
  private double fuelScfh;
  private GeneratorReading reading;

  GeneratorPhysics(PhysicsConfig physics, EngineConfig engine, long tickMillis) {
    this.physics = physics;
    this.engine = engine;
    this.tickSeconds = tickMillis / 1000.0;
    this.restartDelayTicks = Ticks.ceil(physics.restartDelaySeconds(), tickMillis);
  }

  /** Fuel the engine needs to carry {@code kw}, scf/h. */
  double fuelNeededScfh(double kw) {
    return kw * physics.heatRateBtuPerKwh() / physics.gasHhvBtuPerScf();
  }

  /** Output {@code scfh} of gas can carry, kW. */
  double kwFromFuel(double scfh) {
    return scfh * physics.gasHhvBtuPerScf() / physics.heatRateBtuPerKwh();
  }

  /**
   * Decides for tick {@code t} whether the generator runs and which miners it powers: a trip
   * decided last tick takes effect, a restart is due, or (with load shedding) miners are shed.
   *
   * @param availableScfh gas supply during the tick
   */
  void control(long t, double availableScfh, MinerFleet fleet) {
    double gasLimitedKw = kwFromFuel(availableScfh);
    boolean canRun = gasLimitedKw >= physics.minLoadFraction() * physics.ratedKw();
    if (tripPending) {
      tripPending = false;
      shutDown(t);
    }
    if (!running && t >= restartTick && canRun) {
      running = true;
    }
    derated = false;
    if (running && engine.loadShedding()) {
      shedToFit(t, Math.min(physics.ratedKw(), gasLimitedKw), canRun, fleet);
    } else if (running) {
      fleet.setPowerAll(true, t);
    }
    if (!running) {
      fleet.setPowerAll(false, t);
    }
  }

  private void shedToFit(long t, double limitKw, boolean canRun, MinerFleet fleet) {
    double aux = 1 + physics.auxiliaryFraction();
    double demandKw = 0;
    for (MinerModel m : fleet.all()) {
      demandKw += m.expectedWatts() / 1000 * aux;
    }
    if (demandKw > limitKw && !canRun) {
      shutDown(t);
      return;
    }
    double servedKw = 0;
    for (MinerModel m : fleet.all()) {
      double kw = m.expectedWatts() / 1000 * aux;
      boolean fits = servedKw + kw <= limitKw;
      if (fits) {
        servedKw += kw;
      } else {
        derated = true;
      }
      fleet.setPower(m, fits, t);
    }
  }

  private void shutDown(long t) {
    running = false;
    trips++;
    deficitSeconds = 0;
    restartTick = t + Math.max(1, restartDelayTicks);
  }

  /**
   * The controller's values for tick {@code t} from the miners' actual draw and the gas there is
   * (two Gaussian draws: speed, then oil pressure noise). A deficit integral that reaches the grace
   * trips the engine from the next tick.
   *
   * @param availableScfh gas supply during the tick
   * @param fuelPressurePsig fuel supply pressure during the tick (for the low gas pressure alarm)
   */
  void outputs(
      long t,
      long minerWatts,
      double availableScfh,
      double fuelPressurePsig,
      double tickHours,
      SplittableRandom rng) {
    double aux = 1 + physics.auxiliaryFraction();
    double kw = running ? minerWatts / 1000.0 * aux : 0;
    double load = kw / physics.ratedKw();
    double neededScfh = fuelNeededScfh(kw);
    fuelScfh = Math.min(neededScfh, availableScfh);
    deficitFraction = neededScfh > fuelScfh ? (neededScfh - fuelScfh) / neededScfh : 0;
    if (running && t > 0) {
      deficitSeconds =
          deficitFraction > 0
              ? deficitSeconds + deficitFraction * tickSeconds
              : Math.max(0, deficitSeconds - tickSeconds);
      if (deficitSeconds >= engine.sagGraceSeconds()) {
        tripPending = true;
      }
    }
    double sagDepth = Math.min(1, deficitSeconds / engine.sagGraceSeconds());
    double speed = running ? 1 - SAG_SPEED_DROP * sagDepth : 0;
    double rpmNoise = rng.nextGaussian();
    double oilNoise = rng.nextGaussian();
    coolantC += 0.05 * ((running ? 78 + 12 * load : 25) - coolantC);
    if (running && t > 0) {
      runHours += tickHours;
    }
    int oilKpa = running ? (int) Math.round(300 + 80 * load + 2 * oilNoise) : 0;
    reading =
        new GeneratorReading(
            round(kw, 1),
            round(kw / physics.powerFactor(), 1),
            round(load * 100, 1),
            running ? (int) Math.round(NOMINAL_RPM * speed + 1.5 * rpmNoise) : 0,
            round(fuelScfh, 1),
            round(coolantC, 1),
            oilKpa,
            Math.floor(runHours * 10) / 10,
            statusBits(),
            round(NOMINAL_HZ * speed, 2),
            running ? round(NOMINAL_VOLTS * (1 - SAG_VOLTAGE_DROP * sagDepth), 1) : 0,
            alarmBits(kw, oilKpa, fuelPressurePsig));
  }

  private int statusBits() {
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
    if (running && deficitFraction > 0) {
      status |= GeneratorReading.SAGGING;
    }
    return status;
  }

  private int alarmBits(double kw, int oilKpa, double fuelPressurePsig) {
    int alarms = 0;
    if (!running) {
      alarms |= GeneratorReading.ALARM_ENGINE_TRIP;
    }
    if (fuelPressurePsig < engine.lowGasPressurePsig() || derated) {
      alarms |= GeneratorReading.ALARM_LOW_GAS_PRESSURE;
    }
    if (running && oilKpa < LOW_OIL_KPA) {
      alarms |= GeneratorReading.ALARM_LOW_OIL_PRESSURE;
    }
    if (kw > physics.ratedKw()) {
      alarms |= GeneratorReading.ALARM_OVERLOAD;
    }
    if (coolantC > engine.highCoolantTempC()) {
      alarms |= GeneratorReading.ALARM_HIGH_COOLANT_TEMP;
    }
    return alarms;
  }

  /** Fuel the generator burns during the current tick, scf/h (unrounded, for the meters). */
  double fuelScfh() {
    return fuelScfh;
  }

  /** True while the engine runs (also while it sags). */
  boolean running() {
    return running;
  }

  /** Missing fraction of the fuel the load needs during the current tick (0 = none). */
  double deficitFraction() {
    return deficitFraction;
  }

  /** Trips and low-gas shutdowns since the start. */
  long trips() {
    return trips;
  }

  GeneratorReading reading() {
    return reading;
  }

  static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }
}
