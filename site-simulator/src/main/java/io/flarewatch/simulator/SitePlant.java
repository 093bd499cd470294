package io.flarewatch.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The site's physics in process, without a network: step site time, read the generator, gas and
 * miners, sleep / wake / power-limit miners, and read the {@link PlantCounters}. An hour of site
 * time in 1 s ticks takes about a second for a hundred miners.
 *
 * <p>{@link #create(SimulatorConfig)} makes a plant of its own on a {@link ManualClock}; {@link
 * SiteSimulator#plant()} gives the running simulator's, so what the network serves (miner APIs,
 * Modbus) and what the plant reads are the same state. Thread-safe (every call takes the model's
 * lock). Commands given here take effect at once, as the miners' own API commands do, but skip the
 * command faults of {@link FaultInjector}.
 */
public final class SitePlant {
  /** Where a plant of its own starts its clock. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final SiteModel model;
  private final Clock clock;
  private final SimulatorConfig config;

  SitePlant(SiteModel model, Clock clock, SimulatorConfig config) {
    this.model = model;
    this.clock = clock;
    this.config = config;
  }

  /** A plant on a {@link ManualClock} of its own starting at {@link #DEFAULT_START}. */
  public static SitePlant create(SimulatorConfig config) {
    return create(config, new ManualClock(DEFAULT_START));
  }

  /** A plant on {@code clock}; {@link #step} moves it. */
  public static SitePlant create(SimulatorConfig config, ManualClock clock) {
    return new SitePlant(new SiteModel(config, clock), clock, config);
  }

  public SimulatorConfig config() {
    return config;
  }

  /**
   * Moves site time forward by {@code d} and computes every tick up to it.
   *
   * @throws IllegalStateException when the plant follows a clock other than a {@link ManualClock}
   */
  public void step(Duration d) {
    if (!(clock instanceof ManualClock manual)) {
      throw new IllegalStateException(
          "step needs a simulator started on a ManualClock; this one follows " + clock);
    }
    manual.advance(d);
    model.tick();
  }

  /** The clock's instant. */
  public Instant now() {
    return clock.instant();
  }

  /** Site time since the start. */
  public Duration elapsed() {
    return Duration.between(model.start(), clock.instant());
  }

  /** The current tick. */
  public long tick() {
    return model.tick();
  }

  /** The whole site during the current tick. */
  public SiteSnapshot snapshot() {
    return model.snapshot();
  }

  public GeneratorReading generator() {
    return model.generator();
  }

  /** Gas arriving from the well during the current tick, Mscf/d. */
  public double gasSupplyMscfd() {
    return model.snapshot().gasSupplyMscfd();
  }

  public GasMeterReading gensetFuelMeter() {
    return model.gasMeter(SimulatorConfig.GENSET_FUEL_METER);
  }

  public GasMeterReading flareMeter() {
    return model.gasMeter(SimulatorConfig.FLARE_METER);
  }

  /** Every miner, in id order. */
  public List<MinerReading> miners() {
    return model.snapshot().miners();
  }

  /** Counters since the start: trips, gas available / burned / flared, TH·h, kWh. */
  public PlantCounters counters() {
    return model.counters();
  }

  /**
   * Puts a miner to sleep at once. False (and nothing done) when it does not answer: unpowered or
   * booting.
   */
  public boolean sleep(String minerId) {
    return command(
        minerId,
        m -> {
          m.sleepWakeCommands++;
          m.sleep();
        });
  }

  /** Wakes a miner (it mines from the next tick). False when it does not answer. */
  public boolean wake(String minerId) {
    return command(
        minerId,
        m -> {
          m.sleepWakeCommands++;
          m.wake();
        });
  }

  /**
   * Caps a miner's draw at {@code watts} from the next tick (hashrate lowered to fit), any flavour;
   * 0 clears the cap. False when it does not answer.
   */
  public boolean setPowerLimit(String minerId, int watts) {
    if (watts < 0) {
      throw new IllegalArgumentException("power limit must be >= 0 W, got " + watts);
    }
    return command(minerId, m -> m.powerLimitWatts = watts);
  }

  private boolean command(String minerId, java.util.function.Consumer<MinerModel> action) {
    int index = MinerIds.indexOf(minerId);
    if (index < 0 || index >= model.minerCount()) {
      throw new IllegalArgumentException("no miner " + minerId);
    }
    return model.withMiner(
        index,
        (m, tick, now) -> {
          if (!m.answers()) {
            return false;
          }
          action.accept(m);
          return true;
        });
  }
}
