package io.flarewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Injected quirks are on the wire; offline, slow and reset miners behave as documented. */
class MinerFaultTest {
  private SimHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new SimHarness(SimHarness.config(3, 7));
    h.tick(2);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  /** Quirk, miner, command, a regex the wire bytes must match. */
  @ParameterizedTest(name = "{0} on {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "TRAILING_NUL | miner-0002 | summary | \\}\\u0000$",
        "TRAILING_NUL | miner-0003 | power | \\}\\u0000$",
        "CONCATENATED_OBJECTS | miner-0002 | fans | \\}\\{\"FANS\":1",
        "CONCATENATED_OBJECTS | miner-0003 | pools | \\}\\{\"POOL\":1",
        "TRAILING_COMMA | miner-0002 | summary | ,\\}\\]",
        "TRAILING_COMMA | miner-0001 | pools | ,\\}\\]",
        "NON_FINITE | miner-0001 | summary | \"Device Hardware%\":nan",
        "NON_FINITE | miner-0003 | summary | \"Utility\":inf",
        "NUMBERS_AS_STRINGS | miner-0001 | summary | \"GHS 5s\":\"\\d+(\\.\\d+)?\"",
        "NUMBERS_AS_STRINGS | miner-0002 | summary | \"MHS 1m\":\"\\d+(\\.\\d+)?\"",
        "NUMBERS_AS_STRINGS | miner-0003 | power | \"Watts\":\"\\d+\""
      })
  void quirkIsOnTheWire(MinerQuirk quirk, String minerId, String command, String regex)
      throws Exception {
    MinerEndpoint m = h.miner(minerId);
    String before = new String(SimHarness.send(m, command, null), StandardCharsets.UTF_8);
    assertTrue(
        !Pattern.compile(regex).matcher(before).find() || quirk == MinerQuirk.TRAILING_NUL,
        "without the quirk the reply must not match " + regex + ": " + before);
    h.sim
        .faults()
        .miner(minerId, MinerFaultSettings.none().withQuirks(quirk))
        .await(5, TimeUnit.SECONDS);
    String wire = new String(SimHarness.send(m, command, null), StandardCharsets.UTF_8);
    assertTrue(Pattern.compile(regex).matcher(wire).find(), quirk + ": " + wire);
  }

  @Test
  void numbersAsStringsCarryTheServedValue() throws Exception {
    MinerEndpoint m = h.miner("miner-0001");
    h.sim
        .faults()
        .miner("miner-0001", MinerFaultSettings.none().withQuirks(MinerQuirk.NUMBERS_AS_STRINGS))
        .await(5, TimeUnit.SECONDS);
    JsonNode r = SimHarness.ask(m, "summary");
    assertTrue(r.at("/SUMMARY/0/GHS 5s").isTextual());
    double expected = h.sim.snapshot().miner("miner-0001").orElseThrow().hashrateThs() * 1000;
    assertEquals(expected, Double.parseDouble(r.at("/SUMMARY/0/GHS 5s").asText()), 1e-6);
    assertTrue(r.at("/STATUS/0/Code").isNumber(), "STATUS keeps its numbers");
  }

  @Test
  void antminerAlwaysEndsWithNulOthersOnlyWhenInjected() throws Exception {
    byte[] a = SimHarness.send(h.miner("miner-0001"), "summary", null);
    byte[] b = SimHarness.send(h.miner("miner-0002"), "summary", null);
    assertEquals(0, a[a.length - 1]);
    assertEquals('}', b[b.length - 1]);
  }

  @Test
  void offlineRefusedClosesTheListenerAndComesBack() throws Exception {
    MinerEndpoint m = h.miner("miner-0002");
    h.sim
        .faults()
        .miner("miner-0002", MinerFaultSettings.none().withOffline(OfflineMode.REFUSED))
        .await(5, TimeUnit.SECONDS);
    // refused, or reset when the connect raced the listener's closing: offline either way
    assertThrows(SocketException.class, () -> SimHarness.send(m, "summary", null));
    h.sim.faults().clearMiner("miner-0002").await(5, TimeUnit.SECONDS);
    assertEquals("S", SimHarness.ask(m, "summary").at("/STATUS/0/STATUS").asText());
    assertEquals(m.port(), h.miner("miner-0002").port(), "same port after coming back");
  }

  @Test
  void offlineSilentAcceptsButNeverAnswers() throws Exception {
    MinerEndpoint m = h.miner("miner-0003");
    h.sim
        .faults()
        .miner("miner-0003", MinerFaultSettings.none().withOffline(OfflineMode.SILENT))
        .await(5, TimeUnit.SECONDS);
    h.sim.groundTruth().clear();
    assertThrows(
        SocketTimeoutException.class,
        () ->
            SimHarness.sendRaw(
                m, "{\"command\":\"summary\"}".getBytes(StandardCharsets.UTF_8), 300));
    assertTrue(h.sim.groundTruth().minerReadings("miner-0003").isEmpty());
  }

  @Test
  void resetClosesMidReplyAndIsNotGroundTruth() throws Exception {
    MinerEndpoint m = h.miner("miner-0001");
    int full = SimHarness.send(m, "stats", null).length;
    h.sim.groundTruth().clear();
    h.sim
        .faults()
        .miner("miner-0001", MinerFaultSettings.none().withResetMidReply(true))
        .await(5, TimeUnit.SECONDS);
    byte[] cut = SimHarness.send(m, "stats", null);
    assertTrue(cut.length > 0 && cut.length < full, cut.length + " of " + full);
    assertThrows(Exception.class, () -> new ObjectMapper().readTree(cut));
    assertTrue(h.sim.groundTruth().minerReadings("miner-0001").isEmpty());
  }

  @Test
  void slowMinerStillAnswersInFull() throws Exception {
    MinerEndpoint m = h.miner("miner-0002");
    h.sim
        .faults()
        .miner("miner-0002", MinerFaultSettings.none().withDelayMillis(200))
        .await(5, TimeUnit.SECONDS);
    assertEquals(200, h.sim.faults().miner("miner-0002").delayMillis());
    JsonNode r = SimHarness.ask(m, "summary");
    assertEquals("S", r.at("/STATUS/0/STATUS").asText());
  }

  @Test
  void unknownMinerIsRejectedByName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> h.sim.faults().miner("miner-0009", MinerFaultSettings.none()));
    assertTrue(e.getMessage().contains("miner-0009"));
  }
}
