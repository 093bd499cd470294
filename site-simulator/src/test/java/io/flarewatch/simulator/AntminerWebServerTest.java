package io.flarewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flarewatch.drivers.miner.control.HttpDigest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stock Antminer web interface on the wire: digest challenge, configuration read and write. */
class AntminerWebServerTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private SimHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new SimHarness(SimHarness.config(4, 3));
    h.tick(2);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  @Test
  void onlyStockAntminersHaveAWebInterface() {
    for (MinerEndpoint m : h.sim.miners()) {
      if (m.flavour().isAntminer()) {
        assertNotNull(m.webPort(), m.id());
        assertNotEquals(m.port(), m.webPort());
      } else {
        assertNull(m.webPort(), m.id());
      }
    }
  }

  @Test
  void digestProtectsTheConfigurationAndMinerModeSleepsAndWakes() throws Exception {
    MinerEndpoint m = h.miner("miner-0001");
    HttpResponse<String> challenge = send(m, "GET", AntminerWebServer.GET_CONF, null, null);
    assertEquals(401, challenge.statusCode());
    String header = challenge.headers().firstValue("WWW-Authenticate").orElseThrow();
    HttpDigest.Challenge c = HttpDigest.parseChallenge(header);
    assertEquals("antMiner Configuration", c.realm());
    assertTrue(c.offersAuth());

    JsonNode conf = json(authorized(m, "GET", AntminerWebServer.GET_CONF, null, "root"));
    assertEquals(0, conf.path("miner-mode").asInt());

    JsonNode set =
        json(authorized(m, "POST", AntminerWebServer.SET_CONF, "{\"miner-mode\":1}", "root"));
    assertEquals("success", set.path("stats").asText());
    assertEquals("M000", set.path("code").asText());
    assertEquals(MinerState.SLEEPING, h.sim.snapshot().miner("miner-0001").orElseThrow().state());
    assertEquals(
        1,
        json(authorized(m, "GET", AntminerWebServer.GET_CONF, null, "root"))
            .path("miner-mode")
            .asInt());
    // the CGMiner-style API shows the sleep too: no hashrate
    h.tick(1);
    assertEquals(0.0, SimHarness.ask(m, "summary").at("/SUMMARY/0/GHS 5s").asDouble());

    authorized(m, "POST", AntminerWebServer.SET_CONF, "{\"miner-mode\":\"0\"}", "root");
    h.tick(1);
    assertEquals(MinerState.MINING, h.sim.snapshot().miner("miner-0001").orElseThrow().state());
  }

  @Test
  void wrongPasswordUnknownNonceAndAuthFailureAreRefused() throws Exception {
    MinerEndpoint m = h.miner("miner-0001");
    assertEquals(
        401, authorizedResponse(m, "GET", AntminerWebServer.GET_CONF, null, "admin").statusCode());

    HttpDigest.Challenge invented =
        new HttpDigest.Challenge(
            "antMiner Configuration", "00112233", null, "MD5", java.util.List.of("auth"), false);
    String forged =
        HttpDigest.authorization(
            invented, "root", "root", "GET", AntminerWebServer.GET_CONF, "ab", 1);
    assertEquals(401, send(m, "GET", AntminerWebServer.GET_CONF, null, forged).statusCode());

    h.sim
        .faults()
        .miner("miner-0001", MinerFaultSettings.none().withAuthFailure(true))
        .await(5, TimeUnit.SECONDS);
    assertEquals(
        401, authorizedResponse(m, "GET", AntminerWebServer.GET_CONF, null, "root").statusCode());
  }

  @Test
  void badRequestsAreAnsweredAsTheFirmwareDoes() throws Exception {
    MinerEndpoint m = h.miner("miner-0001");
    assertEquals(404, send(m, "GET", "/cgi-bin/nothing.cgi", null, null).statusCode());
    assertEquals(405, send(m, "GET", AntminerWebServer.SET_CONF, null, null).statusCode());
    JsonNode refused =
        json(authorized(m, "POST", AntminerWebServer.SET_CONF, "{\"miner-mode\":7}", "root"));
    assertEquals("error", refused.path("stats").asText());
    assertEquals(MinerState.MINING, h.sim.snapshot().miner("miner-0001").orElseThrow().state());
  }

  @Test
  void ignoredCommandsAreAcknowledgedAndChangeNothing() throws Exception {
    MinerEndpoint m = h.miner("miner-0001");
    h.sim
        .faults()
        .miner("miner-0001", MinerFaultSettings.none().withIgnoreCommands(true))
        .await(5, TimeUnit.SECONDS);
    JsonNode ack =
        json(authorized(m, "POST", AntminerWebServer.SET_CONF, "{\"miner-mode\":1}", "root"));
    assertEquals("success", ack.path("stats").asText());
    h.tick(1);
    assertEquals(MinerState.MINING, h.sim.snapshot().miner("miner-0001").orElseThrow().state());
  }

  private HttpResponse<String> authorized(
      MinerEndpoint m, String method, String path, String body, String password) throws Exception {
    HttpResponse<String> r = authorizedResponse(m, method, path, body, password);
    assertEquals(200, r.statusCode(), r.body());
    return r;
  }

  private HttpResponse<String> authorizedResponse(
      MinerEndpoint m, String method, String path, String body, String password) throws Exception {
    HttpResponse<String> first = send(m, method, path, body, null);
    assertEquals(401, first.statusCode());
    HttpDigest.Challenge c =
        HttpDigest.parseChallenge(first.headers().firstValue("WWW-Authenticate").orElseThrow());
    return send(
        m,
        method,
        path,
        body,
        HttpDigest.authorization(c, "root", password, method, path, "0a4f113b", 1));
  }

  private HttpResponse<String> send(
      MinerEndpoint m, String method, String path, String body, String authorization)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://" + m.host() + ":" + m.webPort() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return MAPPER.readTree(r.body());
  }
}
