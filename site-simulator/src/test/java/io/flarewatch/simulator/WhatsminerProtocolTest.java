package io.flarewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flarewatch.drivers.miner.control.WhatsminerCrypto;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Whatsminer flavour on the wire: plaintext reads as btminer answers them, {@code get_token},
 * encrypted writes checked with the drivers' independent {@code WhatsminerCrypto}, token expiry and
 * cap, and the idle-connection drop.
 */
class WhatsminerProtocolTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SimHarness h;

  private MinerEndpoint start(WhatsminerConfig settings) throws Exception {
    SimulatorConfig c = SimHarness.config(1, 42, Flavour.WHATSMINER);
    h = new SimHarness(c.withMiners(c.miners().withWhatsminer(settings)));
    h.tick(5);
    return h.miner("miner-0001");
  }

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void readsAreThoseOfBtminer() throws Exception {
    MinerEndpoint wm = start(WhatsminerConfig.defaults());
    MinerReading truth = h.sim.snapshot().miner("miner-0001").orElseThrow();

    JsonNode summary = SimHarness.ask(wm, "summary");
    assertEquals("btminer", summary.at("/STATUS/0/Description").asText());
    JsonNode s = summary.at("/SUMMARY/0");
    assertEquals(truth.hashrateThs() * 1e6, s.get("MHS 1m").asDouble(), 1e-3);
    assertEquals(truth.powerWatts(), s.get("Power").asInt());
    assertEquals(30.0, s.get("Env Temp").asDouble());
    assertEquals(truth.fanRpm().get(0), s.get("Fan Speed In").asInt());
    assertEquals(truth.fanRpm().get(1), s.get("Fan Speed Out").asInt());
    assertEquals(truth.uptimeSeconds(), s.get("Elapsed").asLong());
    assertTrue(s.get("Power Limit").asInt() > truth.powerWatts(), s.toString());

    assertEquals(3, SimHarness.ask(wm, "devs").get("DEVS").size());
    assertEquals(3, SimHarness.ask(wm, "edevs").get("DEVS").size());
    assertEquals("bitmicro", SimHarness.ask(wm, "devdetails").at("/DEVDETAILS/0/Driver").asText());
    assertEquals(1, SimHarness.ask(wm, "pools").at("/POOLS/0/POOL").asInt());
    assertEquals(truth.model(), WhatsminerReplies.model(MinerHardware.valueOf(hardwareOf(truth))));

    JsonNode version = SimHarness.ask(wm, "get_version");
    assertEquals("S", version.get("STATUS").asText());
    assertEquals(131, version.get("Code").asInt());
    assertEquals("2.0.5", version.at("/Msg/api_ver").asText());
    assertEquals("false", SimHarness.ask(wm, "status").at("/Msg/mineroff").asText());
    assertTrue(SimHarness.ask(wm, "get_miner_info").at("/Msg/mac").isTextual());

    JsonNode refused = SimHarness.ask(wm, "version");
    assertEquals("E", refused.get("STATUS").asText());
    assertEquals(14, refused.get("Code").asInt());
  }

  @Test
  void encryptedPowerOffAndOnChangeTheMiner() throws Exception {
    MinerEndpoint wm = start(WhatsminerConfig.defaults().withAdminPassword("Flare_1"));

    JsonNode off =
        write(wm, token(wm, "Flare_1"), "{\"cmd\":\"power_off\",\"respbefore\":\"true\"}");
    assertEquals(131, off.get("Code").asInt(), off.toString());
    assertEquals("API command OK", off.get("Msg").asText());
    assertEquals(MinerState.SLEEPING, h.sim.snapshot().miner("miner-0001").orElseThrow().state());
    assertEquals("true", SimHarness.ask(wm, "status").at("/Msg/mineroff").asText());
    assertEquals(0.0, SimHarness.ask(wm, "summary").at("/SUMMARY/0/MHS 1m").asDouble());

    JsonNode on = write(wm, token(wm, "Flare_1"), "{\"cmd\":\"power_on\"}");
    assertEquals(131, on.get("Code").asInt(), on.toString());
    h.tick(1);
    assertEquals(MinerState.MINING, h.sim.snapshot().miner("miner-0001").orElseThrow().state());
  }

  @Test
  void powerLimitCapsPowerAndHashrate() throws Exception {
    MinerEndpoint wm = start(WhatsminerConfig.defaults());
    MinerReading before = h.sim.snapshot().miner("miner-0001").orElseThrow();
    int limit = (int) (before.powerWatts() * 0.7);

    JsonNode set =
        write(
            wm,
            token(wm, "admin"),
            "{\"cmd\":\"adjust_power_limit\",\"power_limit\":\"" + limit + "\"}");
    assertEquals(131, set.get("Code").asInt(), set.toString());
    assertEquals(limit, SimHarness.ask(wm, "summary").at("/SUMMARY/0/Power Limit").asInt());
    h.tick(2);
    MinerReading after = h.sim.snapshot().miner("miner-0001").orElseThrow();
    assertTrue(after.powerWatts() <= limit, after + " exceeds " + limit);
    assertTrue(after.hashrateThs() < before.hashrateThs() * 0.8, after + " vs " + before);

    JsonNode bad =
        write(wm, token(wm, "admin"), "{\"cmd\":\"adjust_power_limit\",\"power_limit\":\"x\"}");
    assertEquals("E", bad.get("STATUS").asText());
    assertEquals(14, bad.get("Code").asInt());
  }

  @Test
  void wrongPasswordIsRefusedInPlaintext() throws Exception {
    MinerEndpoint wm = start(WhatsminerConfig.defaults().withAdminPassword("Flare_1"));

    JsonNode reply = send(wm, encrypted(token(wm, "admin"), "{\"cmd\":\"power_off\"}"));

    assertFalse(reply.has("enc"), reply.toString());
    assertEquals("E", reply.get("STATUS").asText());
    assertEquals(23, reply.get("Code").asInt());
    assertEquals(MinerState.MINING, h.sim.snapshot().miner("miner-0001").orElseThrow().state());
  }

  @Test
  void tokensExpireAndAreCapped() throws Exception {
    MinerEndpoint wm = start(WhatsminerConfig.defaults().withTokenTtlSeconds(60));
    WhatsminerCrypto.Token token = token(wm, "admin");
    h.clock.advance(Duration.ofSeconds(61));

    JsonNode expired = send(wm, encrypted(token, "{\"cmd\":\"power_off\"}"));
    assertEquals(135, expired.get("Code").asInt(), expired.toString());
    assertEquals("check token err", expired.get("Msg").asText());

    for (int i = 0; i < WhatsminerTokens.MAX_TOKENS; i++) {
      assertEquals(134, SimHarness.ask(wm, "get_token").get("Code").asInt());
    }
    JsonNode over = SimHarness.ask(wm, "get_token");
    assertEquals("E", over.get("STATUS").asText());
    assertEquals(136, over.get("Code").asInt());
  }

  @Test
  void idleConnectionIsDropped() throws Exception {
    MinerEndpoint wm = start(WhatsminerConfig.defaults().withIdleTimeoutMillis(200));
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(wm.host(), wm.port()), 5000);
      s.setSoTimeout(10_000);
      InputStream in = s.getInputStream();
      assertEquals(-1, in.read(), "the miner closes a connection that sends nothing");
    }
  }

  private static String hardwareOf(MinerReading reading) {
    for (MinerHardware hw : MinerHardware.values()) {
      if (WhatsminerReplies.model(hw).equals(reading.model())) {
        return hw.name();
      }
    }
    throw new AssertionError("no hardware for " + reading.model());
  }

  /** Asks for a token and derives the sign and key the way a client does. */
  private static WhatsminerCrypto.Token token(MinerEndpoint wm, String password)
      throws IOException {
    JsonNode reply = SimHarness.ask(wm, "get_token");
    assertEquals(134, reply.get("Code").asInt(), reply.toString());
    JsonNode msg = reply.get("Msg");
    return WhatsminerCrypto.token(
        password, msg.get("time").asText(), msg.get("salt").asText(), msg.get("newsalt").asText());
  }

  private static byte[] encrypted(WhatsminerCrypto.Token token, String writeJson)
      throws IOException {
    ObjectNode write = (ObjectNode) MAPPER.readTree(writeJson);
    write.put("token", token.sign());
    ObjectNode request = MAPPER.createObjectNode();
    request.put("enc", 1);
    request.put("data", WhatsminerCrypto.encrypt(token.aesKey(), write.toString()));
    return request.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode send(MinerEndpoint wm, byte[] request) throws IOException {
    return SimHarness.parse(SimHarness.sendRaw(wm, request, 10_000));
  }

  /** Sends an encrypted write and decrypts the (encrypted) reply. */
  private static JsonNode write(MinerEndpoint wm, WhatsminerCrypto.Token token, String writeJson)
      throws IOException {
    JsonNode reply = send(wm, encrypted(token, writeJson));
    assertTrue(reply.has("enc"), "reply not encrypted: " + reply);
    return MAPPER.readTree(WhatsminerCrypto.decrypt(token.aesKey(), reply.get("enc").asText()));
  }
}
