package io.flarewatch.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.edge.EdgeApp;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.flarewatch.simulator.SimulatorConfig;
import io.flarewatch.simulator.SiteSimulator;
import io.flarewatch.wire.signing.Ed25519Signatures;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of central, each a process of its own, clustered (Hazelcast on loopback), on one
 * InfluxDB, behind a load balancer that sends every connection to replica 1 while it is up. The
 * site's edge holds its command stream on replica 1; a command issued on replica 2 reaches it over
 * the clustered event bus. Then replica 1 is killed (SIGKILL): the edge moves to replica 2, and a
 * second command and every sample still arrive.
 */
class ReplicaFailoverIT {

  private static final String SITE = "replicated-site";
  private static final String TOKEN = "replicated-site-ingest-token";
  private static final String PASSWORD = "replicated-admin-pw";
  private static final int MINERS = 5;

  /** One key for every replica: a token one replica issued is good on the others. */
  private static final String JWT_SECRET = UUID.randomUUID() + "-" + UUID.randomUUID();

  /**
   * Central pings the command stream, and re-reads what is pending for it, this rarely: a command
   * arriving sooner came over the event bus, not through that re-check.
   */
  private static final int PING_SECONDS = 300;

  private static final Duration FINISHES = Duration.ofSeconds(60);
  private static final String STREAM_OPENED = "command stream of " + SITE + " opened";

  @TempDir Path dir;

  @Test
  void aCommandIssuedOnOneReplicaReachesTheSiteOnTheOtherAndAKilledReplicaLosesNothing()
      throws Exception {
    Laps laps = new Laps();
    Path signingKey = dir.resolve("command-signing-key.pem");
    CommandSettings.writeNewKey(signingKey);
    Path reportKey = dir.resolve("report-signing-key.pem");
    CommandSettings.writeNewKey(reportKey);
    Path publicKey = dir.resolve("central-command-key.pub.pem");
    Files.writeString(
        publicKey,
        Ed25519Signatures.publicKeyPem(
            Ed25519Signatures.publicKeyOf(
                Ed25519Signatures.readPrivateKey(Files.readString(signingKey)))));
    String database = InfluxTestServer.uniqueDatabase("replicas");
    int[] http = {CommandSystem.freePort(), CommandSystem.freePort()};
    int[] hazelcast = {CommandSystem.freePort(), CommandSystem.freePort()};
    List<String> members = List.of("127.0.0.1:" + hazelcast[0], "127.0.0.1:" + hazelcast[1]);
    Path[] configs = new Path[2];
    for (int i = 0; i < 2; i++) {
      configs[i] =
          CentralProcessConfig.write(
              dir.resolve("central-" + (i + 1) + ".yaml"),
              http[i],
              database,
              SITE,
              TOKEN,
              PASSWORD,
              JWT_SECRET,
              signingKey,
              PING_SECONDS,
              String.join(
                  "\n",
                  "reports: {signingKeyFile: \"" + reportKey + "\"}",
                  "cluster:",
                  "  enabled: true",
                  "  host: 127.0.0.1",
                  "  port: " + hazelcast[i],
                  "  eventBusPort: " + CommandSystem.freePort(),
                  "  members: [" + String.join(", ", members) + "]",
                  ""));
    }
    SimulatorConfig simulated = CommandSystem.everyFirmware(MINERS, 47);
    LocalSystem.Options options =
        new LocalSystem.Options(
                SITE,
                InfluxTestServer.shared().url(),
                database,
                "",
                "",
                http[0],
                simulated,
                CommandSystem.POLL_INTERVAL_MILLIS,
                dir.resolve("edge.db"),
                null,
                null,
                null)
            .withCommands(new CommandSettings(signingKey, 100.0, 1, PING_SECONDS, null));
    Vertx vertx = Vertx.vertx();
    try (LinkProxy balancer = LinkProxy.start(vertx, List.of(http[0], http[1]));
        JvmProcess replica1 = startCentral(configs[0], "central-1.log");
        JvmProcess replica2 = startCentral(configs[1], "central-2.log")) {
      assertTrue(
          replica2.log().contains("joined the cluster of central's replicas as one of 2 members"),
          () -> "replica 2 joined replica 1: " + replica2.log());
      laps.lap("replicas up");
      SiteSimulator simulator = SiteSimulator.start(vertx, simulated).await();
      EdgeApp edge =
          EdgeApp.start(
                  vertx,
                  LocalSystem.edgeConfig(options, simulator, balancer.url(), TOKEN, publicKey))
              .await();
      String bearer = CentralProcessConfig.login(http[1], PASSWORD);
      CommandApi onReplica2 = new CommandApi(SITE, http[1], bearer);
      CommandSystem.awaitMinersAtCentral(http[1], bearer, SITE, MINERS);
      await("the edge's command stream open on replica 1")
          .atMost(Duration.ofSeconds(30))
          .until(() -> replica1.log().contains(STREAM_OPENED));
      List<String> miners = simulator.miners().stream().map(m -> m.id()).toList();
      laps.lap("site up");

      Map<String, Long> before = counts(simulator, miners);
      long issued = System.nanoTime();
      String sleep = onReplica2.issue(CommandApi.body("sleep", "all"));
      long answered = System.nanoTime();
      await("the command issued on replica 2 reaches a miner, well before a re-check at a ping")
          .atMost(Duration.ofSeconds(PING_SECONDS / 5))
          .pollInterval(Duration.ofMillis(5))
          .until(() -> !counts(simulator, miners).equals(before));
      long reached = System.nanoTime();
      await("every miner asleep")
          .atMost(FINISHES)
          .pollInterval(Duration.ofMillis(5))
          .until(() -> asleep(simulator, miners));
      long allAsleep = System.nanoTime();
      JsonObject done = onReplica2.awaitFinal(sleep, FINISHES);
      assertEquals("succeeded", done.getString("state"), done.encodePrettily());
      assertEquals(MINERS, done.getJsonObject("counts").getInteger("confirmed"));
      assertEquals(1, occurrences(replica1.log(), STREAM_OPENED), "the stream never reopened");
      assertEquals(0, occurrences(replica2.log(), STREAM_OPENED), "replica 2 held no stream");
      System.out.printf(
          "cross-replica command: POST to replica 2 answered in %d ms; first miner commanded %d"
              + " ms after the POST (%d ms after its answer), every miner asleep after %d ms%n",
          (answered - issued) / 1_000_000,
          (reached - issued) / 1_000_000,
          (reached - answered) / 1_000_000,
          (allAsleep - issued) / 1_000_000);
      laps.lap("first command");

      long killedAt = System.currentTimeMillis();
      replica1.kill();
      await("the edge's command stream reopened on replica 2")
          .atMost(Duration.ofSeconds(30))
          .until(() -> replica2.log().contains(STREAM_OPENED));
      laps.lap("failover");
      Map<String, Long> asleepCounts = counts(simulator, miners);
      String wake = onReplica2.issue(CommandApi.body("wake", "all"));
      JsonObject woken = onReplica2.awaitFinal(wake, FINISHES);
      assertEquals("succeeded", woken.getString("state"), woken.encodePrettily());
      Map<String, Long> after = counts(simulator, miners);
      for (String miner : miners) {
        assertEquals(before.get(miner) + 1, asleepCounts.get(miner), miner + " slept once");
        assertEquals(asleepCounts.get(miner) + 1, after.get(miner), miner + " woken once");
      }
      laps.lap("second command");
      assertNothingLost(vertx, edge, database, killedAt);
      edge.stop().await();
      simulator.close().await();
      laps.lap("drained");
      System.out.println("replica failover test, seconds per phase:" + laps);
    } finally {
      vertx.close().await();
    }
  }

  /**
   * Samples went on arriving after the kill, and every cycle the edge polled is stored, complete
   * and once: what was in flight to the killed replica was sent again to the other.
   */
  private static void assertNothingLost(Vertx vertx, EdgeApp edge, String database, long killedAt) {
    edge.stopPolling().await();
    await("the edge's buffer drained")
        .atMost(Duration.ofSeconds(60))
        .until(() -> edge.buffer().stats().await().lines() == 0);
    InfluxClient influx =
        new InfluxClient(
            vertx, new InfluxConfig(InfluxTestServer.shared().url(), database, "", ""));
    TreeSet<Long> stored = StoredCycles.assertCompleteAndIncluding(influx, MINERS, List.of());
    assertEquals(edge.pollingStats().cycles(), stored.size(), "every cycle polled stored once");
    assertTrue(stored.last() > killedAt, "cycles stored after the kill: " + stored);
  }

  /** Seconds each phase of the test took, printed (never asserted). */
  private static final class Laps {
    private final StringBuilder done = new StringBuilder();
    private long last = System.nanoTime();

    void lap(String phase) {
      long now = System.nanoTime();
      done.append(String.format(" %s %.1f,", phase, (now - last) / 1e9));
      last = now;
    }

    @Override
    public String toString() {
      return done.toString();
    }
  }

  private JvmProcess startCentral(Path config, String log) {
    return JvmProcess.start(
        "io.flarewatch.central.CentralMain",
        config,
        dir.resolve(log),
        "central API listening on port");
  }

  private static boolean asleep(SiteSimulator simulator, List<String> miners) {
    return simulator.snapshot().miners().stream()
        .filter(m -> miners.contains(m.id()))
        .allMatch(m -> m.state().name().equals("SLEEPING"));
  }

  private static Map<String, Long> counts(SiteSimulator simulator, List<String> miners) {
    Map<String, Long> counts = new TreeMap<>();
    miners.forEach(m -> counts.put(m, simulator.sleepWakeCommands(m)));
    return counts;
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
