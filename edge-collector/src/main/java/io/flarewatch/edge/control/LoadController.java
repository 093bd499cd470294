package io.flarewatch.edge.control;

import io.flarewatch.edge.config.LoadControlConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The site's gas-following loop, one decision per cycle, with no I/O of its own: what the gas can
 * carry ({@code gas × HHV ÷ heat rate}, at most the rating), less the margin, is the target load.
 *
 * <ul>
 *   <li>Shedding is immediate and unlimited: taking load off never trips a gas engine, while
 *       running it short of fuel does. Miners past their dwell time go first, in priority order;
 *       miners inside it only when that is not enough (the engine comes before the dwell).
 *   <li>Load is added at most {@code addStepKw} per {@code addIntervalSeconds}, only when the gas
 *       has stayed up for that long (the lowest reading of the window counts) and the headroom is
 *       at least {@code hysteresisKw}, and only to miners past their dwell time.
 *   <li>A generator alarm (low gas pressure, high coolant, overload) sheds {@code alarmShedPercent}
 *       of the load at once and again every {@code addIntervalSeconds} while it lasts; no load is
 *       added meanwhile. An engine trip sheds every miner, so the restart meets no load.
 *   <li>A miner held by an operator's command is never touched until the command expires (its draw
 *       still counts); then its dwell time starts.
 * </ul>
 *
 * <p>A change asked for is assumed made until the miner shows it or {@link #CONFIRM_WITHIN} passes,
 * so a slow read-back does not make the loop act twice. Not thread-safe: one caller.
 */
public final class LoadController {

  /** How long a change asked for counts as made while the miner does not yet show it. */
  static final Duration CONFIRM_WITHIN = Duration.ofSeconds(90);

  /** How long after a change the generator's output is not compared with the miners' draw. */
  static final Duration SETTLE = Duration.ofSeconds(30);

  private record Pending(boolean running, Instant at) {}

  private record GasReading(Instant at, double targetKw) {}

  private final LoadControlConfig config;
  private final Map<String, Instant> lastChange = new HashMap<>();
  private final Map<String, Pending> pending = new HashMap<>();
  private final Deque<GasReading> window = new ArrayDeque<>();
  private Set<String> overriddenBefore = Set.of();
  private Instant lastAdd;
  private Instant lastAlarmShed;
  private double overhead = 1.0;
  private Instant lastAnyChange;

  public LoadController(LoadControlConfig config) {
    if (config.ratedKw() == null) {
      throw new IllegalArgumentException("the load loop needs the generator's ratedKw");
    }
    this.config = config;
  }

  /** One cycle: what to change, and why. */
  public ControlDecision decide(ControlInputs in) {
    Instant now = in.at();
    List<ControlledMiner> miners = new ArrayList<>(in.miners().size());
    List<String> overridden = new ArrayList<>();
    List<ControlledMiner> controllable = new ArrayList<>();
    for (ControlledMiner reported : in.miners()) {
      ControlledMiner miner = expected(reported, now);
      miners.add(miner);
      Instant until = in.overrides().get(miner.id());
      if (until != null && until.isAfter(now)) {
        overridden.add(miner.id());
      } else if (miner.online()) {
        controllable.add(miner);
      }
    }
    releaseOverrides(overridden, now);
    measureOverhead(in);
    double loadKw = overhead * miners.stream().mapToDouble(ControlledMiner::drawKw).sum();

    double capacityKw = 0;
    double targetKw = 0;
    if (in.gasScfh() != null) {
      capacityKw = Math.min(config.ratedKw(), config.kwFromGas(in.gasScfh()));
      targetKw = capacityKw * (1 - config.marginPercent() / 100);
      window.addLast(new GasReading(now, targetKw));
    }
    while (!window.isEmpty() && window.peekFirst().at().isBefore(now.minus(config.addInterval()))) {
      window.removeFirst();
    }

    Plan plan = new Plan(controllable, now, loadKw);
    String reason;
    if (in.alarms().contains(GeneratorAlarm.ENGINE_TRIP)) {
      plan.shed(Double.NEGATIVE_INFINITY);
      lastAdd = now;
      reason = ControlDecision.ENGINE_TRIP;
    } else if (!in.alarms().isEmpty()) {
      GeneratorAlarm alarm =
          in.alarms().stream().min(Comparator.comparing(GeneratorAlarm::ordinal)).orElseThrow();
      if (lastAlarmShed == null || !now.isBefore(lastAlarmShed.plus(config.addInterval()))) {
        plan.shed(plan.loadKw * (1 - config.alarmShedPercent() / 100));
        lastAlarmShed = now;
      }
      if (in.gasScfh() != null) {
        plan.shed(targetKw);
      }
      reason = ControlDecision.alarm(alarm);
    } else {
      lastAlarmShed = null;
      if (in.gasScfh() == null) {
        reason = ControlDecision.NO_GAS_READING;
      } else if (plan.loadKw > targetKw) {
        plan.shed(targetKw);
        reason = ControlDecision.SHED_GAS;
      } else if (mayAdd(now) && plan.add(addTargetKw()) > 0) {
        lastAdd = now;
        reason = ControlDecision.ADD_GAS;
      } else {
        reason = overridden.isEmpty() ? ControlDecision.HOLD : ControlDecision.OVERRIDE;
      }
    }
    for (MinerChange change : plan.changes) {
      lastChange.put(change.minerId(), now);
      lastAnyChange = now;
    }
    return new ControlDecision(
        now, reason, in.gasScfh(), capacityKw, targetKw, plan.loadKw, plan.changes, overridden);
  }

  /** The reported miner, or as last asked while the change is not yet shown. */
  private ControlledMiner expected(ControlledMiner reported, Instant now) {
    Pending asked = pending.get(reported.id());
    if (asked == null) {
      return reported;
    }
    if (asked.running() == reported.running() || !now.isBefore(asked.at().plus(CONFIRM_WITHIN))) {
      pending.remove(reported.id());
      return reported;
    }
    return new ControlledMiner(
        reported.id(),
        reported.online(),
        asked.running(),
        reported.fullKw(),
        reported.curtailedKw(),
        reported.joulesPerTh(),
        reported.curtailBy());
  }

  /** A miner whose command has just expired starts its dwell time now. */
  private void releaseOverrides(List<String> overridden, Instant now) {
    Set<String> current = new HashSet<>(overridden);
    for (String id : overriddenBefore) {
      if (!current.contains(id)) {
        lastChange.put(id, now);
        pending.remove(id);
      }
    }
    overriddenBefore = current;
  }

  /**
   * The site's own load beside the miners (auxiliaries), as a factor of the miners' draw (1 to
   * 1.3), measured when every miner answered and nothing changed for {@link #SETTLE}: right after a
   * change the generator's reading may still show the load before it.
   */
  private void measureOverhead(ControlInputs in) {
    double minersKw = in.miners().stream().mapToDouble(ControlledMiner::drawKw).sum();
    boolean settled =
        pending.isEmpty()
            && (lastAnyChange == null || !in.at().isBefore(lastAnyChange.plus(SETTLE)));
    if (settled
        && in.generatorKw() != null
        && in.generatorKw() > 0
        && in.miners().stream().allMatch(ControlledMiner::online)
        && minersKw > 0.05 * config.ratedKw()
        && !in.alarms().contains(GeneratorAlarm.ENGINE_TRIP)) {
      overhead = Math.max(1.0, Math.min(1.3, in.generatorKw() / minersKw));
    }
  }

  private boolean mayAdd(Instant now) {
    return lastAdd == null || !now.isBefore(lastAdd.plus(config.addInterval()));
  }

  /** The lowest target of the window: load follows gas only once it stayed up. */
  private double addTargetKw() {
    return window.stream().mapToDouble(GasReading::targetKw).min().orElse(0);
  }

  private boolean pastDwell(String id, Instant now) {
    Instant changed = lastChange.get(id);
    return changed == null || !now.isBefore(changed.plus(config.minDwell()));
  }

  /** Shed order: least efficient (or highest id) first; waking goes the other way round. */
  private Comparator<ControlledMiner> shedOrder() {
    Comparator<ControlledMiner> byId =
        Comparator.comparing(ControlledMiner::id, Comparator.reverseOrder());
    if (config.priority() == LoadControlConfig.Priority.ID) {
      return byId;
    }
    return Comparator.<ControlledMiner>comparingDouble(
            m -> m.joulesPerTh() == null ? Double.POSITIVE_INFINITY : m.joulesPerTh())
        .reversed()
        .thenComparing(byId);
  }

  /** The changes of one cycle and the load they leave. */
  private final class Plan {
    private final List<ControlledMiner> controllable;
    private final Instant now;
    private final List<MinerChange> changes = new ArrayList<>();
    private final Set<String> changed = new HashSet<>();
    private double loadKw;

    Plan(List<ControlledMiner> controllable, Instant now, double loadKw) {
      this.controllable = controllable;
      this.now = now;
      this.loadKw = loadKw;
    }

    /** Sheds until the load is at most {@code targetKw}: past their dwell first, then the rest. */
    void shed(double targetKw) {
      List<ControlledMiner> running =
          controllable.stream()
              .filter(m -> m.running() && !changed.contains(m.id()))
              .sorted(shedOrder())
              .toList();
      for (boolean dwellDone : new boolean[] {true, false}) {
        for (ControlledMiner miner : running) {
          if (loadKw <= targetKw) {
            return;
          }
          if (pastDwell(miner.id(), now) == dwellDone && !changed.contains(miner.id())) {
            change(miner, false);
          }
        }
      }
    }

    /** Wakes miners past their dwell, best first, within the step; returns the kW added. */
    double add(double targetKw) {
      double budget = Math.min(config.addStepKw(), targetKw - loadKw);
      if (budget < config.hysteresisKw() || budget <= 0) {
        return 0;
      }
      double added = 0;
      List<ControlledMiner> curtailed =
          controllable.stream()
              .filter(m -> !m.running() && pastDwell(m.id(), now))
              .sorted(shedOrder().reversed())
              .toList();
      for (ControlledMiner miner : curtailed) {
        double kw = miner.swingKw() * overhead;
        if (added + kw <= budget) {
          change(miner, true);
          added += kw;
        }
      }
      return added;
    }

    private void change(ControlledMiner miner, boolean wake) {
      double swing = miner.swingKw() * overhead;
      loadKw += wake ? swing : -swing;
      changed.add(miner.id());
      pending.put(miner.id(), new Pending(wake, now));
      changes.add(
          switch (miner.curtailBy()) {
            case SLEEP ->
                new MinerChange(
                    miner.id(), wake ? MinerChange.Action.WAKE : MinerChange.Action.SLEEP, 0);
            case POWER_LIMIT ->
                new MinerChange(
                    miner.id(),
                    MinerChange.Action.POWER_LIMIT,
                    1000 * (wake ? miner.fullKw() : miner.curtailedKw()));
          });
    }
  }
}
