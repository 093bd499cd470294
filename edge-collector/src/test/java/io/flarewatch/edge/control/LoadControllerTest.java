package io.flarewatch.edge.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.edge.config.LoadControlConfig;
import io.flarewatch.edge.control.ControlledMiner.CurtailBy;
import io.flarewatch.edge.control.MinerChange.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The loop on its own: a site of 30 miners of 3 kW (J/TH 20 to 49) on a 100 kW generator. */
class LoadControllerTest {

  private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
  private static final double HEAT_RATE = 9_500;
  private static final double HHV = 1_242.5;

  /** margin 3 %, step 10 kW per 60 s, hysteresis 2 kW, dwell 300 s, alarm block 20 %. */
  private final LoadControlConfig config =
      new LoadControlConfig(true, 100.0, HEAT_RATE, HHV, 3.0, 10.0, 60, 2.0, 300, 20.0, null, null);

  private final Map<String, ControlledMiner> miners = new LinkedHashMap<>();
  private final LoadController loop = new LoadController(config);
  private Instant now = T0;

  LoadControllerTest() {
    for (int i = 0; i < 30; i++) {
      String id = String.format("m-%02d", i);
      miners.put(id, new ControlledMiner(id, true, true, 3, 0.01, 20.0 + i, CurtailBy.SLEEP));
    }
  }

  private static double scfhFor(double kw) {
    return kw * HEAT_RATE / HHV;
  }

  private ControlDecision cycle(double gasKw) {
    return cycle(gasKw, Set.of(), Map.of());
  }

  /** One cycle 10 s after the last; the miners then show what was asked. */
  private ControlDecision cycle(
      double gasKw, Set<GeneratorAlarm> alarms, Map<String, Instant> overrides) {
    now = now.plusSeconds(10);
    double load = miners.values().stream().mapToDouble(ControlledMiner::drawKw).sum();
    ControlDecision decision =
        loop.decide(
            new ControlInputs(
                now, scfhFor(gasKw), load, alarms, List.copyOf(miners.values()), overrides));
    for (MinerChange change : decision.changes()) {
      ControlledMiner m = miners.get(change.minerId());
      boolean running =
          change.action() == Action.WAKE
              || (change.action() == Action.POWER_LIMIT && change.watts() >= m.fullKw() * 1000);
      miners.put(
          m.id(),
          new ControlledMiner(
              m.id(), true, running, m.fullKw(), m.curtailedKw(), m.joulesPerTh(), m.curtailBy()));
    }
    return decision;
  }

  private double loadKw() {
    return miners.values().stream().mapToDouble(ControlledMiner::drawKw).sum();
  }

  private long running() {
    return miners.values().stream().filter(ControlledMiner::running).count();
  }

  @Test
  void aDropInGasIsShedAtOnceLeastEfficientFirst() {
    assertEquals(ControlDecision.HOLD, cycle(100).reason(), "90 kW fit 97 kW");

    ControlDecision shed = cycle(60);

    assertEquals(ControlDecision.SHED_GAS, shed.reason());
    assertEquals(58.2, shed.targetKw(), 1e-9, "60 kW less 3 %");
    assertTrue(loadKw() <= 58.2, "shed in one cycle to the target: " + loadKw());
    assertEquals(19, running(), "19 miners of 3 kW fit 58.2 kW");
    assertEquals(
        List.of("m-29", "m-28", "m-27"),
        shed.changes().subList(0, 3).stream().map(MinerChange::minerId).toList(),
        "highest J/TH first");
    assertTrue(shed.changes().stream().allMatch(c -> c.action() == Action.SLEEP));
  }

  @Test
  void loadReturnsInStepsOnlyAfterTheGasStayedUpAndTheDwellPassed() {
    cycle(100);
    cycle(30);
    assertEquals(9, running());
    List<Long> runningEachCycle = new ArrayList<>();
    Instant firstAdd = null;
    for (int i = 0; i < 90; i++) {
      ControlDecision d = cycle(100);
      runningEachCycle.add(running());
      assertTrue(d.changes().size() <= 3, "at most 10 kW (three miners) a step");
      if (d.reason().equals(ControlDecision.ADD_GAS) && firstAdd == null) {
        firstAdd = now;
      }
    }
    assertEquals(
        T0.plusSeconds(20 + 300),
        firstAdd,
        "the miners slept at 20 s wake after their 300 s dwell, the gas having been up 60 s");
    assertEquals(30, running(), "all back within the 15 minutes");
    for (int i = 1; i < runningEachCycle.size(); i++) {
      assertTrue(runningEachCycle.get(i) >= runningEachCycle.get(i - 1), "never shed meanwhile");
    }
  }

  @Test
  void aGeneratorReadingThatLagsTheMinersDoesNotShedTwice() {
    cycle(100);
    cycle(60);
    assertEquals(19, running());
    now = now.plusSeconds(10);
    ControlDecision next =
        loop.decide(
            new ControlInputs(
                now, scfhFor(60), 90.0, Set.of(), List.copyOf(miners.values()), Map.of()));

    assertTrue(next.changes().isEmpty(), "the generator still shows 90 kW: " + next.changes());
  }

  @Test
  void headroomBelowTheHysteresisAddsNothing() {
    miners.replaceAll(
        (id, m) ->
            id.compareTo("m-10") >= 0
                ? new ControlledMiner(id, true, false, 3, 0.01, m.joulesPerTh(), m.curtailBy())
                : m);
    // 10 running = 30 kW (+0.2 asleep); target 31.53 kW leaves 1.33 kW: less than one miner and
    // less than the 2 kW hysteresis
    for (int i = 0; i < 40; i++) {
      assertEquals(ControlDecision.HOLD, cycle(32.5).reason());
    }
    assertEquals(10, running());
  }

  @Test
  void aMinerHeldByACommandIsNotTouchedAndTheDecisionSaysSo() {
    Map<String, Instant> held = Map.of("m-29", now.plus(Duration.ofMinutes(5)));

    ControlDecision shed = cycle(60, Set.of(), held);

    assertTrue(miners.get("m-29").running(), "the least efficient miner is held by a command");
    assertEquals(List.of("m-29"), shed.overridden());
    assertEquals("m-28", shed.changes().get(0).minerId());
    ControlDecision quiet = cycle(60, Set.of(), held);
    assertEquals(ControlDecision.OVERRIDE, quiet.reason(), "nothing to do, one miner held");
  }

  @Test
  void aMinerHeldAsleepIsNotWokenUntilItsCommandExpiredAndItsDwellPassed() {
    miners.put("m-00", new ControlledMiner("m-00", true, false, 3, 0.01, 20.0, CurtailBy.SLEEP));
    Instant expires = now.plusSeconds(120);
    Map<String, Instant> held = Map.of("m-00", expires);
    Instant woken = null;
    for (int i = 0; i < 60 && woken == null; i++) {
      ControlDecision d = cycle(100, Set.of(), held);
      if (d.changes().stream().anyMatch(c -> c.minerId().equals("m-00"))) {
        woken = now;
      }
    }
    assertTrue(woken != null, "woken in the end");
    assertFalse(woken.isBefore(expires.plusSeconds(300)), "not before expiry + dwell: " + woken);
  }

  @Test
  void anAlarmShedsABlockAtOnceAndAddsNothingWhileItLasts() {
    cycle(100);
    double before = loadKw();

    ControlDecision d = cycle(100, Set.of(GeneratorAlarm.HIGH_COOLANT_TEMP), Map.of());

    assertEquals("alarm_high_coolant_temp", d.reason());
    assertTrue(loadKw() <= before * 0.8, "20 % shed: " + before + " -> " + loadKw());
    double after = loadKw();
    for (int i = 0; i < 5; i++) {
      cycle(100, Set.of(GeneratorAlarm.HIGH_COOLANT_TEMP), Map.of());
    }
    assertEquals(after, loadKw(), 1e-9, "nothing added, and no second block within 60 s");
  }

  @Test
  void anEngineTripShedsEveryMinerSoTheRestartMeetsNoLoad() {
    ControlDecision d = cycle(100, Set.of(GeneratorAlarm.ENGINE_TRIP), Map.of());

    assertEquals(ControlDecision.ENGINE_TRIP, d.reason());
    assertEquals(0, running());
  }

  @Test
  void firmwareThatOnlyTakesAPowerLimitIsHeldAtItsLowestLimit() {
    miners.replaceAll(
        (id, m) ->
            new ControlledMiner(id, true, true, 3, 1.2, m.joulesPerTh(), CurtailBy.POWER_LIMIT));

    ControlDecision d = cycle(60);

    MinerChange first = d.changes().get(0);
    assertEquals(Action.POWER_LIMIT, first.action());
    assertEquals(1200, first.watts(), 1e-9);
    assertTrue(loadKw() <= 58.2);
  }

  @Test
  void aMinerThatDoesNotAnswerIsNotTouchedButItsLoadCounts() {
    miners.replaceAll(
        (id, m) ->
            id.compareTo("m-20") >= 0
                ? new ControlledMiner(id, false, true, 3, 0.01, m.joulesPerTh(), m.curtailBy())
                : m);

    ControlDecision d = cycle(60);

    assertTrue(d.changes().stream().noneMatch(c -> c.minerId().compareTo("m-20") >= 0));
    assertEquals(11, d.changes().size(), "90 kW counted: 19 left mining, 10 of them silent");
    assertTrue(d.loadKw() <= 58.2);
  }

  @Test
  void withoutAGasReadingNothingIsAdded() {
    miners.replaceAll(
        (id, m) -> new ControlledMiner(id, true, false, 3, 0.01, m.joulesPerTh(), m.curtailBy()));
    now = now.plusSeconds(10);
    ControlDecision d =
        loop.decide(
            new ControlInputs(now, null, 0.3, Set.of(), List.copyOf(miners.values()), Map.of()));
    assertEquals(ControlDecision.NO_GAS_READING, d.reason());
    assertTrue(d.changes().isEmpty());
  }
}
