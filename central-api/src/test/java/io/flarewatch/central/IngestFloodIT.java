package io.flarewatch.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack that drove central out of memory, at a bounded scale: central runs in its own JVM with
 * a 96 MB heap (and exits on OutOfMemoryError), and is sent 200 compression bombs without a valid
 * token and 20 with one, all at once, each 15 KB of gzip that inflates to 15 MB. Central must
 * answer every one (401 without a valid token; 413 or 503 with one), keep answering {@code /health}
 * throughout, and still be running afterwards.
 */
class IngestFloodIT {

  private static final String TOKEN = "flood-ingest-token";
  private static final int UNAUTHENTICATED = 200;
  private static final int AUTHENTICATED = 20;

  @TempDir Path work;
  private Process central;
  private Vertx vertx;

  @AfterEach
  void stop() throws InterruptedException {
    if (vertx != null) {
      vertx.close().await();
    }
    if (central != null) {
      central.destroy();
      if (!central.waitFor(30, TimeUnit.SECONDS)) {
        central.destroyForcibly();
      }
    }
  }

  @Test
  void compressionBombsWithAndWithoutATokenLeaveCentralServing() throws Exception {
    int port = freePort();
    startCentral(port);
    vertx = Vertx.vertx();
    WebClient client =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
            new PoolOptions().setHttp1MaxSize(UNAUTHENTICATED + AUTHENTICATED));
    WebClient prober = WebClient.create(vertx);
    await("central answers /health")
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> health(prober, port) == 200);

    Buffer bomb = Buffer.buffer(gzipOfZeros(15 * 1024 * 1024));
    assertTrue(bomb.length() < 20 * 1024, "the bomb is small: " + bomb.length());

    Map<Integer, AtomicInteger> healthAnswers = new ConcurrentHashMap<>();
    long probe =
        vertx.setPeriodic(
            200,
            tick ->
                prober
                    .get(port, "127.0.0.1", "/health")
                    .timeout(5_000)
                    .send()
                    .onComplete(
                        answer ->
                            healthAnswers
                                .computeIfAbsent(
                                    answer.succeeded() ? answer.result().statusCode() : -1,
                                    status -> new AtomicInteger())
                                .incrementAndGet()));

    List<Future<Integer>> withoutToken = new ArrayList<>();
    List<Future<Integer>> withToken = new ArrayList<>();
    for (int i = 0; i < UNAUTHENTICATED + AUTHENTICATED; i++) {
      boolean authenticated = i % 11 == 0 && withToken.size() < AUTHENTICATED;
      HttpRequest<Buffer> request =
          client
              .post("/api/v1/sites/flood-site/samples")
              .putHeader("Content-Type", "text/plain")
              .putHeader("Content-Encoding", "gzip")
              .timeout(60_000);
      if (authenticated) {
        request.bearerTokenAuthentication(TOKEN);
      } else if (i % 2 == 0) {
        request.bearerTokenAuthentication("guessed-token-" + i);
      }
      Future<Integer> status =
          request.sendBuffer(bomb).map(response -> response.statusCode()).otherwise(-1);
      (authenticated ? withToken : withoutToken).add(status);
    }
    Future.join(new ArrayList<Future<Integer>>(withoutToken)).otherwiseEmpty().await();
    Future.join(new ArrayList<Future<Integer>>(withToken)).otherwiseEmpty().await();
    vertx.cancelTimer(probe);

    Map<Integer, Integer> unauthenticatedStatuses = statuses(withoutToken);
    Map<Integer, Integer> authenticatedStatuses = statuses(withToken);
    assertEquals(
        Map.of(401, withoutToken.size()), unauthenticatedStatuses, "without a valid token");
    assertEquals(withToken.size(), AUTHENTICATED);
    for (int status : authenticatedStatuses.keySet()) {
      assertTrue(status == 413 || status == 503, "with the token: " + authenticatedStatuses);
    }
    assertTrue(authenticatedStatuses.containsKey(413), "bombs were inflated up to the limit");
    assertTrue(central.isAlive(), "central still runs");
    assertEquals(200, health(prober, port));
    assertFalse(healthAnswers.isEmpty(), "/health was asked during the flood");
    assertEquals(Set.of(200), snapshot(healthAnswers).keySet(), "/health answers");
  }

  private void startCentral(int port) throws IOException {
    Path config = work.resolve("central.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "http: {host: 127.0.0.1, port: " + port + "}",
            "influx: {url: \""
                + InfluxTestServer.shared().url()
                + "\", database: "
                + InfluxTestServer.uniqueDatabase("flood")
                + "}",
            "ingest: {maxInflatedBytes: 4194304, maxConcurrentDecodes: 2}",
            "auth: {jwtSecret: \"flood-test-secret-that-is-at-least-32-bytes\"}",
            "sites:",
            "  - {id: flood-site, ingestTokenSha256: \"" + SiteConfig.sha256Hex(TOKEN) + "\"}",
            ""));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    central =
        new ProcessBuilder(
                java.toString(),
                "-Xmx96m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                CentralMain.class.getName(),
                "--config",
                config.toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("central.log").toFile())
            .start();
  }

  private int health(WebClient prober, int port) {
    assertTrue(central.isAlive(), "central exited; see its log");
    return prober.get(port, "127.0.0.1", "/health").timeout(5_000).send().await().statusCode();
  }

  private static Map<Integer, Integer> statuses(List<Future<Integer>> answers) {
    Map<Integer, Integer> counts = new TreeMap<>();
    for (Future<Integer> answer : answers) {
      counts.merge(answer.result(), 1, Integer::sum);
    }
    return counts;
  }

  private static Map<Integer, Integer> snapshot(Map<Integer, AtomicInteger> counts) {
    Map<Integer, Integer> copy = new TreeMap<>();
    counts.forEach((status, count) -> copy.put(status, count.get()));
    return copy;
  }

  private static byte[] gzipOfZeros(int length) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      byte[] zeros = new byte[64 * 1024];
      for (int written = 0; written < length; written += zeros.length) {
        gzip.write(zeros, 0, Math.min(zeros.length, length - written));
      }
    }
    return bytes.toByteArray();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
