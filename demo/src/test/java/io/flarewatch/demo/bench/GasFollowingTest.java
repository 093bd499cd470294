package io.flarewatch.demo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.edge.config.LoadControlConfig;
import io.flarewatch.edge.control.ControlDecision;
import io.flarewatch.edge.control.MinerChange;
import io.flarewatch.simulator.GasProfile;
import io.flarewatch.simulator.ManualClock;
import io.flarewatch.simulator.MinerState;
import io.flarewatch.simulator.PlantCounters;
import io.flarewatch.simulator.SimulatorConfig;
import io.flarewatch.simulator.SitePlant;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The edge's load loop against the simulated plant on a fast clock, one scripted gas profile at a
 * time: 50 miners, 6 h of site time, the benchmark's site (the gas carries 90 % of the miners'
 * demand at the profile's base), the loop every 10 s with its default settings.
 */
class GasFollowingTest {

  private static final int MINERS = 50;
  private static final Duration SPAN = Duration.ofHours(6);
  private static final long SEED = 7;

  private static PlantLoop loop(GasProfile profile) {
    SimulatorConfig site = LoadFollowingBenchmark.site(profile, MINERS, SEED, SPAN);
    SitePlant plant = SitePlant.create(site, new ManualClock(SitePlant.DEFAULT_START));
    return new PlantLoop(
        plant,
        PlantLoop.Rule.LOAD_LOOP,
        LoadFollowingBenchmark.PERIOD,
        PlantLoop.loopSettingsFor(site.physics()),
        0);
  }

  @ParameterizedTest
  @EnumSource(
      value = GasProfile.class,
      names = {"STEADY", "SLOW_DECLINE", "SLUGGING", "SUDDEN_DROP", "SHUT_IN_RECOVERY"})
  void theLoopFollowsTheGasWithoutTripsOrFlaps(GasProfile profile) {
    PlantLoop loop = loop(profile);
    loop.run(SPAN);
    PlantCounters counters = loop.plant().counters();
    System.out.printf(
        "%s: trips %d, gas used %.1f %%, flared %.0f scf, %.0f TH/s x h, %d changes%n",
        profile,
        counters.trips(),
        100 * counters.burnedFraction(),
        counters.flaredScf(),
        counters.hashrateThHours(),
        loop.changes().size());

    if (profile == GasProfile.SHUT_IN_RECOVERY) {
      assertEquals(1, counters.trips(), "the shut-in itself trips the engine, nothing after it");
    } else {
      assertEquals(0, counters.trips(), "no engine trip");
      assertTrue(
          counters.burnedFraction() >= 0.95,
          "at least 95 % of the gas burned: " + counters.burnedFraction());
    }
    assertTrue(counters.gasToEngineScf() > 0 && counters.hashrateThHours() > 0);
    assertEquals(
        counters.gasAvailableScf() - counters.gasToEngineScf(), counters.flaredScf(), 1e-6);
    assertNoFlaps(loop.changes(), PlantLoop.loopSettingsFor(loop.plant().config().physics()));
  }

  /** A miner the loop changed is not changed again before its dwell time passed. */
  private static void assertNoFlaps(List<PlantLoop.Change> changes, LoadControlConfig settings) {
    Map<String, Instant> last = new HashMap<>();
    for (PlantLoop.Change change : changes) {
      Instant before = last.put(change.minerId(), change.at());
      if (before != null) {
        assertFalse(
            change.at().isBefore(before.plus(settings.minDwell())),
            change.minerId() + " changed at " + before + " and again at " + change.at());
      }
    }
  }

  @Test
  void aMinerACommandHoldsIsLeftAloneAndTheDecisionsSaySo() {
    PlantLoop loop = loop(GasProfile.SUDDEN_DROP);
    Instant until = loop.plant().now().plus(Duration.ofHours(4));
    List<String> held = List.of("miner-0001", "miner-0002", "miner-0003");
    held.forEach(id -> loop.hold(id, until));
    loop.operatorSleep("miner-0003");

    loop.run(Duration.ofHours(2));

    assertTrue(
        loop.changes().stream().noneMatch(c -> held.contains(c.minerId())),
        "the loop never touched a held miner");
    assertTrue(loop.plant().miners().get(2).state() == MinerState.SLEEPING, "still asleep");
    assertTrue(
        loop.decisions().stream()
            .allMatch(d -> d.overridden().containsAll(held) && d.overridden().size() == 3));
    assertTrue(
        loop.decisions().stream().anyMatch(d -> d.reason().equals(ControlDecision.OVERRIDE)),
        "a cycle with nothing else to do says override");
    assertTrue(
        loop.decisions().stream()
            .anyMatch(
                d ->
                    d.reason().equals(ControlDecision.SHED_GAS)
                        && d.changes().stream()
                            .allMatch(c -> c.action() == MinerChange.Action.SLEEP)),
        "the loop still sheds the other miners at the drop");
    assertEquals(0, loop.plant().counters().trips());
  }

  @Test
  void whenTheHoldEndsTheLoopTakesTheMinerBackAfterItsDwell() {
    PlantLoop loop = loop(GasProfile.STEADY);
    Instant until = loop.plant().now().plus(Duration.ofMinutes(30));
    loop.hold("miner-0001", until);
    loop.operatorSleep("miner-0001");

    loop.run(Duration.ofHours(2));

    List<PlantLoop.Change> first =
        loop.changes().stream().filter(c -> c.minerId().equals("miner-0001")).toList();
    assertFalse(first.isEmpty(), "the loop takes the miner back in the end");
    assertFalse(
        first.get(0).at().isBefore(until.plus(Duration.ofSeconds(300))),
        "not before the hold ended and the dwell passed: " + first.get(0).at());
  }
}
