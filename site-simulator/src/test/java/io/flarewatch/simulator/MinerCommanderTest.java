package io.flarewatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.drivers.miner.MinerAddress;
import io.flarewatch.drivers.miner.MinerApiClient;
import io.flarewatch.drivers.miner.MinerApiClientOptions;
import io.flarewatch.drivers.miner.MinerPoller;
import io.flarewatch.drivers.miner.control.FirmwareControls;
import io.flarewatch.drivers.miner.control.MinerCommand;
import io.flarewatch.drivers.miner.control.MinerCommander;
import io.flarewatch.drivers.miner.control.MinerCommanderOptions;
import io.flarewatch.drivers.miner.control.MinerCredentials;
import io.flarewatch.drivers.miner.control.MinerOutcome;
import io.flarewatch.drivers.miner.control.MinerOutcome.Result;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The drivers' {@link MinerCommander} against the simulator on loopback, over TCP (Braiins, LuxOS)
 * and HTTP digest (stock Antminer): every firmware sleeps and wakes, confirmed by read-back, and
 * each command fault ends as the contract says. Runs on the system clock with 100 ms ticks.
 */
class MinerCommanderTest {
  private static final String ANTMINER = "miner-0001";
  private static final String BRAIINS = "miner-0002";
  private static final String LUXOS = "miner-0003";
  private static final String ANTMINER_CHAIN_RATES = "miner-0004";
  private static final MinerCommanderOptions FAST =
      new MinerCommanderOptions(
          Duration.ofMillis(100),
          Duration.ofMillis(1000),
          Duration.ofMillis(100),
          Duration.ofMillis(400),
          5);

  private Vertx vertx;
  private SiteSimulator sim;
  private MinerApiClient client;

  /** One per test, as on the edge: LuxOS sessions are kept between commands. */
  private MinerCommander commander;

  private final Map<MinerAddress, Integer> webPorts = new HashMap<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    SimulatorConfig config =
        SimHarness.config(
                4,
                11,
                Flavour.ANTMINER,
                Flavour.BRAIINS,
                Flavour.LUXOS,
                Flavour.ANTMINER_CHAIN_RATES)
            .withTickMillis(100);
    sim = SiteSimulator.start(vertx, config).await(30, TimeUnit.SECONDS);
    for (MinerEndpoint m : sim.miners()) {
      if (m.webPort() != null) {
        webPorts.put(address(m.id()), m.webPort());
      }
    }
    client = new MinerApiClient(vertx, new MinerApiClientOptions(Duration.ofSeconds(5), 1 << 20));
    commander = commander(MinerCredentials.factoryDefaults());
  }

  @AfterEach
  void stop() throws Exception {
    sim.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private MinerCommander commander(MinerCredentials credentials) {
    return commander(credentials, FAST);
  }

  private MinerCommander commander(MinerCredentials credentials, MinerCommanderOptions options) {
    return new MinerCommander(
        vertx,
        new MinerPoller(client),
        FirmwareControls.standard(vertx, client, credentials, webPorts::get),
        options,
        Clock.systemUTC());
  }

  private MinerAddress address(String id) {
    MinerEndpoint m = sim.miners().stream().filter(e -> e.id().equals(id)).findFirst().get();
    return new MinerAddress(m.host(), m.port());
  }

  private MinerOutcome run(String id, MinerCommand command, Duration window) throws Exception {
    return run(commander, id, command, window);
  }

  private MinerOutcome run(
      MinerCommander commander, String id, MinerCommand command, Duration window) throws Exception {
    return commander
        .execute(address(id), command, Instant.now().plus(window))
        .await(window.toMillis() + 10_000, TimeUnit.MILLISECONDS);
  }

  private MinerState simulated(String id) {
    return sim.snapshot().miner(id).orElseThrow().state();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {ANTMINER, BRAIINS, LUXOS, ANTMINER_CHAIN_RATES})
  void sleepsAndWakesConfirmedByReadBack(String id) throws Exception {
    MinerOutcome slept = run(id, MinerCommand.sleep(), Duration.ofSeconds(10));
    assertEquals(Result.CONFIRMED, slept.result(), slept.toString());
    assertEquals(1, slept.attempts());
    assertNull(slept.error());
    assertTrue(List.of("sleeping", "idle").contains(slept.readbackState()), slept.readbackState());
    assertEquals(MinerState.SLEEPING, simulated(id));

    MinerOutcome woken = run(id, MinerCommand.wake(), Duration.ofSeconds(10));
    assertEquals(Result.CONFIRMED, woken.result(), woken.toString());
    assertEquals("mining", woken.readbackState());
    assertEquals(MinerState.MINING, simulated(id));
  }

  @Test
  void luxosReusesItsSessionAndLogsOnAgainAfterAReboot() throws Exception {
    MinerAddress lux = address(LUXOS);
    Instant far = Instant.now().plusSeconds(10);
    assertEquals(
        Result.CONFIRMED,
        commander.execute(lux, MinerCommand.sleep(), far).await(20, TimeUnit.SECONDS).result());
    assertEquals(
        Result.CONFIRMED,
        commander.execute(lux, MinerCommand.wake(), far).await(20, TimeUnit.SECONDS).result());
    assertEquals(1, served(LUXOS, "logon"), "the second command reuses the session");

    sim.faults().rebootMiner(LUXOS); // ends the session on the miner
    MinerOutcome again =
        commander.execute(lux, MinerCommand.sleep(), far).await(20, TimeUnit.SECONDS);
    assertEquals(Result.CONFIRMED, again.result(), again.toString());
    assertEquals(1, again.attempts(), "the stale session is replaced within one send");
    assertEquals(2, served(LUXOS, "logon"));
  }

  private long served(String id, String command) {
    return sim.groundTruth().minerReadings(id).stream()
        .filter(r -> r.command().equals(command))
        .count();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {ANTMINER, BRAIINS, LUXOS})
  void acknowledgedButIgnoredIsNotApplied(String id) throws Exception {
    sim.faults()
        .miner(id, MinerFaultSettings.none().withIgnoreCommands(true))
        .await(5, TimeUnit.SECONDS);
    // resends after 1 s; the window leaves room for one even on a loaded machine
    MinerOutcome outcome = run(id, MinerCommand.sleep(), Duration.ofSeconds(8));
    assertEquals(Result.FAILED, outcome.result(), outcome.toString());
    assertEquals(MinerOutcome.NOT_APPLIED, outcome.error());
    assertEquals("mining", outcome.readbackState());
    assertTrue(outcome.attempts() >= 2, "resent while the deadline allowed: " + outcome);
    assertTrue(
        outcome.errorDetail().contains("acknowledged sleep " + outcome.attempts() + " times"),
        outcome.errorDetail());
    assertTrue(outcome.errorDetail().contains("still shows mining"), outcome.errorDetail());
    assertEquals(MinerState.MINING, simulated(id));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {ANTMINER, BRAIINS, LUXOS})
  void refusedCredentialsFailAtOnce(String id) throws Exception {
    sim.faults()
        .miner(id, MinerFaultSettings.none().withAuthFailure(true))
        .await(5, TimeUnit.SECONDS);
    MinerOutcome outcome = run(id, MinerCommand.sleep(), Duration.ofSeconds(5));
    assertEquals(Result.FAILED, outcome.result(), outcome.toString());
    assertEquals("auth_failed", outcome.error());
    assertEquals(1, outcome.attempts(), "a refused password is not retried");
    assertEquals(MinerState.MINING, simulated(id));
  }

  @Test
  void wrongWebPasswordIsAuthFailed() throws Exception {
    MinerOutcome outcome =
        run(
            commander(new MinerCredentials("root", "not-the-password", "admin", 80)),
            ANTMINER,
            MinerCommand.sleep(),
            Duration.ofSeconds(5));
    assertEquals(Result.FAILED, outcome.result(), outcome.toString());
    assertEquals("auth_failed", outcome.error());
    assertTrue(outcome.errorDetail().contains("'root'"), outcome.errorDetail());
    assertEquals(MinerState.MINING, simulated(ANTMINER));
  }

  @Test
  void busySessionIsRetriedUntilTheLogonSucceeds() throws Exception {
    sim.faults()
        .miner(LUXOS, MinerFaultSettings.none().withSessionBusy(2))
        .await(5, TimeUnit.SECONDS);
    MinerOutcome outcome = run(LUXOS, MinerCommand.sleep(), Duration.ofSeconds(10));
    assertEquals(Result.CONFIRMED, outcome.result(), outcome.toString());
    assertEquals(3, outcome.attempts(), "two refused logons, then the sleep");
    assertEquals(0, sim.faults().miner(LUXOS).sessionBusy());
    assertEquals(MinerState.SLEEPING, simulated(LUXOS));
  }

  @Test
  void busySessionUntilTheDeadlineFailsWithItsCode() throws Exception {
    sim.faults()
        .miner(LUXOS, MinerFaultSettings.none().withSessionBusy(1000))
        .await(5, TimeUnit.SECONDS);
    MinerOutcome outcome = run(LUXOS, MinerCommand.sleep(), Duration.ofSeconds(4));
    assertEquals(Result.FAILED, outcome.result(), outcome.toString());
    assertEquals("session_busy", outcome.error());
    assertTrue(outcome.errorDetail().contains("Another session is active"), outcome.errorDetail());
  }

  @Test
  void lostLogonReplyIsRecoveredFromTheMinersActiveSession() throws Exception {
    sim.faults()
        .miner(LUXOS, MinerFaultSettings.none().withLostLogonReplies(1))
        .await(5, TimeUnit.SECONDS);
    // the miner holds the session the lost reply named for 60 s idle: far past this window
    MinerOutcome outcome = run(LUXOS, MinerCommand.sleep(), Duration.ofSeconds(10));
    assertEquals(Result.CONFIRMED, outcome.result(), outcome.toString());
    assertEquals(2, outcome.attempts(), "the lost logon, then the sleep in the recovered session");
    assertEquals(0, sim.faults().miner(LUXOS).lostLogonReplies());
    assertEquals(MinerState.SLEEPING, simulated(LUXOS));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {ANTMINER, BRAIINS, LUXOS})
  void slowWakeIsConfirmedWithinTheDeadline(String id) throws Exception {
    // resends only after 5 s, so one send must be confirmed through the 1 s wake
    MinerCommander waiting =
        commander(
            MinerCredentials.factoryDefaults(),
            new MinerCommanderOptions(
                FAST.readbackInterval(),
                Duration.ofSeconds(5),
                FAST.initialBackoff(),
                FAST.maxBackoff(),
                FAST.maxAttempts()));
    assertEquals(
        Result.CONFIRMED, run(waiting, id, MinerCommand.sleep(), Duration.ofSeconds(10)).result());
    sim.faults()
        .miner(id, MinerFaultSettings.none().withSlowWakeSeconds(1))
        .await(5, TimeUnit.SECONDS);
    Instant sent = Instant.now();
    MinerOutcome outcome = run(waiting, id, MinerCommand.wake(), Duration.ofSeconds(10));
    assertEquals(Result.CONFIRMED, outcome.result(), outcome.toString());
    assertEquals("mining", outcome.readbackState());
    assertEquals(1, outcome.attempts(), "a 1 s wake needs no resend");
    // a read-back after the wake was sent still saw the miner asleep: the commander waited
    assertTrue(
        sim.groundTruth().minerReadings(id).stream()
            .anyMatch(
                r ->
                    !r.instant().isBefore(sent)
                        && r.command().startsWith("summary")
                        && r.state() == MinerState.SLEEPING),
        "no read-back saw the slow wake in progress");
  }

  @Test
  void confirmReadsBackAndNeverSends() throws Exception {
    assertEquals(
        Result.CONFIRMED, run(BRAIINS, MinerCommand.sleep(), Duration.ofSeconds(10)).result());
    MinerOutcome asleep =
        commander
            .confirm(address(BRAIINS), MinerCommand.sleep(), Instant.now().plusSeconds(5))
            .await(20, TimeUnit.SECONDS);
    assertEquals(Result.CONFIRMED, asleep.result(), asleep.toString());
    assertEquals(0, asleep.attempts());

    MinerOutcome notWoken =
        commander
            .confirm(address(BRAIINS), MinerCommand.wake(), Instant.now().plusSeconds(1))
            .await(20, TimeUnit.SECONDS);
    assertEquals(Result.FAILED, notWoken.result(), notWoken.toString());
    assertEquals(MinerOutcome.NOT_APPLIED, notWoken.error());
    assertEquals(0, notWoken.attempts());
    assertTrue(notWoken.errorDetail().startsWith("wake not sent again"), notWoken.errorDetail());
    assertEquals(0, served(BRAIINS, "resume"), "confirm sent nothing");
    assertEquals(MinerState.SLEEPING, simulated(BRAIINS));
  }

  @Test
  void powerLimitIsSkippedWhereTheFirmwareHasNone() throws Exception {
    for (String id : List.of(ANTMINER, BRAIINS, LUXOS)) {
      MinerOutcome outcome = run(id, MinerCommand.powerLimit(3000), Duration.ofSeconds(5));
      assertEquals(Result.SKIPPED, outcome.result(), outcome.toString());
      assertEquals(MinerOutcome.UNSUPPORTED, outcome.error());
      assertEquals(0, outcome.attempts());
      assertEquals("mining", outcome.readbackState());
    }
  }

  @Test
  void unreachableMinerFailsWithTheConnectionCode() throws Exception {
    sim.faults()
        .miner(BRAIINS, MinerFaultSettings.none().withOffline(OfflineMode.REFUSED))
        .await(5, TimeUnit.SECONDS);
    MinerOutcome outcome = run(BRAIINS, MinerCommand.sleep(), Duration.ofSeconds(1));
    assertEquals(Result.FAILED, outcome.result(), outcome.toString());
    assertEquals("refused", outcome.error());
    assertEquals(0, outcome.attempts(), "nothing was sent");
    assertNull(outcome.readbackState());
  }
}
