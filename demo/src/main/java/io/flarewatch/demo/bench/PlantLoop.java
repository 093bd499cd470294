package io.flarewatch.demo.bench;

import io.flarewatch.edge.config.LoadControlConfig;
import io.flarewatch.edge.control.ControlDecision;
import io.flarewatch.edge.control.ControlInputs;
import io.flarewatch.edge.control.GeneratorAlarm;
import io.flarewatch.edge.control.LoadController;
import io.flarewatch.edge.control.MinerChange;
import io.flarewatch.edge.control.SiteReadings;
import io.flarewatch.simulator.GeneratorReading;
import io.flarewatch.simulator.MinerReading;
import io.flarewatch.simulator.MinerState;
import io.flarewatch.simulator.PhysicsConfig;
import io.flarewatch.simulator.SitePlant;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One way of running a simulated site's miners against its gas, on the in-process plant with its
 * fast clock: every {@code period} the rule reads the plant as the edge reads its devices (gas
 * meters, generator alarm word, miners) and acts on the miners, then the plant steps on.
 *
 * <ul>
 *   <li>{@link Rule#NO_CONTROL}: every miner mines, whatever the gas.
 *   <li>{@link Rule#NAIVE_THRESHOLD}: every miner sleeps while the gas is below a threshold, and
 *       every miner wakes at or above it.
 *   <li>{@link Rule#LOAD_LOOP}: the edge's {@link LoadController}.
 * </ul>
 */
public final class PlantLoop {

  /** How the miners are run. */
  public enum Rule {
    NO_CONTROL("no control"),
    NAIVE_THRESHOLD("naive threshold"),
    LOAD_LOOP("load loop");

    private final String label;

    Rule(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** One change made to a miner. */
  public record Change(Instant at, String minerId, MinerChange.Action action) {}

  private static final String SITE = "plant";

  /** The simulator's alarm word, bit by bit. */
  private static final Map<GeneratorAlarm, Integer> ALARM_BITS =
      Map.of(
          GeneratorAlarm.ENGINE_TRIP, GeneratorReading.ALARM_ENGINE_TRIP,
          GeneratorAlarm.LOW_GAS_PRESSURE, GeneratorReading.ALARM_LOW_GAS_PRESSURE,
          GeneratorAlarm.OVERLOAD, GeneratorReading.ALARM_OVERLOAD,
          GeneratorAlarm.HIGH_COOLANT_TEMP, GeneratorReading.ALARM_HIGH_COOLANT_TEMP);

  private final SitePlant plant;
  private final Rule rule;
  private final Duration period;
  private final double naiveThresholdMscfd;
  private final LoadController controller;
  private final Map<String, Instant> overrides = new HashMap<>();
  private final SiteReadings readings;
  private final List<Change> changes = new ArrayList<>();
  private final List<ControlDecision> decisions = new ArrayList<>();

  /**
   * @param loop the loop's settings (used by {@link Rule#LOAD_LOOP})
   * @param naiveThresholdMscfd the threshold of {@link Rule#NAIVE_THRESHOLD}
   */
  public PlantLoop(
      SitePlant plant,
      Rule rule,
      Duration period,
      LoadControlConfig loop,
      double naiveThresholdMscfd) {
    this.plant = plant;
    this.rule = rule;
    this.period = period;
    this.naiveThresholdMscfd = naiveThresholdMscfd;
    this.controller = rule == Rule.LOAD_LOOP ? new LoadController(loop) : null;
    this.readings =
        new SiteReadings(loop, 2, plant.miners().stream().map(MinerReading::id).toList());
  }

  /** The loop's settings for the plant's generator and gas: every other setting its default. */
  public static LoadControlConfig loopSettingsFor(PhysicsConfig physics) {
    return new LoadControlConfig(
        true,
        physics.ratedKw(),
        physics.heatRateBtuPerKwh(),
        physics.gasHhvBtuPerScf(),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** An operator's command holds the miner until {@code until}: the loop leaves it alone. */
  public void hold(String minerId, Instant until) {
    overrides.put(minerId, until);
  }

  /** Sleeps a miner as an operator's command would (not counted as the rule's change). */
  public void operatorSleep(String minerId) {
    plant.sleep(minerId);
  }

  /** Runs for {@code span} of site time: the rule acts, then the plant steps one period. */
  public void run(Duration span) {
    Instant end = plant.now().plus(span);
    while (plant.now().isBefore(end)) {
      control();
      plant.step(period);
    }
  }

  public List<Change> changes() {
    return changes;
  }

  public List<ControlDecision> decisions() {
    return decisions;
  }

  public SitePlant plant() {
    return plant;
  }

  /** Gas the meters show arriving (engine fuel plus flare), Mscf/d. */
  private double gasMscfd() {
    return plant.gensetFuelMeter().flowRateMscfd() + plant.flareMeter().flowRateMscfd();
  }

  private void control() {
    switch (rule) {
      case NO_CONTROL -> {}
      case NAIVE_THRESHOLD -> {
        boolean enough = gasMscfd() >= naiveThresholdMscfd;
        for (MinerReading miner : plant.miners()) {
          if (enough && miner.state() == MinerState.SLEEPING) {
            act(new MinerChange(miner.id(), MinerChange.Action.WAKE, 0));
          } else if (!enough && miner.state() == MinerState.MINING) {
            act(new MinerChange(miner.id(), MinerChange.Action.SLEEP, 0));
          }
        }
      }
      case LOAD_LOOP -> {
        ControlDecision decision = controller.decide(inputs());
        decisions.add(decision);
        decision.changes().forEach(this::act);
      }
    }
  }

  private void act(MinerChange change) {
    boolean answered =
        switch (change.action()) {
          case SLEEP -> plant.sleep(change.minerId());
          case WAKE -> plant.wake(change.minerId());
          case POWER_LIMIT ->
              plant.setPowerLimit(change.minerId(), (int) Math.round(change.watts()));
        };
    if (answered) {
      changes.add(new Change(plant.now(), change.minerId(), change.action()));
    }
  }

  /** The plant's readings as the edge's points, read as the edge reads them. */
  private ControlInputs inputs() {
    long at = plant.now().toEpochMilli();
    List<Point> points = new ArrayList<>();
    points.add(meter("fuel", plant.gensetFuelMeter().flowRateMscfd(), at));
    points.add(meter("flare", plant.flareMeter().flowRateMscfd(), at));
    GeneratorReading generator = plant.generator();
    Point.Builder gen =
        Point.builder(Schema.GENERATOR, at)
            .tag(Schema.TAG_SITE, SITE)
            .tag(Schema.TAG_DEVICE, "generator")
            .field(Schema.FIELD_UP, 1L)
            .field(Schema.FIELD_GENERATOR_KW, generator.powerKw());
    for (Map.Entry<GeneratorAlarm, Integer> bit : ALARM_BITS.entrySet()) {
      gen.field(bit.getKey().field(), generator.alarm(bit.getValue()) ? 1.0 : 0.0);
    }
    points.add(gen.build());
    for (MinerReading miner : plant.miners()) {
      Point.Builder point =
          Point.builder(Schema.MINER, at)
              .tag(Schema.TAG_SITE, SITE)
              .tag(Schema.TAG_MINER, miner.id());
      boolean answers = miner.state() == MinerState.MINING || miner.state() == MinerState.SLEEPING;
      point.field(Schema.FIELD_UP, answers ? 1L : 0L);
      if (answers) {
        point
            .field(Schema.FIELD_STATE, miner.state() == MinerState.MINING ? "mining" : "sleeping")
            .field(Schema.FIELD_POWER_W, (double) miner.powerWatts())
            .field(Schema.FIELD_HASHRATE_THS, miner.hashrateThs());
      }
      points.add(point.build());
    }
    return readings.read(at, points, overrides);
  }

  private static Point meter(String device, double flowMscfd, long at) {
    return Point.builder(Schema.GAS_METER, at)
        .tag(Schema.TAG_SITE, SITE)
        .tag(Schema.TAG_DEVICE, device)
        .field(Schema.FIELD_UP, 1L)
        .field(SiteReadings.FLOW_RATE_MSCFD, flowMscfd)
        .build();
  }
}
