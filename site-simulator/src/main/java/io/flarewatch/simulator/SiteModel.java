package io.flarewatch.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The coupled physics of the site, advanced in discrete ticks. Thread-safe: every method takes the
 * model's lock. The state at tick k depends only on the seed, the config and the commands/faults
 * applied before k, never on how often or in which order clients read it.
 */
final class SiteModel {
  private static final double MSCFD_TO_SCFH = 1000.0 / 24;

  private final SimulatorConfig config;
  private final SimulatorConfig.Physics physics;
  private final Clock clock;
  private final Instant start;
  private final long tickMillis;
  private final MinerModel[] miners;
  private final SplittableRandom rng;
  private final List<long[]> runtimeDrops =
      new ArrayList<>(); // {startTick, endTick, fraction bits}
  private final boolean[] pendingReset = new boolean[2];
  private final long restartDelayTicks;

  private long tick;
  private double supplyWalkMscfd;
  private double supplyMscfd;
  private boolean generatorRunning = true;
  private long restartTick = -1;
  private boolean derated;
  private GeneratorReading generator;
  private double coolantC = 85;
  private double runHours;
  private final GasMeterState fuelMeter;
  private final GasMeterState flareMeter;

  /** Running totalizer and last reading of one gas meter. */
  private static final class GasMeterState {
    double totalScf;
    double sinceStartScf;
    double temperatureF = 70;
    long resetTick = Long.MIN_VALUE / 2;
    GasMeterReading reading;

    GasMeterState(long start) {
      totalScf = start;
    }
  }

  SiteModel(SimulatorConfig config, Clock clock) {
    this.config = config;
    this.physics = config.physics();
    this.clock = clock;
    this.start = clock.instant();
    this.tickMillis = config.tickMillis();
    this.rng = new SplittableRandom(config.seed() ^ 0x6A5D39EAE116586DL);
    this.restartDelayTicks = ceilTicks(physics.restartDelaySeconds());
    List<Flavour> pattern = new ArrayList<>();
    for (Flavour f : Flavour.values()) {
      for (int i = 0; i < config.miners().flavourMix().getOrDefault(f, 0); i++) {
        pattern.add(f);
      }
    }
    this.miners = new MinerModel[config.miners().count()];
    for (int i = 0; i < miners.length; i++) {
      miners[i] = new MinerModel(i, pattern.get(i % pattern.size()), config.seed(), tickMillis);
    }
    this.supplyWalkMscfd = physics.supplyMeanMscfd();
    this.fuelMeter = new GasMeterState(physics.gensetFuelTotalizerStartScf());
    this.flareMeter = new GasMeterState(physics.flareTotalizerStartScf());
    computeTick(0);
  }

  int minerCount() {
    return miners.length;
  }

  Flavour flavour(int index) {
    return miners[index].flavour;
  }

  Instant start() {
    return start;
  }

  long tickMillis() {
    return tickMillis;
  }

  /** Tick the clock is in now. */
  long currentTick() {
    return tickAt(clock.instant());
  }

  private long tickAt(Instant instant) {
    long elapsed = Duration.between(start, instant).toMillis();
    return Math.max(0, Math.floorDiv(elapsed, tickMillis));
  }

  /** Something done to a miner at a given tick and instant, under the model's lock. */
  interface MinerAction<T> {
    T apply(MinerModel miner, long tick, Instant now);
  }

  Instant now() {
    return clock.instant();
  }

  Instant tickStart(long t) {
    return start.plusMillis(t * tickMillis);
  }

  /** Advances to the clock's tick and runs {@code action} on miner {@code index}, atomically. */
  synchronized <T> T withMiner(int index, MinerAction<T> action) {
    Instant now = clock.instant();
    advanceTo(tickAt(now));
    return action.apply(miners[index], tick, now);
  }

  /** Advances to the clock's tick and returns the generator's values. */
  synchronized GeneratorReading generator() {
    advance();
    return generator;
  }

  synchronized GasMeterReading gasMeter(String deviceId) {
    advance();
    return meter(deviceId).reading;
  }

  synchronized long tick() {
    advance();
    return tick;
  }

  synchronized SiteSnapshot snapshot() {
    advance();
    List<MinerReading> list = new ArrayList<>(miners.length);
    for (MinerModel m : miners) {
      list.add(
          new MinerReading(
              m.id,
              m.flavour,
              m.hardware.type,
              m.state(),
              m.hashrateThs,
              m.powerWatts,
              m.maxChipTemp(),
              toList(m.fanRpm),
              m.powered ? m.uptimeSeconds(tick) : 0));
    }
    return new SiteSnapshot(
        tick,
        tickStart(tick),
        supplyMscfd,
        generator,
        fuelMeter.reading,
        flareMeter.reading,
        List.copyOf(list));
  }

  /** Supply drops by {@code fraction} from the next tick for {@code duration}. */
  synchronized void dropSupply(double fraction, Duration duration) {
    advance();
    long from = tick + 1;
    long ticks = Math.max(1, (duration.toMillis() + tickMillis - 1) / tickMillis);
    runtimeDrops.add(new long[] {from, from + ticks, Double.doubleToLongBits(fraction)});
  }

  /** The meter's totalizer goes back to 0 at the next tick. */
  synchronized void resetTotalizer(String deviceId) {
    advance();
    pendingReset[SimulatorConfig.FLARE_METER.equals(deviceId) ? 1 : 0] = true;
    meter(deviceId); // validates
  }

  /** Reboots a miner now (uptime 0, LuxOS sleep kept, Braiins pause lost). */
  synchronized void rebootMiner(int index) {
    advance();
    MinerModel m = miners[index];
    if (m.powered) {
      m.reboot(tick);
    }
  }

  // ---------------------------------------------------------------- tick loop

  private void advance() {
    advanceTo(currentTick());
  }

  private void advanceTo(long target) {
    while (tick < target) {
      tick++;
      computeTick(tick);
    }
  }

  private long ceilTicks(long seconds) {
    return (seconds * 1000 + tickMillis - 1) / tickMillis;
  }

  private GasMeterState meter(String deviceId) {
    if (SimulatorConfig.GENSET_FUEL_METER.equals(deviceId)) {
      return fuelMeter;
    }
    if (SimulatorConfig.FLARE_METER.equals(deviceId)) {
      return flareMeter;
    }
    throw new IllegalArgumentException("no gas meter with id " + deviceId);
  }

  private double dropFraction(long t) {
    double fraction = 0;
    for (SimulatorConfig.SupplyDrop d : physics.supplyDrops()) {
      long from = ceilTicks(d.atSecond());
      long to = from + ceilTicks(d.durationSeconds());
      if (t >= from && t < to) {
        fraction = Math.max(fraction, d.fraction());
      }
    }
    for (long[] d : runtimeDrops) {
      if (t >= d[0] && t < d[1]) {
        fraction = Math.max(fraction, Double.longBitsToDouble(d[2]));
      }
    }
    return fraction;
  }

  private void computeTick(long t) {
    double tickHours = tickMillis / 3_600_000.0;
    // 1. gas supply: mean-reverting random walk, then scheduled / injected drops
    double mean = physics.supplyMeanMscfd();
    if (t > 0) {
      supplyWalkMscfd +=
          physics.supplyMeanReversion() * (mean - supplyWalkMscfd)
              + physics.supplyStepMscfd() * rng.nextGaussian();
      supplyWalkMscfd = Math.max(0, supplyWalkMscfd);
    }
    supplyMscfd = supplyWalkMscfd * (1 - dropFraction(t));
    double availableScfh = supplyMscfd * MSCFD_TO_SCFH;
    double gasLimitedKw = availableScfh * physics.gasHhvBtuPerScf() / physics.heatRateBtuPerKwh();
    double limitKw = Math.min(physics.ratedKw(), gasLimitedKw);
    double aux = 1 + physics.auxiliaryFraction();

    // 2. generator control: shutdown / restart / shed load
    boolean canRun = gasLimitedKw >= physics.minLoadFraction() * physics.ratedKw();
    if (!generatorRunning && t >= restartTick && canRun) {
      generatorRunning = true;
    }
    derated = false;
    if (generatorRunning) {
      double demandKw = 0;
      for (MinerModel m : miners) {
        demandKw += m.expectedWatts() / 1000 * aux;
      }
      if (demandKw > limitKw && !canRun) {
        generatorRunning = false;
        restartTick = t + Math.max(1, restartDelayTicks);
      } else {
        double servedKw = 0;
        for (MinerModel m : miners) {
          double kw = m.expectedWatts() / 1000 * aux;
          boolean fits = servedKw + kw <= limitKw;
          if (fits) {
            servedKw += kw;
          } else {
            derated = true;
          }
          setPower(m, fits, t);
        }
      }
    }
    if (!generatorRunning) {
      for (MinerModel m : miners) {
        setPower(m, false, t);
      }
    }

    // 3. miners
    if (t > 0) {
      for (MinerModel m : miners) {
        m.step(t);
      }
    }

    // 4. generator outputs from the miners' actual draw
    long watts = 0;
    for (MinerModel m : miners) {
      watts += m.powerWatts;
    }
    double kw = generatorRunning ? watts / 1000.0 * aux : 0;
    double load = kw / physics.ratedKw();
    double fuelScfh = kw * physics.heatRateBtuPerKwh() / physics.gasHhvBtuPerScf();
    double rpmNoise = rng.nextGaussian();
    double oilNoise = rng.nextGaussian();
    coolantC += 0.05 * ((generatorRunning ? 78 + 12 * load : 25) - coolantC);
    if (generatorRunning && t > 0) {
      runHours += tickHours;
    }
    int status = 0;
    if (generatorRunning) {
      status |= GeneratorReading.RUNNING;
    }
    if (derated) {
      status |= GeneratorReading.DERATED | GeneratorReading.COMMON_ALARM;
    }
    if (!generatorRunning) {
      status |= GeneratorReading.SHUTDOWN_LOW_GAS | GeneratorReading.COMMON_ALARM;
      status |= GeneratorReading.RESTART_PENDING;
    }
    generator =
        new GeneratorReading(
            round(kw, 1),
            round(kw / physics.powerFactor(), 1),
            round(load * 100, 1),
            generatorRunning ? (int) Math.round(1800 + 1.5 * rpmNoise) : 0,
            round(fuelScfh, 1),
            round(coolantC, 1),
            generatorRunning ? (int) Math.round(300 + 80 * load + 2 * oilNoise) : 0,
            Math.floor(runHours * 10) / 10,
            status);

    // 5. gas meters: fuel line and flare line (flare = supply - fuel, never negative)
    double fuelMscfd = fuelScfh * 24 / 1000;
    double flareMscfd = Math.max(0, supplyMscfd - fuelMscfd);
    double upstreamPsig = 60 * Math.min(1.5, mean > 0 ? supplyMscfd / mean : 0);
    updateMeter(
        fuelMeter,
        0,
        t,
        fuelMscfd,
        Math.min(35, upstreamPsig) + 0.2 * rng.nextGaussian(),
        tickHours);
    updateMeter(
        flareMeter, 1, t, flareMscfd, upstreamPsig * 0.2 + 0.1 * rng.nextGaussian(), tickHours);
  }

  private void updateMeter(
      GasMeterState meter, int resetIndex, long t, double flowMscfd, double psig, double hours) {
    String deviceId =
        resetIndex == 0 ? SimulatorConfig.GENSET_FUEL_METER : SimulatorConfig.FLARE_METER;
    if (t > 0) {
      double scf = flowMscfd * MSCFD_TO_SCFH * hours;
      meter.totalScf += scf;
      meter.sinceStartScf += scf;
      meter.temperatureF += 0.05 * (70 - meter.temperatureF) + 0.2 * rng.nextGaussian();
    }
    boolean scheduledReset = false;
    for (SimulatorConfig.TotalizerReset r : physics.totalizerResets()) {
      if (r.device().equals(deviceId) && ceilTicks(r.atSecond()) == t && t > 0) {
        scheduledReset = true;
      }
    }
    if (scheduledReset || (pendingReset[resetIndex] && t > 0)) {
      pendingReset[resetIndex] = false;
      meter.totalScf = 0;
      meter.resetTick = t;
    }
    double pressure = round(Math.max(0, psig), 2);
    int status = 0;
    if (flowMscfd > 0) {
      status |= GasMeterReading.FLOW_PRESENT;
    }
    if ((t - meter.resetTick) * tickMillis < 60_000) {
      status |= GasMeterReading.TOTALIZER_RESET;
    }
    if (pressure < 5) {
      status |= GasMeterReading.LOW_PRESSURE;
    }
    long steps =
        ((long) Math.floor(meter.totalScf * GasMeterReading.TOTALIZER_STEPS_PER_SCF)) & 0xFFFFFFFFL;
    double served = steps / (double) GasMeterReading.TOTALIZER_STEPS_PER_SCF;
    meter.reading =
        new GasMeterReading(
            round(flowMscfd, 3),
            served,
            meter.sinceStartScf,
            pressure,
            round(meter.temperatureF, 1),
            status);
  }

  private void setPower(MinerModel m, boolean on, long t) {
    if (on && !m.powered) {
      m.boot(t);
    } else if (!on && m.powered) {
      m.powerOff();
    }
  }

  private static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }

  private static List<Integer> toList(int[] a) {
    List<Integer> l = new ArrayList<>(a.length);
    for (int v : a) {
      l.add(v);
    }
    return List.copyOf(l);
  }

  /** Values of a Modbus device by register-map name, with the tick they belong to. */
  record DeviceValues(long tick, Instant instant, Map<String, Double> values) {}

  synchronized DeviceValues deviceValues(String deviceId) {
    Instant now = clock.instant();
    advanceTo(tickAt(now));
    Map<String, Double> values =
        SimulatorConfig.GENERATOR.equals(deviceId)
            ? generator.registerValues()
            : meter(deviceId).reading.registerValues();
    return new DeviceValues(tick, now, values);
  }
}
