package io.flarewatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flarewatch.drivers.miner.control.HttpDigest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The web interface of one simulated stock Antminer: {@value #GET_CONF} (GET) and {@value
 * #SET_CONF} (POST {@code {"miner-mode":1}} sleeps, {@code 0} wakes), behind HTTP digest
 * authentication (realm {@value #REALM}, MD5, qop=auth, user {@value #USER}, password {@value
 * #PASSWORD}, the factory defaults). A request without a valid digest gets 401 with a fresh
 * challenge; a digest answering an unknown nonce, or any digest while the miner's {@code
 * authFailure} fault is set, gets 401 too.
 */
final class AntminerWebServer {
  static final String GET_CONF = "/cgi-bin/get_miner_conf.cgi";
  static final String SET_CONF = "/cgi-bin/set_miner_conf.cgi";
  static final String REALM = "antMiner Configuration";
  static final String USER = "root";
  static final String PASSWORD = "root";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_BODY_BYTES = 16 * 1024;
  private static final int NONCES_KEPT = 64;

  private final Vertx vertx;
  private final SiteModel model;
  private final FaultInjector faults;
  private final int index;
  private final String minerId;
  private final String host;
  private final SplittableRandom nonceRng;
  private final Set<String> nonces =
      Collections.newSetFromMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > NONCES_KEPT;
            }
          });
  private int port;
  private HttpServer server;

  AntminerWebServer(
      Vertx vertx, SiteModel model, FaultInjector faults, int index, String host, int port) {
    this.vertx = vertx;
    this.model = model;
    this.faults = faults;
    this.index = index;
    this.minerId = MinerIds.of(index);
    this.host = host;
    this.port = port;
    this.nonceRng = new SplittableRandom(0x5EED_0000L + index);
  }

  /** The bound port (the ephemeral one once listening on port 0). */
  int port() {
    return port;
  }

  Future<Void> listen() {
    HttpServer s = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
    s.requestHandler(this::handle);
    server = s;
    return s.listen()
        .map(
            bound -> {
              port = bound.actualPort();
              return (Void) null;
            })
        .recover(
            err ->
                Future.failedFuture(
                    new IllegalStateException(
                        "miner "
                            + minerId
                            + " web interface cannot listen on "
                            + host
                            + ":"
                            + port
                            + ": "
                            + err.getMessage(),
                        err)));
  }

  Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    boolean get = GET_CONF.equals(path);
    boolean set = SET_CONF.equals(path);
    if (!get && !set) {
      request.response().setStatusCode(404).end("Not Found");
      return;
    }
    if ((get && request.method() != HttpMethod.GET)
        || (set && request.method() != HttpMethod.POST)) {
      request.response().setStatusCode(405).end("Method Not Allowed");
      return;
    }
    MinerFaultSettings fault = faults.miner(minerId);
    if (fault.offline() != null) {
      return; // never answered, like the miner's API
    }
    if (!authorized(request, fault)) {
      challenge(request);
      return;
    }
    request
        .body()
        .onSuccess(
            body -> {
              if (body.length() > MAX_BODY_BYTES) {
                request.response().setStatusCode(413).end();
                return;
              }
              CommandFaults commandFaults = CommandFaults.of(fault, model.tickMillis(), false);
              Buffer reply =
                  model.withMiner(
                      index,
                      (m, tick, now) -> {
                        if (!m.answers()) {
                          return null;
                        }
                        MinerMoment at = new MinerMoment(m, tick, now, commandFaults);
                        return Buffer.buffer((set ? setConf(at, body) : getConf(m)).toString());
                      });
              if (reply == null) {
                return; // no power: dead to the network
              }
              request.response().putHeader("Content-Type", "application/json").end(reply);
            });
  }

  private boolean authorized(HttpServerRequest request, MinerFaultSettings fault) {
    String header = request.getHeader("Authorization");
    if (header == null || fault.authFailure()) {
      return false;
    }
    Map<String, String> p;
    try {
      p = HttpDigest.parseParameters(header);
    } catch (IllegalArgumentException e) {
      return false;
    }
    String nonce = p.get("nonce");
    String qop = p.get("qop");
    String algorithm = p.getOrDefault("algorithm", "MD5");
    boolean known;
    synchronized (nonces) {
      known = nonce != null && nonces.contains(nonce);
    }
    if (!known
        || !USER.equals(p.get("username"))
        || !REALM.equals(p.get("realm"))
        || !request.uri().equals(p.get("uri"))
        || !"MD5".equalsIgnoreCase(algorithm)
        || !"auth".equals(qop)
        || p.get("response") == null) {
      return false;
    }
    String expected =
        HttpDigest.response(
            "MD5",
            USER,
            REALM,
            PASSWORD,
            request.method().name(),
            p.get("uri"),
            nonce,
            p.get("nc"),
            p.get("cnonce"),
            qop);
    return expected.equalsIgnoreCase(p.get("response"));
  }

  private void challenge(HttpServerRequest request) {
    byte[] bytes = new byte[16];
    String nonce;
    synchronized (nonces) {
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) nonceRng.nextInt(256);
      }
      nonce = HexFormat.of().formatHex(bytes);
      nonces.add(nonce);
    }
    request
        .response()
        .setStatusCode(401)
        .putHeader(
            "WWW-Authenticate",
            "Digest realm=\"" + REALM + "\", nonce=\"" + nonce + "\", qop=\"auth\"")
        .end("401 Unauthorized");
  }

  /** The configuration, with the current mode. */
  private static ObjectNode getConf(MinerModel m) {
    ObjectNode c = MAPPER.createObjectNode();
    com.fasterxml.jackson.databind.node.ArrayNode pools = c.putArray("pools");
    for (String url : CgminerSections.POOL_URLS) {
      pools.addObject().put("url", url).put("user", CgminerSections.worker(m)).put("pass", "x");
    }
    c.put("api-listen", true);
    c.put("api-network", true);
    c.put("bitmain-fan-ctrl", false);
    c.put("bitmain-fan-pwm", "100");
    c.put("miner-mode", m.sleeping ? 1 : 0);
    c.put("freq-level", "100");
    return c;
  }

  /** {@code {"miner-mode": 0|1}} (number or string); other keys are accepted and ignored. */
  private static ObjectNode setConf(MinerMoment at, Buffer body) {
    JsonNode conf;
    try {
      conf = MAPPER.readTree(body.getBytes());
    } catch (IOException e) {
      conf = null;
    }
    JsonNode mode = conf == null ? null : conf.get("miner-mode");
    String value = mode == null ? "" : mode.asText();
    switch (value) {
      case "1" -> at.sleep();
      case "0" -> at.wake();
      default -> {
        return result("error", "M001", "miner-mode must be 0 or 1");
      }
    }
    return result("success", "M000", "OK!");
  }

  private static ObjectNode result(String stats, String code, String msg) {
    ObjectNode r = MAPPER.createObjectNode();
    r.put("stats", stats);
    r.put("code", code);
    r.put("msg", msg);
    return r;
  }
}
