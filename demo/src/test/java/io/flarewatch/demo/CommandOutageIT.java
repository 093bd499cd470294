package io.flarewatch.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.central.config.InfluxConfig;
import io.flarewatch.central.influx.InfluxClient;
import io.flarewatch.influx.testkit.InfluxTestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site whose uplink is down for 5 minutes ({@link LinkProxy} between the edge and central drops
 * every byte, as a satellite outage does), the field case of the remote-curtailment issue. The
 * outage outlasts every clock involved: the dead-link detection (3 missed pings, {@value
 * #PING_SECONDS} s apart), the uplink's request timeout (30 s), the short command's expiry (10 s)
 * and the reconnect backoff, which reaches its longest steps. Everything that needs an outage to be
 * shown happens in this one, so the minutes are spent once:
 *
 * <ul>
 *   <li>a command issued during the outage stays queued at central, reaches the site once the link
 *       is back and is executed once;
 *   <li>one that expired during the outage is never sent and is reported expired;
 *   <li>a cancel issued during the outage of a command the edge already holds (due after the
 *       outage) wins: the edge gets the cancel on reconnect and never executes the command;
 *   <li>the samples the edge buffered meanwhile all arrive, every cycle once and complete.
 * </ul>
 *
 * {@code -Dflarewatch.outageSeconds=N} shortens (or lengthens) the outage for a quicker local run.
 */
class CommandOutageIT {

  private static final int DEFAULT_OUTAGE_SECONDS = 300;
  private static final int PING_SECONDS = 2;
  private static final int MINERS = 4;
  private static final Duration OUTAGE =
      Duration.ofSeconds(Long.getLong("flarewatch.outageSeconds", DEFAULT_OUTAGE_SECONDS));

  /** After the outage: the reconnect backoff's longest step, then the plan and its read-backs. */
  private static final Duration AFTER_THE_OUTAGE = Duration.ofSeconds(150);

  @TempDir Path dir;
  private Vertx proxyVertx;
  private CommandSystem site;
  private LinkProxy link;

  @AfterEach
  void stop() {
    try {
      if (link != null) {
        link.close();
      }
      if (site != null) {
        site.close();
      }
    } finally {
      if (proxyVertx != null) {
        proxyVertx.close().await();
      }
    }
  }

  @Test
  void afterAFiveMinuteOutageCommandsRunOnceExpiredAndCanceledOnesNeverAndNoSampleIsLost() {
    int centralPort = CommandSystem.freePort();
    proxyVertx = Vertx.vertx();
    link = LinkProxy.start(proxyVertx, centralPort);
    site =
        CommandSystem.start(
            dir,
            "outage-site",
            CommandSystem.everyFirmware(MINERS, 21),
            new CommandSettings(null, 100.0, 1, PING_SECONDS, null),
            centralPort,
            link.url());
    await("command stream up")
        .atMost(Duration.ofSeconds(30))
        .until(() -> site.system.edge().commandStats().linkUp());
    List<String> miners = site.simulator().miners().stream().map(m -> m.id()).toList();
    List<String> live = miners.subList(0, 2);
    List<String> neverRun = miners.subList(2, 4);
    Instant dueAfterTheOutage = Instant.now().plus(OUTAGE).plus(AFTER_THE_OUTAGE);
    String held =
        site.api.issue(
            CommandApi.body("sleep", neverRun)
                .put("startAt", dueAfterTheOutage.toString())
                .put("expiresAt", dueAfterTheOutage.plusSeconds(600).toString()));
    site.api.awaitState(held, "delivered", Duration.ofSeconds(30));
    Map<String, Long> before = site.commandsReceived();
    long connectsBefore = site.system.edge().commandStats().linkConnects();

    link.cut();
    String queued = site.api.issue(CommandApi.body("sleep", live));
    String expiring =
        site.api.issue(
            CommandApi.body("sleep", neverRun)
                .put("expiresAt", Instant.now().plusSeconds(10).toString()));
    JsonObject canceling = site.api.cancel(held);
    assertEquals("delivered", canceling.getString("state"), "the edge has not answered yet");
    await("the outage: nothing reaches the site")
        .during(OUTAGE)
        .atMost(OUTAGE.plusSeconds(30))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                site.api.get(queued).getString("state").equals("queued")
                    && site.commandsReceived().equals(before));
    assertEquals("expired", site.api.get(expiring).getString("state"));
    assertFalse(
        site.system.edge().commandStats().linkUp(), "the edge found the link dead by its pings");
    assertTrue(site.system.edge().uplinkStats().failures() > 0, "the uplink's requests timed out");
    assertTrue(
        site.system.edge().buffer().stats().await().lines() > 0, "samples buffered meanwhile");

    link.restore();
    JsonObject canceled = site.api.awaitFinal(held, AFTER_THE_OUTAGE);
    assertEquals("canceled", canceled.getString("state"), canceled.encodePrettily());
    assertEquals(
        "delivered",
        canceled.getJsonObject("cancel").getJsonObject("edge").getString("state"),
        "the edge took the cancel envelope");
    JsonObject done = site.api.awaitFinal(queued, AFTER_THE_OUTAGE);
    assertEquals("succeeded", done.getString("state"), done.encodePrettily());
    Map<String, Long> after = site.commandsReceived();
    Map<String, String> states = site.minerStates();
    for (String miner : live) {
      assertEquals(before.get(miner) + 1, after.get(miner), miner + " commanded once");
      assertEquals("SLEEPING", states.get(miner), miner);
    }
    for (String miner : neverRun) {
      assertEquals(before.get(miner), after.get(miner), miner + " never commanded");
      assertEquals("MINING", states.get(miner), miner);
    }
    JsonObject expired = site.api.get(expiring);
    assertEquals("expired", expired.getString("state"), expired.encodePrettily());
    assertEquals(0, site.system.edge().commandStats().refused("expired"), "never even sent");
    assertTrue(
        site.system.edge().commandStats().linkConnects() > connectsBefore,
        "the edge opened the stream again");

    assertEveryCycleArrivedOnce();
  }

  /** Every cycle the edge collected, the outage's included, is stored once and complete. */
  private void assertEveryCycleArrivedOnce() {
    site.system.edge().stopPolling().await();
    await("the buffer drained")
        .atMost(Duration.ofSeconds(60))
        .until(() -> site.system.edge().buffer().stats().await().lines() == 0);
    long collected = site.system.edge().pollingStats().cycles();
    InfluxClient influx =
        new InfluxClient(
            site.vertx, new InfluxConfig(InfluxTestServer.shared().url(), site.database(), "", ""));
    TreeSet<Long> stored = StoredCycles.assertCompleteAndIncluding(influx, MINERS, List.of());
    assertEquals(collected, stored.size(), "every collected cycle stored once");
  }
}
