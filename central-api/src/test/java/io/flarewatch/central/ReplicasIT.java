package io.flarewatch.central;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.auth.Role;
import io.flarewatch.central.auth.SharedLoginOutcomes;
import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.central.config.ClusterConfig;
import io.flarewatch.central.config.CommandsConfig;
import io.flarewatch.central.config.HttpConfig;
import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.config.ReportsConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.flarewatch.wire.signing.Ed25519Signatures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of central, each on its own clustered Vert.x (Hazelcast on loopback), on one
 * InfluxDB: what one replica learns, the other acts on.
 */
class ReplicasIT {

  private static final String SITE = "replicated";
  private static final String INGEST_TOKEN = "ingest-token-of-replicated";

  /** Far longer than the tests wait: a live view's own poll of InfluxDB cannot explain an event. */
  private static final int POLL_INTERVAL_SECONDS = 600;

  @TempDir static Path dir;
  private static Vertx vertxA;
  private static Vertx vertxB;
  private static CentralApp replicaA;
  private static CentralApp replicaB;
  private static WebClient client;
  private static String viewerTokenOfB;

  @BeforeAll
  static void start() throws Exception {
    Path commandKey = key("command-signing.pem");
    Path reportKey = key("report-signing.pem");
    int hazelcastA = freePort();
    int hazelcastB = freePort();
    List<String> members = List.of("127.0.0.1:" + hazelcastA, "127.0.0.1:" + hazelcastB);
    String database = InfluxTestServer.uniqueDatabase("replicas");
    CentralConfig a = config(database, commandKey, reportKey, hazelcastA, members);
    CentralConfig b = config(database, commandKey, reportKey, hazelcastB, members);
    vertxA = CentralCluster.vertx(a).await();
    vertxB = CentralCluster.vertx(b).await();
    replicaA = CentralApp.start(vertxA, a).await();
    replicaB = CentralApp.start(vertxB, b).await();
    client = WebClient.create(vertxA);
    // before any test locks the loopback address out
    viewerTokenOfB = TestUsers.token(client, replicaB.port(), Role.VIEWER);
  }

  @AfterAll
  static void stop() {
    Future.join(vertxA.close(), vertxB.close()).await();
  }

  @Test
  void anAddressLockedOnOneReplicaIsLockedOnTheOther() {
    AtomicInteger heardOnB = new AtomicInteger();
    vertxB
        .eventBus()
        .consumer(SharedLoginOutcomes.ADDRESS, m -> heardOnB.incrementAndGet())
        .completion()
        .await();
    // 20 failures in a row lock an address (LoginThrottle), whatever names they try
    for (int i = 0; i < 20; i++) {
      int status = login(replicaA, "nobody-" + i, "guess").statusCode();
      assertEquals(401, status, "guess " + i + " on replica A");
    }
    await("replica B heard of the 20 failures")
        .atMost(Duration.ofSeconds(30))
        .until(() -> heardOnB.get() >= 20);
    HttpResponse<Buffer> onB = login(replicaB, "nobody-else", "guess");
    assertEquals(429, onB.statusCode(), onB.bodyAsString());
    assertEquals(
        "https://flarewatch.io/problems/too-many-logins", onB.bodyAsJsonObject().getString("type"));
  }

  @Test
  void aLiveViewOnOneReplicaShowsSamplesStoredThroughTheOther() {
    Instant first = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    ingest(replicaA, first);
    List<String> times = new CopyOnWriteArrayList<>();
    HttpClient http = vertxB.createHttpClient();
    try {
      StringBuilder text = new StringBuilder();
      // the chunk handler is set on the event loop as the head arrives: set after await() returns
      // on this thread, it could miss the first event (the state the stream sends at once)
      HttpClientResponse response =
          http.request(
                  new RequestOptions()
                      .setMethod(HttpMethod.GET)
                      .setHost("127.0.0.1")
                      .setPort(replicaB.port())
                      .setURI("/api/v1/sites/" + SITE + "/live")
                      .putHeader("Authorization", "Bearer " + viewerTokenOfB))
              .compose(HttpClientRequest::send)
              .map(
                  live ->
                      live.handler(
                          chunk -> {
                            text.append(chunk);
                            for (int at = text.indexOf("\"time\":\"");
                                at >= 0;
                                at = text.indexOf("\"time\":\"")) {
                              int start = at + 8;
                              times.add(text.substring(start, text.indexOf("\"", start)));
                              text.delete(0, start);
                            }
                          }))
              .await();
      assertEquals(200, response.statusCode());
      await("the latest cycle at once")
          .atMost(Duration.ofSeconds(30))
          .until(() -> times.contains(first.toString()));
      Instant next = first.plusSeconds(10);
      ingest(replicaA, next);
      await("the cycle stored through replica A, well before a poll of InfluxDB")
          .atMost(Duration.ofSeconds(POLL_INTERVAL_SECONDS / 20))
          .until(() -> times.contains(next.toString()));
    } finally {
      http.close().await();
    }
  }

  private static HttpResponse<Buffer> login(CentralApp replica, String user, String password) {
    return TestUsers.login(client, replica.port(), user, password);
  }

  private static void ingest(CentralApp replica, Instant t) {
    HttpResponse<Buffer> response =
        client
            .post(replica.port(), "127.0.0.1", "/api/v1/sites/" + SITE + "/samples")
            .putHeader("Authorization", "Bearer " + INGEST_TOKEN)
            .putHeader("Content-Type", "text/plain")
            .sendBuffer(
                Buffer.buffer(
                    "site_summary,site="
                        + SITE
                        + " miners_total=3i,miners_online=3i,hashrate_ths=300.5 "
                        + t.toEpochMilli()
                        + "\n"))
            .await();
    assertEquals(200, response.statusCode(), response.bodyAsString());
  }

  private static CentralConfig config(
      String database, Path commandKey, Path reportKey, int hazelcastPort, List<String> members)
      throws IOException {
    return new CentralConfig(
        new HttpConfig("127.0.0.1", 0, null),
        new InfluxConfig(InfluxTestServer.shared().url(), database, null, null),
        List.of(
            new SiteConfig(
                SITE, null, SiteConfig.sha256Hex(INGEST_TOKEN), null, null, POLL_INTERVAL_SECONDS)),
        TestUsers.auth(),
        new ReportsConfig(reportKey.toString()),
        null,
        new CommandsConfig(commandKey.toString(), null, null, null),
        new ClusterConfig(true, "127.0.0.1", hazelcastPort, freePort(), members));
  }

  private static Path key(String name) throws IOException {
    Path key = dir.resolve(name);
    Files.writeString(
        key, Ed25519Signatures.privateKeyPem(Ed25519Signatures.newKeyPair().getPrivate()));
    return key;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      assertTrue(socket.getLocalPort() > 0);
      return socket.getLocalPort();
    }
  }
}
