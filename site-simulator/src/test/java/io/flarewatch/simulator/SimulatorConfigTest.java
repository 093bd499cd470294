package io.flarewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.config.ConfigException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatorConfigTest {

  @Test
  void defaultsAreValidAndSizedForTheFleet() {
    SimulatorConfig c = SimulatorConfig.defaults(100, 5);
    assertEquals(100, c.miners().count());
    assertEquals(Addressing.PORT_RANGE, c.miners().addressing());
    assertEquals(1000, c.tickMillis());
    double demandKw = 100 * 3.3 * 1.03;
    assertTrue(c.physics().ratedKw() > demandKw);
    double fuelMscfd = demandKw * 9500 / 1242.5 * 24 / 1000;
    assertTrue(c.physics().supplyMeanMscfd() > fuelMscfd, "supply above full demand");
  }

  @Test
  void jsonRoundTripsAndPartialJsonTakesDefaults() {
    SimulatorConfig c =
        SimulatorConfig.defaults(12, 77)
            .withFaults(
                new FaultsConfig(
                    Map.of(
                        "miner-0003",
                        MinerFaultSettings.none().withQuirks(MinerQuirk.TRAILING_COMMA)),
                    Map.of("flare", ModbusFaultSettings.exceptionForNext(6, 3))));
    assertEquals(c, SimulatorConfig.fromJson(c.toJson()));

    SimulatorConfig partial =
        SimulatorConfig.fromJson(
            "{\"seed\":9,\"miners\":{\"count\":20,\"flavourMix\":{\"LUXOS\":1}},"
                + "\"physics\":{\"gasHhvBtuPerScf\":1400}}");
    assertEquals(9, partial.seed());
    assertEquals(20, partial.miners().count());
    assertEquals(Map.of(Flavour.LUXOS, 1), partial.miners().flavourMix());
    assertEquals(1400, partial.physics().gasHhvBtuPerScf());
    assertEquals(SimulatorConfig.defaults(20, 9).physics().ratedKw(), partial.physics().ratedKw());
    assertEquals(
        Set.of(MinerQuirk.TRAILING_COMMA),
        SimulatorConfig.fromJson(c.toJson()).faults().miners().get("miner-0003").quirks());
  }

  /** JSON, words the error must contain. */
  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"miners\":{\"count\":0}} | miners.count",
        "{\"miners\":{\"webPort\":70000}} | miners.webPort",
        "{\"miners\":{\"count\":10,\"basePort\":14028,\"webPort\":14030}} | overlaps the API ports",
        "{\"miners\":{\"addressing\":\"LOOPBACK_RANGE\",\"baseHost\":\"127.0.1.1\",\"basePort\":4028,\"webPort\":4028}} | miners.webPort",
        "{\"faults\":{\"miners\":{\"miner-0001\":{\"slowWakeSeconds\":-1}}}} | slowWakeSeconds",
        "{\"faults\":{\"miners\":{\"miner-0001\":{\"sessionBusy\":-2}}}} | sessionBusy",
        "{\"faults\":{\"miners\":{\"miner-0001\":{\"lostLogonReplies\":-1}}}} | lostLogonReplies",
        "{\"miners\":{\"count\":6000}} | miners.count",
        "{\"tickMillis\":1} | tickMillis",
        "{\"miners\":{\"baseHost\":\"10.0.0.1\"}} | miners.baseHost",
        "{\"miners\":{\"addressing\":\"LOOPBACK_RANGE\",\"baseHost\":\"127.255.255.250\",\"basePort\":4028,\"count\":10}} | leaves 127.0.0.0/8",
        "{\"miners\":{\"flavourMix\":{\"ANTMINER\":0}}} | flavourMix",
        "{\"miners\":{\"whatsminer\":{\"tokenTtlSeconds\":0}}} | miners.whatsminer.tokenTtlSeconds",
        "{\"miners\":{\"whatsminer\":{\"adminPassword\":\"\"}}} | miners.whatsminer.adminPassword",
        "{\"miners\":{\"whatsminer\":{\"idleTimeoutMillis\":1}}} | miners.whatsminer.idleTimeoutMillis",
        "{\"miners\":{\"whatsminer\":{\"pin\":1}}} | pin",
        "{\"modbus\":{\"unitId\":0}} | modbus.unitId",
        "{\"physics\":{\"powerFactor\":2}} | physics.powerFactor",
        "{\"physics\":{\"flareTotalizerStartScf\":42949673}} | physics.flareTotalizerStartScf",
        "{\"physics\":{\"supplyDrops\":[{\"atSecond\":5,\"durationSeconds\":0,\"fraction\":0.5}]}} | physics.supplyDrops[0].durationSeconds",
        "{\"physics\":{\"totalizerResets\":[{\"device\":\"generator\",\"atSecond\":5}]}} | physics.totalizerResets[0].device",
        "{\"faults\":{\"miners\":{\"miner-0099\":{}}}} | faults.miners.miner-0099",
        "{\"faults\":{\"modbus\":{\"pump\":{}}}} | faults.modbus.pump",
        "{\"faults\":{\"modbus\":{\"flare\":{\"exceptionCode\":99}}}} | exceptionCode",
        "{\"bogus\":1} | bogus",
        "{\"miners\":{\"addressing\":\"RANDOM\"}} | miners.addressing",
        "[1] | must be a JSON object",
        "{\"miners\": | not valid JSON",
        "{\"modbus\":{\"registerMaps\":{\"pump\":\"register-maps/dse-gencomm.yaml\"}}} | modbus.registerMaps.pump",
        "{\"modbus\":{\"registerMaps\":{\"generator\":\"genset.yaml\"}}} | modbus.registerMaps.generator: 'genset.yaml' is not a shipped register map",
        "{\"gas\":{\"profile\":\"bursting\"}} | gas.profile: 'bursting' is not one of [random_walk, steady, slow_decline, slugging, sudden_drop, shut_in_recovery]",
        "{\"gas\":{\"profile\":\"STEADY\"}} | gas.profile",
        "{\"gas\":{\"amplitude\":1.5}} | gas.amplitude",
        "{\"gas\":{\"periodSeconds\":0}} | gas.periodSeconds",
        "{\"gas\":{\"baseMscfd\":-1}} | gas.baseMscfd",
        "{\"gas\":{\"noiseFraction\":0.9}} | gas.noiseFraction",
        "{\"gas\":{\"atSecond\":-5}} | gas.atSecond",
        "{\"gas\":{\"noise\":0.1}} | gas.noise",
        "{\"engine\":{\"sagGraceSeconds\":0}} | engine.sagGraceSeconds",
        "{\"engine\":{\"minerBootSeconds\":-1}} | engine.minerBootSeconds",
        "{\"engine\":{\"lowGasPressurePsig\":-3}} | engine.lowGasPressurePsig",
        "{\"engine\":{\"loadShedding\":\"sometimes\"}} | engine.loadShedding"
      })
  void badConfigNamesTheKey(String json, String expected) {
    ConfigException e = assertThrows(ConfigException.class, () -> SimulatorConfig.fromJson(json));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void gasProfileAndEngineFromJsonTakeDefaultsForKeysLeftOut() {
    SimulatorConfig c =
        SimulatorConfig.fromJson(
            "{\"seed\":4,\"gas\":{\"profile\":\"shut_in_recovery\",\"atSecond\":120},"
                + "\"engine\":{\"sagGraceSeconds\":8}}");
    SimulatorConfig d = SimulatorConfig.defaults(3, 4);
    assertEquals(GasProfile.SHUT_IN_RECOVERY, c.gas().profile());
    assertEquals(120, c.gas().atSecond());
    assertEquals(d.gas().baseMscfd(), c.gas().baseMscfd());
    assertEquals(d.physics().supplyMeanMscfd(), c.gas().baseMscfd(), "base = default supply");
    assertEquals(4, c.gas().seed());
    assertEquals(8, c.engine().sagGraceSeconds());
    assertEquals(d.engine().minerBootSeconds(), c.engine().minerBootSeconds());
    assertEquals(GasProfile.RANDOM_WALK, d.gas().profile(), "the original supply by default");
    assertTrue(c.toJson().contains("\"shut_in_recovery\""), c.toJson());
    assertEquals(c, SimulatorConfig.fromJson(c.toJson()));
  }

  @Test
  void whatsminerSettingsLeftOutTakeTheFirmwareDefaultsAndHideThePassword() {
    SimulatorConfig c =
        SimulatorConfig.fromJson(
            "{\"miners\":{\"flavourMix\":{\"WHATSMINER\":1},"
                + "\"whatsminer\":{\"adminPassword\":\"Flare_1\"}}}");

    assertEquals(Map.of(Flavour.WHATSMINER, 1), c.miners().flavourMix());
    assertEquals(WhatsminerConfig.defaults().withAdminPassword("Flare_1"), c.miners().whatsminer());
    assertEquals(c, SimulatorConfig.fromJson(c.toJson()));
    assertFalse(c.toString().contains("Flare_1"), c.toString());
  }

  @Test
  void faultSettingsLeftPartlyOutTakeNoFault() {
    SimulatorConfig c =
        SimulatorConfig.fromJson(
            "{\"faults\":{\"miners\":{\"miner-0002\":{\"delayMillis\":3000}},"
                + "\"modbus\":{\"flare\":{\"exceptionCode\":6,\"exceptionFraction\":0.1}}}}");

    assertEquals(
        MinerFaultSettings.none().withDelayMillis(3000), c.faults().miners().get("miner-0002"));
    assertEquals(ModbusFaultSettings.exceptionFraction(6, 0.1), c.faults().modbus().get("flare"));
  }

  @Test
  void commandFaultsAndWebPortsComeFromJson() {
    SimulatorConfig c =
        SimulatorConfig.fromJson(
            "{\"miners\":{\"count\":4,\"basePort\":14028,\"webPort\":24028},"
                + "\"faults\":{\"miners\":{\"miner-0001\":{\"ignoreCommands\":true,"
                + "\"slowWakeSeconds\":30,\"authFailure\":true,\"sessionBusy\":2,"
                + "\"lostLogonReplies\":1}}}}");
    assertEquals(24028, c.miners().webPort());
    assertEquals(
        MinerFaultSettings.none()
            .withIgnoreCommands(true)
            .withSlowWakeSeconds(30)
            .withAuthFailure(true)
            .withSessionBusy(2)
            .withLostLogonReplies(1),
        c.faults().miners().get("miner-0001"));
    assertEquals(c, SimulatorConfig.fromJson(c.toJson()));
    assertEquals(
        FleetConfig.DEFAULT_LOOPBACK_WEB_PORT,
        SimulatorConfig.fromJson(
                "{\"miners\":{\"addressing\":\"LOOPBACK_RANGE\",\"baseHost\":\"127.0.1.1\","
                    + "\"basePort\":4028}}")
            .miners()
            .webPort(),
        "LOOPBACK_RANGE web interfaces default to one port on every miner's address");
  }

  @Test
  void eachModbusDeviceServesTheMapTheConfigNames() {
    SimulatorConfig c =
        SimulatorConfig.fromJson(
            "{\"modbus\":{\"registerMaps\":{\"generator\":\"register-maps/dse-gencomm.yaml\"}}}");

    assertEquals("register-maps/dse-gencomm.yaml", c.modbus().registerMap("generator"));
    assertEquals(
        "register-maps/flarewatch-sim-gas-meter.json",
        c.modbus().registerMap("flare"),
        "devices left out keep the simulator's own map");
    assertEquals(c, SimulatorConfig.fromJson(c.toJson()));
  }

  @Test
  void mainFlagsBuildTheConfig() {
    SimulatorConfig c =
        SimulatorMain.parse(
            new String[] {
              "--miners",
              "50",
              "--seed",
              "4",
              "--addressing",
              "LOOPBACK_RANGE",
              "--modbus-port",
              "5020"
            });
    assertEquals(50, c.miners().count());
    assertEquals(4, c.seed());
    assertEquals(Addressing.LOOPBACK_RANGE, c.miners().addressing());
    assertEquals("127.0.1.1", c.miners().baseHost());
    assertEquals(4028, c.miners().basePort());
    assertEquals(5021, c.modbus().gensetFuelMeterPort());
    assertEquals(FleetConfig.DEFAULT_LOOPBACK_WEB_PORT, c.miners().webPort());
    assertEquals(
        24028,
        SimulatorMain.parse(new String[] {"--base-port", "14028", "--web-port", "24028"})
            .miners()
            .webPort());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SimulatorMain.parse(new String[] {"--miners", "x"}));
    assertTrue(e.getMessage().contains("--miners"));
    assertThrows(
        IllegalArgumentException.class, () -> SimulatorMain.parse(new String[] {"--frobnicate"}));
  }
}
