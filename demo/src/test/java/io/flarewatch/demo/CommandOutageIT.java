package io.flarewatch.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site whose uplink is down when commands are issued ({@link LinkProxy} between the edge and
 * central drops every byte, as a satellite outage does): a command stays queued at central for the
 * whole outage, reaches the site once the link is back and is executed once; one that expired
 * during the outage is never executed.
 *
 * <p>The outage lasts {@value #DEFAULT_OUTAGE_SECONDS} s, not the 5 minutes of the field case, to
 * keep the suite within its CI budget: what a longer outage could break is the edge giving up or
 * central dropping the command, and this one already outlasts every clock involved: the dead-link
 * detection (3 missed pings, {@value #PING_SECONDS} s apart), the uplink's request timeout (30 s),
 * the short command's expiry (10 s) and the reconnect backoff, which has reached its 16-32 s steps
 * by the end. {@code -Dflarewatch.outageSeconds=300} runs the 5 minutes.
 */
class CommandOutageIT {

  private static final int DEFAULT_OUTAGE_SECONDS = 40;
  private static final int PING_SECONDS = 2;
  private static final Duration OUTAGE =
      Duration.ofSeconds(Long.getLong("flarewatch.outageSeconds", DEFAULT_OUTAGE_SECONDS));

  @TempDir Path dir;
  private CommandSystem site;
  private LinkProxy link;

  @AfterEach
  void stop() {
    if (link != null) {
      link.close();
    }
    if (site != null) {
      site.close();
    }
  }

  @Test
  void commandIssuedDuringAnOutageIsExecutedOnceAfterItAndAnExpiredOneNever() throws Exception {
    int centralPort = CommandSystem.freePort();
    io.vertx.core.Vertx proxyVertx = io.vertx.core.Vertx.vertx();
    try {
      link = LinkProxy.start(proxyVertx, centralPort);
      site =
          CommandSystem.start(
              dir,
              "outage-site",
              CommandSystem.everyFirmware(4, 21),
              new CommandSettings(null, 100.0, 1, PING_SECONDS, null),
              centralPort,
              link.url());
      await("command stream up")
          .atMost(Duration.ofSeconds(30))
          .until(() -> site.system.edge().commandStats().linkUp());
      List<String> miners = site.simulator().miners().stream().map(m -> m.id()).toList();
      List<String> live = miners.subList(0, 2);
      List<String> shortLived = miners.subList(2, 4);
      Map<String, Long> before = site.commandsReceived();
      long connectsBefore = site.system.edge().commandStats().linkConnects();

      link.cut();
      String queued = site.api.issue(CommandApi.body("sleep", live));
      String expiring =
          site.api.issue(
              CommandApi.body("sleep", shortLived)
                  .put("expiresAt", Instant.now().plusSeconds(10).toString()));
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

      link.restore();
      JsonObject done = site.api.awaitFinal(queued, Duration.ofSeconds(150));
      assertEquals("succeeded", done.getString("state"), done.encodePrettily());
      Map<String, Long> after = site.commandsReceived();
      Map<String, String> states = site.minerStates();
      for (String miner : live) {
        assertEquals(before.get(miner) + 1, after.get(miner), miner + " commanded once");
        assertEquals("SLEEPING", states.get(miner), miner);
      }
      for (String miner : shortLived) {
        assertEquals(before.get(miner), after.get(miner), miner + " never commanded");
        assertEquals("MINING", states.get(miner), miner);
      }
      JsonObject expired = site.api.get(expiring);
      assertEquals("expired", expired.getString("state"), expired.encodePrettily());
      assertEquals(0, site.system.edge().commandStats().refused("expired"), "never even sent");
      assertTrue(
          site.system.edge().commandStats().linkConnects() > connectsBefore,
          "the edge opened the stream again");
    } finally {
      if (link != null) {
        link.close();
        link = null;
      }
      if (site != null) {
        site.close();
        site = null;
      }
      proxyVertx.close().await();
    }
  }
}
