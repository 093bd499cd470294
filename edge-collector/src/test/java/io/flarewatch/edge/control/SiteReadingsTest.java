package io.flarewatch.edge.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.edge.config.LoadControlConfig;
import io.flarewatch.wire.LineProtocol;
import io.flarewatch.wire.LineProtocolParser;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SiteReadingsTest {

  private static final long T = 1_780_000_000_000L;

  private final SiteReadings readings =
      new SiteReadings(LoadControlConfig.enabledFor(1000), 2, List.of("m-1", "m-2", "m-3"));

  private static Point line(String text) {
    return LineProtocolParser.parse(text).get(0);
  }

  private final List<Point> cycle =
      List.of(
          line("gas_meter,device=fuel,role=genset_fuel_meter,site=s up=1i,flow_rate_mscfd=180 1"),
          line("gas_meter,device=flare,role=flare_meter,site=s up=1i,flow_rate_mscfd=60 1"),
          line("generator,device=gen,site=s up=1i,power_kw=950.5,low_gas_pressure=1,overload=0 1"),
          line("miner,miner=m-1,site=s up=1i,state=\"mining\",power_w=3250,hashrate_ths=100 1"),
          line("miner,miner=m-2,site=s up=1i,state=\"sleeping\" 1"),
          line("miner,miner=m-3,site=s up=0i,error=\"timeout\" 1"));

  @Test
  void gasGeneratorAlarmsAndMinersAreRead() {
    ControlInputs in = readings.read(T, cycle, Map.of());

    assertEquals(240_000.0 / 24, in.gasScfh(), 1e-9, "both meters, Mscf/d to scf/h");
    assertEquals(950.5, in.generatorKw());
    assertEquals(Set.of(GeneratorAlarm.LOW_GAS_PRESSURE), in.alarms());
    ControlledMiner mining = in.miners().get(0);
    assertTrue(mining.running());
    assertEquals(3.25, mining.fullKw(), 1e-9);
    assertEquals(32.5, mining.joulesPerTh(), 1e-9);
    ControlledMiner asleep = in.miners().get(1);
    assertFalse(asleep.running());
    assertEquals(3.3, asleep.fullKw(), 1e-9, "never seen mining: the configured default");
    assertNull(asleep.joulesPerTh());
    ControlledMiner silent = in.miners().get(2);
    assertFalse(silent.online());
    assertTrue(silent.running(), "never heard from: counted as mining");
  }

  @Test
  void aMinerThatStopsAnsweringCountsAsItLastAnswered() {
    readings.read(T, cycle, Map.of());
    List<Point> silent =
        List.of(
            line("miner,miner=m-1,site=s up=0i,error=\"timeout\" 2"),
            line("miner,miner=m-2,site=s up=0i,error=\"timeout\" 2"));

    ControlInputs in = readings.read(T + 10_000, silent, Map.of());

    assertEquals(3.25, in.miners().get(0).drawKw(), 1e-9, "was mining: its load still counts");
    assertEquals(0.01, in.miners().get(1).drawKw(), 1e-9, "was asleep");
    assertFalse(in.miners().get(0).online());
  }

  @Test
  void aMinerAsleepKeepsTheDrawItShowedWhenLastMining() {
    readings.read(T, cycle, Map.of());
    List<Point> later =
        List.of(line("miner,miner=m-1,site=s up=1i,state=\"sleeping\",power_w=10 2"));

    ControlledMiner m1 = readings.read(T + 10_000, later, Map.of()).miners().get(0);

    assertFalse(m1.running());
    assertEquals(3.25, m1.fullKw(), 1e-9);
    assertEquals(32.5, m1.joulesPerTh(), 1e-9);
  }

  @Test
  void theGasIsUnknownUnlessEveryMeterAnswered() {
    List<Point> oneMeter = List.of(cycle.get(0), cycle.get(2));
    assertNull(readings.read(T, oneMeter, Map.of()).gasScfh());
  }

  @Test
  void aDecisionIsAPointTheContractAccepts() {
    ControlDecision decision =
        new ControlDecision(
            Instant.ofEpochMilli(T),
            ControlDecision.SHED_GAS,
            10_000.0,
            1000,
            970,
            960.04,
            List.of(
                new MinerChange("m-1", MinerChange.Action.SLEEP, 0),
                new MinerChange("m-2", MinerChange.Action.POWER_LIMIT, 1200)),
            List.of("m-3"));

    Point point = ControlDecisionPoints.of("s", decision);

    assertNull(Schema.problem(point, T, 0));
    assertEquals(
        "control_decision,site=s reason=\"shed_gas\",capacity_kw=1000,target_kw=970,"
            + "load_kw=960,miners_slept=1i,miners_woken=0i,miners_limited=1i,"
            + "miners_overridden=1i,gas_available_scfh=10000,miners_changed=\"m-1,m-2\" "
            + T,
        LineProtocol.encode(point));
  }
}
