package io.flarewatch.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 on either side of a command. The edge killed mid-plan resumes from what it stored: no
 * miner is commanded twice and the final state reaches central. Central killed after it answered
 * the POST and before the edge had the command delivers it after its restart, executed once.
 */
class CommandKillIT {

  private static final Duration FINISHES = Duration.ofSeconds(150);

  @TempDir Path dir;

  @Test
  void edgeKilledMidCommandCommandsNoMinerTwiceAndReportsTheEnd() throws Exception {
    int miners = 10;
    try (CommandSystem site =
        CommandSystem.start(
            dir,
            "kill-edge-site",
            CommandSystem.everyFirmware(miners, 41),
            new CommandSettings(null, 100.0, 1, 2, null),
            0,
            null)) {
      site.system.stopEdge().await();
      Path config = JvmProcess.writeEdgeConfig(site.system.edgeConfig(), dir.resolve("edge.yaml"));
      String streamOpen = "command stream to central open";
      Map<String, Long> before = site.commandsReceived();
      long killedAfter;
      try (JvmProcess edge =
          JvmProcess.start(
              "io.flarewatch.edge.EdgeMain", config, dir.resolve("edge-1.log"), streamOpen)) {
        String id =
            site.api.issue(CommandApi.body("sleep", "all").put("staggerSeconds", 2 * miners));
        await("the plan is under way")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(5))
            .until(() -> sent(site, before) >= 3);
        edge.kill();
        killedAfter = sent(site, before);
        assertTrue(killedAfter < miners, "killed mid-plan, after " + killedAfter + " miners");

        try (JvmProcess restarted =
            JvmProcess.start(
                "io.flarewatch.edge.EdgeMain", config, dir.resolve("edge-2.log"), streamOpen)) {
          JsonObject done = site.api.awaitFinal(id, FINISHES);
          assertEquals("succeeded", done.getString("state"), done.encodePrettily());
          assertEquals(miners, done.getJsonObject("counts").getInteger("confirmed"));
          Map<String, Long> after = site.commandsReceived();
          Map<String, String> states = site.minerStates();
          for (String miner : before.keySet()) {
            assertEquals(
                before.get(miner) + 1, after.get(miner), miner + " commanded exactly once");
            assertEquals("SLEEPING", states.get(miner), miner);
          }
        }
      }
    }
  }

  /** Sleep and wake commands the miners received since {@code before}. */
  private static long sent(CommandSystem site, Map<String, Long> before) {
    return site.commandsReceived().entrySet().stream()
        .mapToLong(e -> e.getValue() - before.get(e.getKey()))
        .sum();
  }

  @Test
  void centralKilledBetweenIssueAndDeliveryDeliversAfterRestartOnce() throws Exception {
    String siteId = "kill-central-site";
    String token = "kill-central-ingest-token";
    String password = "kill-central-admin-pw";
    int port = CommandSystem.freePort();
    Path signingKey = dir.resolve("command-signing-key.pem");
    CommandSettings.writeNewKey(signingKey);
    Path publicKey = dir.resolve("central-command-key.pub.pem");
    Files.writeString(
        publicKey,
        Ed25519Signatures.publicKeyPem(
            Ed25519Signatures.publicKeyOf(
                Ed25519Signatures.readPrivateKey(Files.readString(signingKey)))));
    Path centralYaml =
        CentralProcessConfig.write(
            dir.resolve("central.yaml"),
            port,
            InfluxTestServer.uniqueDatabase("killc"),
            siteId,
            token,
            password,
            UUID.randomUUID().toString() + UUID.randomUUID(),
            signingKey,
            2,
            "");
    SimulatorConfig simulated = CommandSystem.everyFirmware(5, 43);
    CommandSettings settings = new CommandSettings(signingKey, 100.0, 1, 2, null);
    LocalSystem.Options options =
        new LocalSystem.Options(
                siteId,
                InfluxTestServer.shared().url(),
                "unused",
                "",
                "",
                port,
                simulated,
                CommandSystem.POLL_INTERVAL_MILLIS,
                dir.resolve("edge.db"),
                null,
                null,
                null)
            .withCommands(settings);
    Vertx vertx = Vertx.vertx();
    JvmProcess central = null;
    try (LinkProxy link = LinkProxy.start(vertx, port)) {
      central =
          JvmProcess.start(
              "io.flarewatch.central.CentralMain",
              centralYaml,
              dir.resolve("central-1.log"),
              "central API listening on port");
      SiteSimulator simulator = SiteSimulator.start(vertx, simulated).await();
      EdgeApp edge =
          EdgeApp.start(
                  vertx, LocalSystem.edgeConfig(options, simulator, link.url(), token, publicKey))
              .await();
      String bearer = CentralProcessConfig.login(port, password);
      CommandApi api = new CommandApi(siteId, port, bearer);
      CommandSystem.awaitMinersAtCentral(port, bearer, siteId, simulated.miners().count());
      await("command stream up")
          .atMost(Duration.ofSeconds(30))
          .until(() -> edge.commandStats().linkUp());
      List<String> targets = simulator.miners().stream().map(m -> m.id()).toList();
      Map<String, Long> before = counts(simulator, targets);

      link.cut();
      String id = api.issue(CommandApi.body("sleep", "all"));
      central.kill();
      central =
          JvmProcess.start(
              "io.flarewatch.central.CentralMain",
              centralYaml,
              dir.resolve("central-2.log"),
              "central API listening on port");
      assertEquals("queued", api.get(id).getString("state"), "stored before central answered");
      assertEquals(before, counts(simulator, targets), "nothing delivered before the restart");
      link.restore();

      JsonObject done = api.awaitFinal(id, FINISHES);
      assertEquals("succeeded", done.getString("state"), done.encodePrettily());
      Map<String, Long> after = counts(simulator, targets);
      for (String miner : targets) {
        assertEquals(before.get(miner) + 1, after.get(miner), miner + " commanded exactly once");
      }
      edge.stop().await();
      simulator.close().await();
    } finally {
      if (central != null) {
        central.close();
      }
      vertx.close().await();
    }
  }

  private static Map<String, Long> counts(SiteSimulator simulator, List<String> miners) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    miners.forEach(m -> counts.put(m, simulator.sleepWakeCommands(m)));
    return counts;
  }
}
