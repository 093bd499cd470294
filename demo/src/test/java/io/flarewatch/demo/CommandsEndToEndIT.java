package io.flarewatch.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.simulator.Flavour;
import io.flarewatch.simulator.GeneratorLoad;
import io.flarewatch.simulator.MinerEndpoint;
import io.flarewatch.simulator.MinerFaultSettings;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote commands through the whole system, in one process: an operator's POST at central, signed,
 * pushed over the edge's WebSocket, verified and executed by the edge through each firmware's own
 * protocol against the simulator, confirmed by read-back, and reported back through the edge's
 * buffer and ingest to central's GET. The simulator is the judge: each miner's state, the commands
 * it received and the generator's load at every tick.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandsEndToEndIT {

  private static final String SITE = "command-site";

  /** Two miners of each of the five firmware flavours. */
  private static final int MINERS = 10;

  /** Two miners per ramp group (about 3.3 kW each, 3.5 kW planned for those reporting none). */
  private static final double MAX_LOAD_STEP_KW = 8.0;

  /** Longer than a simulator tick (1 s), so two groups never land in one tick. */
  private static final int RAMP_STEP_SECONDS = 2;

  private static final Duration FINISHES = Duration.ofSeconds(90);

  @TempDir static Path dir;
  private CommandSystem site;

  @BeforeAll
  void start() {
    site =
        CommandSystem.start(
            dir,
            SITE,
            CommandSystem.everyFirmware(MINERS, 14),
            new CommandSettings(null, MAX_LOAD_STEP_KW, RAMP_STEP_SECONDS, 20, null),
            0,
            null);
  }

  @AfterAll
  void stop() {
    if (site != null) {
      site.close();
    }
  }

  @Test
  void everyFirmwareSleepsAndWakesEachMinerConfirmedByReadBack() {
    Set<Flavour> flavours = EnumSet.noneOf(Flavour.class);
    site.simulator().miners().forEach(m -> flavours.add(m.flavour()));
    assertEquals(EnumSet.allOf(Flavour.class), flavours, "every firmware is on the site");
    Map<String, Long> before = site.commandsReceived();

    JsonObject slept =
        site.api.awaitFinal(site.api.issue(CommandApi.body("sleep", "all")), FINISHES);
    assertEquals("succeeded", slept.getString("state"), slept.encodePrettily());
    assertEquals(MINERS, slept.getJsonObject("counts").getInteger("confirmed"), slept.encode());
    assertEachMiner(slept, "SLEEPING", Set.of("sleeping", "idle"), before, 1);

    JsonObject woken =
        site.api.awaitFinal(site.api.issue(CommandApi.body("wake", "all")), FINISHES);
    assertEquals("succeeded", woken.getString("state"), woken.encodePrettily());
    assertEachMiner(woken, "MINING", Set.of("mining"), before, 2);
  }

  /**
   * Every row confirmed with a read-back in {@code readBack}; the simulator agrees ({@code
   * simulated}) and each miner received exactly {@code sent} commands more than {@code before}.
   */
  private void assertEachMiner(
      JsonObject command,
      String simulated,
      Set<String> readBack,
      Map<String, Long> before,
      int sent) {
    Map<String, JsonObject> rows = CommandApi.minerRows(command);
    Map<String, String> states = site.minerStates();
    Map<String, Long> received = site.commandsReceived();
    assertEquals(MINERS, rows.size(), command.encode());
    for (MinerEndpoint miner : site.simulator().miners()) {
      JsonObject row = rows.get(miner.id());
      String what = miner.id() + " (" + miner.flavour() + "): " + row;
      assertEquals("confirmed", row.getString("outcome"), what);
      assertTrue(readBack.contains(row.getString("readbackState")), what);
      assertEquals(simulated, states.get(miner.id()), what);
      assertEquals(before.get(miner.id()) + sent, received.get(miner.id()), what);
    }
  }

  @Test
  void rampKeepsEveryLoadStepOfAWholeSiteWithinMaxLoadStep() {
    long firstTick = site.simulator().currentTick();
    JsonObject slept =
        site.api.awaitFinal(site.api.issue(CommandApi.body("sleep", "all")), FINISHES);
    assertEquals("succeeded", slept.getString("state"), slept.encodePrettily());
    JsonObject woken =
        site.api.awaitFinal(site.api.issue(CommandApi.body("wake", "all")), FINISHES);
    assertEquals("succeeded", woken.getString("state"), woken.encodePrettily());
    long lastWake = site.simulator().currentTick();
    org.awaitility.Awaitility.await("the last wake shows in the load")
        .atMost(Duration.ofSeconds(10))
        .until(() -> site.simulator().currentTick() >= lastWake + 2);

    List<GeneratorLoad> trace =
        site.simulator().generatorTrace().stream().filter(t -> t.tick() >= firstTick).toList();
    double highest = trace.stream().mapToDouble(GeneratorLoad::kw).max().orElseThrow();
    double lowest = trace.stream().mapToDouble(GeneratorLoad::kw).min().orElseThrow();
    assertTrue(
        highest - lowest > 3 * MAX_LOAD_STEP_KW,
        "the whole site moves far more than one step: " + lowest + ".." + highest + " kW");
    double largest = GeneratorLoad.largestStepKw(trace);
    assertTrue(
        largest <= MAX_LOAD_STEP_KW,
        "largest load step " + largest + " kW > " + MAX_LOAD_STEP_KW + " kW: " + trace);
    assertTrue(
        plannedGroups(slept) >= 5 && plannedGroups(woken) >= 5,
        "the plan spreads the site over groups: " + slept.getJsonArray("miners"));
  }

  private static long plannedGroups(JsonObject command) {
    return CommandApi.minerRows(command).values().stream()
        .map(r -> r.getLong("plannedOffsetMs"))
        .distinct()
        .count();
  }

  @Test
  void acknowledgedButIgnoredIsReadBackAndReportedAsNotApplied() {
    String ignoring = first(Flavour.BRAIINS);
    String obeying = first(Flavour.LUXOS);
    site.simulator()
        .faults()
        .miner(ignoring, MinerFaultSettings.none().withIgnoreCommands(true))
        .await();
    try {
      Map<String, Long> before = site.commandsReceived();
      JsonObject command =
          site.api.awaitFinal(
              site.api.issue(
                  CommandApi.body("sleep", List.of(ignoring, obeying))
                      .put("expiresAt", Instant.now().plusSeconds(20).toString())),
              FINISHES);

      assertEquals("partially_succeeded", command.getString("state"), command.encodePrettily());
      Map<String, JsonObject> rows = CommandApi.minerRows(command);
      JsonObject ignored = rows.get(ignoring);
      assertEquals("failed", ignored.getString("outcome"), ignored.encode());
      assertEquals("not_applied", ignored.getString("error"), ignored.encode());
      assertEquals("mining", ignored.getString("readbackState"), ignored.encode());
      assertEquals("confirmed", rows.get(obeying).getString("outcome"), command.encode());
      assertEquals("MINING", site.minerStates().get(ignoring));
      assertTrue(
          site.commandsReceived().get(ignoring) > before.get(ignoring),
          "the ignoring miner was sent the command and acknowledged it");
    } finally {
      site.simulator().faults().clearMiner(ignoring).await();
    }
    JsonObject woken =
        site.api.awaitFinal(site.api.issue(CommandApi.body("wake", List.of(obeying))), FINISHES);
    assertEquals("succeeded", woken.getString("state"), woken.encodePrettily());
  }

  @Test
  void aRequestWithTheSiteIngestTokenIssuesNothing() {
    int commandsBefore = site.api.list().size();
    Map<String, Long> before = site.commandsReceived();

    HttpResponse<String> forged =
        site.api.post(
            CommandApi.body("sleep", "all"),
            "Bearer " + site.system.ingestToken(),
            "forged-" + Instant.now().toEpochMilli());

    assertTrue(
        forged.statusCode() == 401 || forged.statusCode() == 403,
        forged.statusCode() + " " + forged.body());
    assertEquals(
        "application/problem+json",
        forged.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    assertEquals(commandsBefore, site.api.list().size(), "no command stored");
    assertEquals(before, site.commandsReceived(), "no miner commanded");
  }

  private String first(Flavour flavour) {
    Map<Flavour, String> firstOf = new HashMap<>();
    site.simulator().miners().forEach(m -> firstOf.putIfAbsent(m.flavour(), m.id()));
    return firstOf.get(flavour);
  }
}
