package io.flarewatch.wire.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ramp: no window of one step sees more than the load step, and a stagger only slows. */
class RampPlannerTest {

  private static final Duration STEP = Duration.ofSeconds(5);

  private static List<RampPlanner.Load> miners(double... watts) {
    List<RampPlanner.Load> loads = new ArrayList<>();
    for (int i = 0; i < watts.length; i++) {
      loads.add(new RampPlanner.Load("m-" + i, watts[i]));
    }
    return loads;
  }

  @Test
  void groupsMinersUpToTheStepOneGroupEveryStep() {
    RampPlanner planner = new RampPlanner(10_000, STEP);
    Map<String, Long> plan =
        planner.plan(miners(3_000, 3_000, 3_000, 3_000, 3_000, 3_000, 3_000), Duration.ZERO);
    assertEquals(
        Map.of(
            "m-0", 0L, "m-1", 0L, "m-2", 0L, "m-3", 5_000L, "m-4", 5_000L, "m-5", 5_000L, "m-6",
            10_000L),
        plan);
  }

  @Test
  void aMinerAboveTheStepIsActedOnAloneInItsWindow() {
    RampPlanner planner = new RampPlanner(2_000, STEP);
    Map<String, Long> plan = planner.plan(miners(1_000, 3_500, 1_000), Duration.ZERO);
    assertEquals(Map.of("m-0", 0L, "m-1", 5_000L, "m-2", 10_000L), plan);
  }

  @Test
  void aStaggerSpreadsTheMinersEvenlyWhenTheRampAllowsIt() {
    RampPlanner planner = new RampPlanner(100_000, STEP);
    Map<String, Long> plan = planner.plan(miners(3_000, 3_000, 3_000, 3_000, 3_000), seconds(60));
    assertEquals(
        Map.of("m-0", 0L, "m-1", 15_000L, "m-2", 30_000L, "m-3", 45_000L, "m-4", 60_000L), plan);
  }

  @Test
  void aStaggerShorterThanTheRampChangesNothing() {
    RampPlanner planner = new RampPlanner(3_000, STEP);
    List<RampPlanner.Load> loads = miners(3_000, 3_000, 3_000, 3_000);
    assertEquals(planner.plan(loads, Duration.ZERO), planner.plan(loads, seconds(2)));
  }

  @Test
  void randomFleetsNeverExceedTheStepInAnyWindowAndAStaggerOnlyDelays() {
    Random random = new Random(42);
    for (int round = 0; round < 500; round++) {
      int count = 1 + random.nextInt(60);
      double[] watts = new double[count];
      for (int i = 0; i < count; i++) {
        watts[i] = random.nextInt(10) == 0 ? 0 : 500 + random.nextInt(4_000);
      }
      double maxStep = 1_000 + random.nextInt(20_000);
      Duration step = Duration.ofMillis(1_000 + random.nextInt(10_000));
      Duration stagger = Duration.ofMillis(random.nextInt(3) == 0 ? 0 : random.nextInt(600_000));
      RampPlanner planner = new RampPlanner(maxStep, step);
      List<RampPlanner.Load> loads = miners(watts);
      Map<String, Long> ramp = planner.plan(loads, Duration.ZERO);
      Map<String, Long> staggered = planner.plan(loads, stagger);
      String where = "round " + round;
      assertWithinStep(loads, ramp, maxStep, step.toMillis(), where);
      assertWithinStep(loads, staggered, maxStep, step.toMillis(), where + " staggered");
      long previous = 0;
      for (int i = 0; i < count; i++) {
        String miner = loads.get(i).miner();
        assertTrue(staggered.get(miner) >= ramp.get(miner), where + ": stagger brought forward");
        assertTrue(ramp.get(miner) >= previous, where + ": miners out of order");
        previous = ramp.get(miner);
        long spread = count < 2 ? 0 : Math.round((double) stagger.toMillis() * i / (count - 1));
        assertTrue(staggered.get(miner) >= spread, where + ": earlier than the stagger");
      }
    }
  }

  /** Every window [t, t + step) holds at most maxStep watts, or a single miner. */
  private static void assertWithinStep(
      List<RampPlanner.Load> loads,
      Map<String, Long> plan,
      double maxStep,
      long step,
      String where) {
    assertEquals(loads.size(), plan.size(), where);
    for (RampPlanner.Load first : loads) {
      long from = plan.get(first.miner());
      double sum = 0;
      int inWindow = 0;
      for (RampPlanner.Load other : loads) {
        long at = plan.get(other.miner());
        if (at >= from && at < from + step) {
          sum += other.watts();
          inWindow++;
        }
      }
      assertTrue(
          sum <= maxStep || inWindow == 1,
          where + ": " + sum + " W within " + step + " ms from " + from + " (max " + maxStep + ")");
    }
  }

  @Test
  void refusesWhatCannotBePlanned() {
    assertThrows(IllegalArgumentException.class, () -> new RampPlanner(0, STEP));
    assertThrows(IllegalArgumentException.class, () -> new RampPlanner(1_000, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new RampPlanner.Load("m-1", -1));
    RampPlanner planner = new RampPlanner(1_000, STEP);
    assertThrows(
        IllegalArgumentException.class, () -> planner.plan(miners(1, 1), Duration.ofSeconds(-1)));
    List<RampPlanner.Load> twice =
        List.of(new RampPlanner.Load("m-1", 1), new RampPlanner.Load("m-1", 1));
    assertThrows(IllegalArgumentException.class, () -> planner.plan(twice, Duration.ZERO));
  }

  private static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }
}
