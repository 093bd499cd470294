package io.flarewatch.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The coupled physics of the site, advanced in discrete ticks: {@link GasSupply} → {@link
 * GeneratorPhysics} (which miners it can power) → {@link MinerFleet} → generator outputs → the two
 * {@link GasMeterPhysics}. Thread-safe: every method takes the model's lock. The state at tick k
 * depends only on the seed, the config and the commands/faults applied before k, never on how often
 * or in which order clients read it; the parts draw from one random source in a fixed order.
 */
final class SiteModel {
  static final double MSCFD_TO_SCFH = 1000.0 / 24;

  private final PhysicsConfig physics;
  private final Clock clock;
  private final Instant start;
  private final long tickMillis;
  private final SplittableRandom rng;
  private final MinerFleet fleet;
  private final GasSupply supply;
  private final GeneratorPhysics generator;
  private final GasMeterPhysics fuelMeter;
  private final GasMeterPhysics flareMeter;
  private final GeneratorTrace trace;
  private final PlantCounters.Accumulator counters = new PlantCounters.Accumulator();
  private long tick;

  SiteModel(SimulatorConfig config, Clock clock) {
    this.physics = config.physics();
    this.clock = clock;
    this.start = clock.instant();
    this.tickMillis = config.tickMillis();
    this.rng = new SplittableRandom(config.seed() ^ 0x6A5D39EAE116586DL);
    this.fleet = new MinerFleet(config.miners(), config.engine(), config.seed(), tickMillis);
    this.supply = new GasSupply(physics, config.gas(), tickMillis);
    this.generator = new GeneratorPhysics(physics, config.engine(), tickMillis);
    this.fuelMeter =
        new GasMeterPhysics(
            SimulatorConfig.GENSET_FUEL_METER,
            physics.gensetFuelTotalizerStartScf(),
            physics,
            tickMillis);
    this.flareMeter =
        new GasMeterPhysics(
            SimulatorConfig.FLARE_METER, physics.flareTotalizerStartScf(), physics, tickMillis);
    this.trace = new GeneratorTrace(config.groundTruthCapacity());
    computeTick(0);
  }

  int minerCount() {
    return fleet.count();
  }

  Flavour flavour(int index) {
    return fleet.miner(index).flavour;
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
    return action.apply(fleet.miner(index), tick, now);
  }

  /** Advances to the clock's tick and returns the generator's values. */
  synchronized GeneratorReading generator() {
    advance();
    return generator.reading();
  }

  synchronized GasMeterReading gasMeter(String deviceId) {
    advance();
    return meter(deviceId).reading();
  }

  synchronized long tick() {
    advance();
    return tick;
  }

  synchronized SiteSnapshot snapshot() {
    advance();
    return new SiteSnapshot(
        tick,
        tickStart(tick),
        supply.mscfd(),
        generator.reading(),
        fuelMeter.reading(),
        flareMeter.reading(),
        fleet.readings(tick));
  }

  /** The generator's load at every tick up to the clock's current one, oldest first. */
  synchronized java.util.List<GeneratorLoad> generatorTrace() {
    advance();
    return trace.all();
  }

  /** What the site has done since the start, up to the clock's current tick. */
  synchronized PlantCounters counters() {
    advance();
    return counters.snapshot(tick, tickMillis, generator.trips());
  }

  /** Supply drops by {@code fraction} from the next tick for {@code duration}. */
  synchronized void dropSupply(double fraction, Duration duration) {
    advance();
    long ticks = Math.max(1, (duration.toMillis() + tickMillis - 1) / tickMillis);
    supply.drop(tick + 1, ticks, fraction);
  }

  /** The meter's totalizer goes back to 0 at the next tick. */
  synchronized void resetTotalizer(String deviceId) {
    advance();
    meter(deviceId).requestReset();
  }

  /** Reboots a miner now (uptime 0, LuxOS sleep kept, Braiins pause lost). */
  synchronized void rebootMiner(int index) {
    advance();
    MinerModel m = fleet.miner(index);
    if (m.answers()) {
      m.reboot(tick);
    }
  }

  /** Values of a Modbus device by register-map name, with the tick they belong to. */
  record DeviceValues(long tick, Instant instant, Map<String, Double> values) {}

  synchronized DeviceValues deviceValues(String deviceId) {
    Instant now = clock.instant();
    advanceTo(tickAt(now));
    Map<String, Double> values =
        SimulatorConfig.GENERATOR.equals(deviceId)
            ? generator.reading().registerValues()
            : meter(deviceId).reading().registerValues();
    return new DeviceValues(tick, now, values);
  }

  private void advance() {
    advanceTo(currentTick());
  }

  private void advanceTo(long target) {
    while (tick < target) {
      tick++;
      computeTick(tick);
    }
  }

  private GasMeterPhysics meter(String deviceId) {
    if (SimulatorConfig.GENSET_FUEL_METER.equals(deviceId)) {
      return fuelMeter;
    }
    if (SimulatorConfig.FLARE_METER.equals(deviceId)) {
      return flareMeter;
    }
    throw new IllegalArgumentException("no gas meter with id " + deviceId);
  }

  private void computeTick(long t) {
    double tickHours = tickMillis / 3_600_000.0;
    // 1. gas supply: the profile (or random walk), then scheduled / injected drops
    supply.step(t, rng);
    double availableScfh = supply.mscfd() * MSCFD_TO_SCFH;
    double mean = supply.meanMscfd();
    double upstreamPsig = 60 * Math.min(1.5, mean > 0 ? supply.mscfd() / mean : 0);
    // 2. generator control: trip / restart / shed load (boots and slow wake-ups due now finish)
    fleet.finishWakes(t);
    generator.control(t, availableScfh, fleet);
    // 3. miners
    if (t > 0) {
      fleet.step(t);
    }
    // 4. generator outputs from the miners' actual draw and the gas there is
    generator.outputs(t, fleet.watts(), availableScfh, Math.min(35, upstreamPsig), tickHours, rng);
    trace.add(t, tickStart(t), generator.reading().powerKw());
    // 5. gas meters: fuel line and flare line (flare = supply - fuel; fuel never exceeds supply)
    double fuelMscfd = generator.fuelScfh() * 24 / 1000;
    double flareMscfd = Math.max(0, supply.mscfd() - fuelMscfd);
    double fuelPsig = Math.min(35, upstreamPsig) + 0.2 * rng.nextGaussian();
    fuelMeter.update(t, fuelMscfd, fuelPsig, tickHours, rng);
    double flarePsig = upstreamPsig * 0.2 + 0.1 * rng.nextGaussian();
    flareMeter.update(t, flareMscfd, flarePsig, tickHours, rng);
    if (t > 0) {
      counters.add(
          availableScfh * tickHours,
          fuelMscfd * MSCFD_TO_SCFH * tickHours,
          flareMscfd * MSCFD_TO_SCFH * tickHours,
          fleet.hashrateThs() * tickHours,
          generator.reading().powerKw() * tickHours,
          generator.running() && generator.deficitFraction() > 0,
          !generator.running());
    }
  }
}
