package io.flarewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Replies of the three firmware flavours, command by command, against the model's state. */
class MinerProtocolTest {
  private SimHarness h;
  private MinerEndpoint antminer;
  private MinerEndpoint braiins;
  private MinerEndpoint luxos;

  @BeforeEach
  void start() throws Exception {
    h = new SimHarness(SimHarness.config(3, 42));
    h.tick(5);
    antminer = h.miner("miner-0001");
    braiins = h.miner("miner-0002");
    luxos = h.miner("miner-0003");
    assertEquals(Flavour.ANTMINER, antminer.flavour());
    assertEquals(Flavour.BRAIINS, braiins.flavour());
    assertEquals(Flavour.LUXOS, luxos.flavour());
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private MinerReading state(String id) {
    return h.sim.snapshot().miner(id).orElseThrow();
  }

  /** Every supported command of every flavour answers STATUS S with its section. */
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "miner-0001, version, VERSION",
    "miner-0001, summary, SUMMARY",
    "miner-0001, stats, STATS",
    "miner-0001, pools, POOLS",
    "miner-0002, version, VERSION",
    "miner-0002, summary, SUMMARY",
    "miner-0002, devs, DEVS",
    "miner-0002, tunerstatus, TUNERSTATUS",
    "miner-0002, temps, TEMPS",
    "miner-0002, fans, FANS",
    "miner-0002, pools, POOLS",
    "miner-0003, version, VERSION",
    "miner-0003, summary, SUMMARY",
    "miner-0003, stats, STATS",
    "miner-0003, power, POWER",
    "miner-0003, fans, FANS",
    "miner-0003, temps, TEMPS",
    "miner-0003, pools, POOLS",
    "miner-0003, session, SESSION"
  })
  void commandAnswersItsSection(String minerId, String command, String section) throws Exception {
    JsonNode r = SimHarness.ask(h.miner(minerId), command);
    assertEquals("S", r.at("/STATUS/0/STATUS").asText(), r.toString());
    assertTrue(r.get(section).isArray() && r.get(section).size() >= 1, r.toString());
    assertEquals(1, r.get("id").asInt());
    assertEquals(SimHarness.START.getEpochSecond() + 5, r.at("/STATUS/0/When").asLong());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "miner-0001, power",
    "miner-0001, pause",
    "miner-0002, curtail",
    "miner-0003, pause",
    "miner-0003, bogus"
  })
  void unsupportedCommandIsInvalid(String minerId, String command) throws Exception {
    JsonNode r = SimHarness.ask(h.miner(minerId), command);
    assertEquals("E", r.at("/STATUS/0/STATUS").asText());
    assertEquals("Invalid command", r.at("/STATUS/0/Msg").asText());
    assertEquals(14, r.at("/STATUS/0/Code").asInt());
  }

  @Test
  void badJsonRequestGetsStatusE() throws Exception {
    JsonNode r =
        SimHarness.parse(
            SimHarness.sendRaw(antminer, "{\"command\":]".getBytes(StandardCharsets.UTF_8), 5000));
    assertEquals("E", r.at("/STATUS/0/STATUS").asText());
    assertEquals("Invalid JSON", r.at("/STATUS/0/Msg").asText());
    JsonNode missing =
        SimHarness.parse(
            SimHarness.sendRaw(
                antminer, "{\"parameter\":\"x\"}".getBytes(StandardCharsets.UTF_8), 5000));
    assertEquals("Missing JSON 'command'", missing.at("/STATUS/0/Msg").asText());
  }

  @Test
  void antminerSpeaksBmminerWithItsQuirksAndNoPower() throws Exception {
    MinerReading s = state("miner-0001");
    JsonNode version = SimHarness.ask(antminer, "version");
    assertEquals(AntminerReplies.BMMINER_VERSION, version.at("/VERSION/0/BMMiner").asText());
    assertEquals(s.model(), version.at("/VERSION/0/Type").asText());

    JsonNode summary = SimHarness.ask(antminer, "summary");
    assertEquals(s.hashrateThs() * 1000, summary.at("/SUMMARY/0/GHS 5s").asDouble(), 1e-6);
    assertEquals(s.uptimeSeconds(), summary.at("/SUMMARY/0/Elapsed").asLong());
    assertTrue(summary.at("/SUMMARY/0/GHS av").asDouble() > 0);

    byte[] statsBytes = SimHarness.send(antminer, "stats", null);
    String wire = new String(statsBytes, StandardCharsets.UTF_8);
    assertTrue(wire.contains("}{\"STATS\":0"), "bmminer stats join objects with }{: " + wire);
    assertEquals(0, statsBytes[statsBytes.length - 1], "bmminer ends replies with NUL");
    JsonNode stats = SimHarness.parse(statsBytes);
    JsonNode s1 = stats.at("/STATS/1");
    assertEquals("GH/s", s1.get("rate_unit").asText());
    assertEquals(3, s1.get("chain").size());
    int maxChip = Integer.MIN_VALUE;
    for (JsonNode chain : s1.get("chain")) {
      assertTrue(chain.get("rate_real").asDouble() > 0);
      assertTrue(chain.get("asic_num").asInt() > 0);
      assertEquals(4, chain.get("temp_pcb").size());
      for (JsonNode t : chain.get("temp_chip")) {
        maxChip = Math.max(maxChip, t.asInt());
      }
    }
    assertEquals(s.maxChipTempC(), maxChip);
    for (int f = 0; f < 4; f++) {
      assertEquals((int) s.fanRpm().get(f), s1.get("fan" + (f + 1)).asInt());
    }
    for (String command : List.of("version", "summary", "stats", "pools")) {
      String bytes = new String(SimHarness.send(antminer, command, null), StandardCharsets.UTF_8);
      assertFalse(bytes.toLowerCase().contains("power"), command + " must carry no power");
      assertFalse(bytes.contains("Watts"), command + " must carry no power");
    }
  }

  @Test
  void joinedCommandsReplyOneKeyPerCommand() throws Exception {
    for (MinerEndpoint m : List.of(antminer, luxos)) {
      JsonNode r = SimHarness.ask(m, "summary+stats+pools");
      for (String c : List.of("summary", "stats", "pools")) {
        assertTrue(r.get(c).isArray(), c + " in " + r);
        assertEquals(1, r.get(c).size());
        assertEquals("S", r.get(c).at("/0/STATUS/0/STATUS").asText());
      }
      assertTrue(r.at("/summary/0/SUMMARY/0/GHS 5s").isNumber());
      assertTrue(r.at("/pools/0/POOLS").size() == 3);
    }
    JsonNode b = SimHarness.ask(braiins, "summary+devs+tunerstatus");
    assertTrue(b.at("/devs/0/DEVS/0/Nominal MHS").asDouble() > 0);
    assertEquals(
        state("miner-0002").powerWatts(),
        b.at("/tunerstatus/0/TUNERSTATUS/0/ApproximateMinerPowerConsumption").asInt());
    JsonNode mixed = SimHarness.ask(antminer, "summary+bogus");
    assertEquals("S", mixed.at("/summary/0/STATUS/0/STATUS").asText());
    assertEquals("E", mixed.at("/bogus/0/STATUS/0/STATUS").asText());
  }

  @Test
  void braiinsServesMegahashAndTunerPowerAndPausesAndResumes() throws Exception {
    MinerReading s = state("miner-0002");
    JsonNode version = SimHarness.ask(braiins, "version");
    assertTrue(version.at("/VERSION/0").has("BOSminer") || version.at("/VERSION/0").has("BOSer"));
    JsonNode summary = SimHarness.ask(braiins, "summary");
    assertEquals(s.hashrateThs() * 1e6, summary.at("/SUMMARY/0/MHS 1m").asDouble(), 1e-3);
    assertTrue(summary.at("/SUMMARY/0").has("MHS 5s"));
    JsonNode tuner = SimHarness.ask(braiins, "tunerstatus");
    assertEquals(
        s.powerWatts(), tuner.at("/TUNERSTATUS/0/ApproximateMinerPowerConsumption").asInt());
    assertTrue(tuner.at("/TUNERSTATUS/0/PowerLimit").asInt() >= s.powerWatts());
    JsonNode fans = SimHarness.ask(braiins, "fans");
    for (int f = 0; f < 4; f++) {
      assertEquals((int) s.fanRpm().get(f), fans.at("/FANS/" + f + "/RPM").asInt());
    }
    JsonNode temps = SimHarness.ask(braiins, "temps");
    double maxChip = 0;
    for (JsonNode t : temps.get("TEMPS")) {
      maxChip = Math.max(maxChip, t.get("Chip").asDouble());
    }
    assertEquals(s.maxChipTempC(), maxChip, 1e-9);

    JsonNode pause = SimHarness.ask(braiins, "pause");
    assertEquals("S", pause.at("/STATUS/0/STATUS").asText());
    assertTrue(pause.get("PAUSE").isArray());
    assertEquals(0, SimHarness.ask(braiins, "summary").at("/SUMMARY/0/MHS 1m").asDouble());
    h.tick(3);
    assertEquals(MinerState.SLEEPING, state("miner-0002").state());
    int idleWatts =
        SimHarness.ask(braiins, "tunerstatus")
            .at("/TUNERSTATUS/0/ApproximateMinerPowerConsumption")
            .asInt();
    assertTrue(idleWatts >= 5 && idleWatts <= 15, "paused miner draws ~10 W, got " + idleWatts);
    assertEquals(0, SimHarness.ask(braiins, "summary").at("/SUMMARY/0/MHS 1m").asDouble());

    JsonNode resume = SimHarness.ask(braiins, "resume");
    assertTrue(resume.get("RESUME").isArray());
    h.tick(1);
    assertEquals(MinerState.MINING, state("miner-0002").state());
    assertTrue(SimHarness.ask(braiins, "summary").at("/SUMMARY/0/MHS 1m").asDouble() > 50e6);
  }

  @Test
  void luxosPowerFansAndSessionRules() throws Exception {
    MinerReading s = state("miner-0003");
    assertTrue(SimHarness.ask(luxos, "version").at("/VERSION/0/LUXminer").isTextual());
    assertEquals(s.powerWatts(), SimHarness.ask(luxos, "power").at("/POWER/0/Watts").asInt());
    JsonNode fans = SimHarness.ask(luxos, "fans");
    assertEquals(4, fans.get("FANS").size());
    assertEquals((int) s.fanRpm().get(2), fans.at("/FANS/2/RPM").asInt());
    assertEquals(
        s.hashrateThs() * 1000,
        SimHarness.ask(luxos, "summary").at("/SUMMARY/0/GHS 5s").asDouble(),
        1e-6);

    // writes need a session
    JsonNode noSession = SimHarness.ask(luxos, "curtail", "nosuchsession,sleep");
    assertEquals("E", noSession.at("/STATUS/0/STATUS").asText());
    assertEquals(MinerState.MINING, state("miner-0003").state());

    String sid = SimHarness.ask(luxos, "logon").at("/SESSION/0/SessionID").asText();
    assertFalse(sid.isEmpty());
    JsonNode second = SimHarness.ask(luxos, "logon");
    assertEquals("E", second.at("/STATUS/0/STATUS").asText(), "one session at a time");

    JsonNode badAction = SimHarness.ask(luxos, "curtail", sid + ",nap");
    assertEquals("E", badAction.at("/STATUS/0/STATUS").asText());

    JsonNode sleep = SimHarness.ask(luxos, "curtail", sid + ",sleep");
    assertEquals("S", sleep.at("/STATUS/0/STATUS").asText());
    assertEquals("sleep", sleep.at("/CURTAIL/0/Action").asText());
    assertEquals(0, SimHarness.ask(luxos, "summary").at("/SUMMARY/0/GHS 5s").asDouble());
    h.tick(2);
    int watts = SimHarness.ask(luxos, "power").at("/POWER/0/Watts").asInt();
    assertTrue(watts >= 5 && watts <= 15, "sleeping miner draws ~10 W, got " + watts);

    // idle for over a minute: the session expires, a new logon works
    h.clock.advance(java.time.Duration.ofSeconds(61));
    JsonNode expired = SimHarness.ask(luxos, "curtail", sid + ",wakeup");
    assertEquals("E", expired.at("/STATUS/0/STATUS").asText());
    String sid2 = SimHarness.ask(luxos, "logon").at("/SESSION/0/SessionID").asText();
    assertFalse(sid2.isEmpty());

    // sleep survives a reboot
    long uptimeBefore = state("miner-0003").uptimeSeconds();
    h.sim.faults().rebootMiner("miner-0003");
    h.tick(3);
    MinerReading after = state("miner-0003");
    assertEquals(MinerState.SLEEPING, after.state());
    assertTrue(after.uptimeSeconds() < uptimeBefore && after.uptimeSeconds() <= 3);
    assertEquals("", SimHarness.ask(luxos, "session").at("/SESSION/0/SessionID").asText());
    String sid3 = SimHarness.ask(luxos, "logon").at("/SESSION/0/SessionID").asText();
    JsonNode wake = SimHarness.ask(luxos, "curtail", sid3 + ",wakeup");
    assertEquals("wakeup", wake.at("/CURTAIL/0/Action").asText());
    h.tick(1);
    assertEquals(MinerState.MINING, state("miner-0003").state());
  }

  @Test
  void groundTruthRecordsNormalisedServedValues() throws Exception {
    h.sim.groundTruth().clear();
    JsonNode a = SimHarness.ask(antminer, "summary");
    JsonNode b = SimHarness.ask(braiins, "summary+tunerstatus");
    JsonNode l = SimHarness.ask(luxos, "power");
    ServedMinerReading ga = h.sim.groundTruth().minerReadings("miner-0001").get(0);
    assertEquals(a.at("/SUMMARY/0/GHS 5s").asDouble() / 1000, ga.hashrateThs(), 1e-12);
    assertEquals(null, ga.powerWatts());
    assertEquals(5, ga.tick());
    assertEquals(a.at("/SUMMARY/0/Elapsed").asLong(), ga.uptimeSeconds());
    ServedMinerReading gb = h.sim.groundTruth().minerReadings("miner-0002").get(0);
    assertEquals(b.at("/summary/0/SUMMARY/0/MHS 1m").asDouble() / 1e6, gb.hashrateThs(), 1e-12);
    assertEquals(
        b.at("/tunerstatus/0/TUNERSTATUS/0/ApproximateMinerPowerConsumption").asInt(),
        gb.powerWatts());
    assertEquals("summary+tunerstatus", gb.command());
    ServedMinerReading gl = h.sim.groundTruth().minerReadings("miner-0003").get(0);
    assertEquals(l.at("/POWER/0/Watts").asInt(), gl.powerWatts());
    assertEquals(MinerState.MINING, gl.state());
    assertEquals(3, h.sim.groundTruth().minerReadings().size());
  }
}
