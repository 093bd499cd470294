package io.flarewatch.wire.command;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * When each miner of a command is acted on, so that the generator never sees a load step above what
 * it can take: within any window of {@code step}, the miners acted on draw at most {@code
 * maxStepWatts} together (a miner drawing more than that on its own is acted on alone in its
 * window: a step cannot be smaller than one miner). Without a stagger, miners go in groups, one
 * group every {@code step}; a stagger spreads the miners evenly over its duration and only ever
 * delays a miner, never brings one forward.
 *
 * <p>Pure: the same input gives the same plan. The miners are acted on in the order given.
 *
 * @param maxStepWatts the largest load step, watts, more than 0
 * @param step the window a load step is measured over, more than 0
 */
public record RampPlanner(double maxStepWatts, Duration step) {

  /**
   * One miner to act on and the power it switches, watts (its running draw).
   *
   * @param miner the miner's id
   * @param watts what sleeping or waking it changes in the generator's load, at least 0
   */
  public record Load(String miner, double watts) {
    public Load {
      Objects.requireNonNull(miner, "miner");
      if (!(watts >= 0) || Double.isInfinite(watts)) {
        throw new IllegalArgumentException("watts of " + miner + " must be >= 0, got " + watts);
      }
    }
  }

  public RampPlanner {
    if (!(maxStepWatts > 0) || Double.isInfinite(maxStepWatts)) {
      throw new IllegalArgumentException("maxStepWatts must be > 0, got " + maxStepWatts);
    }
    Objects.requireNonNull(step, "step");
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("step must be > 0, got " + step);
    }
  }

  /**
   * The plan: every miner's offset in milliseconds after the command's {@code notBefore}, in the
   * order given.
   *
   * @param stagger spread the miners evenly over this duration (zero: as fast as the ramp allows);
   *     the first miner is never later than the ramp allows, the last at the stagger's end at the
   *     earliest
   */
  public Map<String, Long> plan(List<Load> miners, Duration stagger) {
    Objects.requireNonNull(stagger, "stagger");
    if (stagger.isNegative()) {
      throw new IllegalArgumentException("stagger must be >= 0, got " + stagger);
    }
    long stepMillis = step.toMillis();
    long staggerMillis = stagger.toMillis();
    int count = miners.size();
    Map<String, Long> plan = new LinkedHashMap<>();
    // the miners acted on within the last step before the one being placed, and their offsets
    Deque<Load> windowLoads = new ArrayDeque<>();
    Deque<Long> window = new ArrayDeque<>();
    double windowSum = 0;
    long previous = 0;
    for (int i = 0; i < count; i++) {
      Load load = miners.get(i);
      if (plan.containsKey(load.miner())) {
        throw new IllegalArgumentException("miner " + load.miner() + " is listed twice");
      }
      long spread = count < 2 ? 0 : Math.round((double) staggerMillis * i / (count - 1));
      long offset = Math.max(previous, spread);
      while (true) {
        while (!window.isEmpty() && window.peekFirst() <= offset - stepMillis) {
          window.removeFirst();
          windowSum -= windowLoads.removeFirst().watts();
        }
        if (window.isEmpty() || windowSum + load.watts() <= maxStepWatts) {
          break;
        }
        // wait until the oldest miner of the window leaves it
        offset = window.peekFirst() + stepMillis;
      }
      window.addLast(offset);
      windowLoads.addLast(load);
      windowSum += load.watts();
      plan.put(load.miner(), offset);
      previous = offset;
    }
    return plan;
  }
}
