package io.flarewatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** A simulator on a manual clock plus a plain-socket miner client, for tests. */
final class SimHarness implements AutoCloseable {
  static final Instant START = Instant.parse("2025-06-01T12:00:00Z");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  final Vertx vertx;
  final ManualClock clock = new ManualClock(START);
  final SiteSimulator sim;

  SimHarness(SimulatorConfig config) throws Exception {
    vertx = Vertx.vertx();
    sim = SiteSimulator.start(vertx, config, clock).await(60, TimeUnit.SECONDS);
  }

  void tick(int n) {
    clock.advance(Duration.ofMillis(sim.config().tickMillis() * n));
  }

  MinerEndpoint miner(String id) {
    return sim.miners().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
  }

  /** Sends one request and reads until the miner closes the connection. */
  static byte[] send(MinerEndpoint m, String command, String parameter) throws IOException {
    String request =
        parameter == null
            ? "{\"command\":\"" + command + "\"}"
            : "{\"command\":\"" + command + "\",\"parameter\":\"" + parameter + "\"}";
    return sendRaw(m, request.getBytes(StandardCharsets.UTF_8), 10_000);
  }

  static byte[] sendRaw(MinerEndpoint m, byte[] request, int readTimeoutMillis) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(m.host(), m.port()), 5000);
      s.setSoTimeout(readTimeoutMillis);
      OutputStream out = s.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) >= 0) {
        all.write(buf, 0, n);
      }
      return all.toByteArray();
    }
  }

  /** Parses a reply the way a tolerant client would (NUL, `}{` and `,}` repaired). */
  static JsonNode parse(byte[] reply) throws IOException {
    String s = new String(reply, StandardCharsets.UTF_8);
    while (s.endsWith("\u0000")) {
      s = s.substring(0, s.length() - 1);
    }
    s = s.replace("}{", "},{").replace(",}", "}");
    return MAPPER.readTree(s);
  }

  static JsonNode ask(MinerEndpoint m, String command) throws IOException {
    return parse(send(m, command, null));
  }

  static JsonNode ask(MinerEndpoint m, String command, String parameter) throws IOException {
    return parse(send(m, command, parameter));
  }

  static SimulatorConfig config(int miners, long seed, Flavour... flavours) {
    SimulatorConfig c = SimulatorConfig.defaults(miners, seed);
    if (flavours.length == 0) {
      return c;
    }
    java.util.Map<Flavour, Integer> mix = new java.util.EnumMap<>(Flavour.class);
    for (Flavour f : flavours) {
      mix.merge(f, 1, Integer::sum);
    }
    return c.withMiners(c.miners().withFlavourMix(mix));
  }

  @Override
  public void close() throws java.io.IOException {
    try {
      sim.close().await(30, TimeUnit.SECONDS);
      vertx.close().await(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new java.io.IOException("simulator did not stop", e);
    }
  }
}
