package io.flarewatch.edge.commands;

import static io.flarewatch.edge.commands.TestCommands.plan;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flarewatch.config.YamlConfigReader;
import io.flarewatch.edge.EdgeApp;
import io.flarewatch.edge.config.EdgeConfig;
import io.flarewatch.simulator.MinerEndpoint;
import io.flarewatch.simulator.SimulatorConfig;
import io.flarewatch.simulator.SiteSimulator;
import io.flarewatch.wire.LineProtocolParser;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.flarewatch.wire.command.CommandEnvelope;
import io.flarewatch.wire.signing.Ed25519Signatures;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole edge with a {@code commands} section, against the simulated site (a stock Antminer and a
 * Braiins OS miner): the edge opens the command stream, executes a command on the configured miners
 * through their firmware controls, confirmed by read-back, and counts it in its metrics.
 */
class EdgeAppCommandsTest {

  private static final String SITE = "well-7";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private Vertx vertx;
  private SiteSimulator simulator;
  private FakeCommandStream central;
  private EdgeApp edge;
  private final TestCommands signer = new TestCommands(Ed25519Signatures.newKeyPair());

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    simulator = SiteSimulator.start(vertx, SimulatorConfig.defaults(2, 3)).await();
    central = new FakeCommandStream(vertx, SITE, "site-token", 0);
    Path key = Files.writeString(dir.resolve("central.pub.pem"), signer.publicKeyPem());
    String miners =
        simulator.miners().stream()
            .map(m -> "  - {id: %s, host: %s, port: %d}".formatted(m.id(), m.host(), m.port()))
            .collect(Collectors.joining("\n"));
    // the one stock Antminer's web interface: the port every miner's is on, as in the field
    int webPort =
        simulator.miners().stream()
            .map(MinerEndpoint::webPort)
            .filter(java.util.Objects::nonNull)
            .findFirst()
            .orElseThrow();
    String yaml =
        """
        site: %s
        central: {url: "http://127.0.0.1:%d", token: site-token}
        polling: {intervalMillis: 60000, deviceTimeoutMillis: 2000, jitterMillis: 0}
        miners:
        %s
        buffer: {path: "%s", reserveBytes: 0}
        uplink: {minBackoffMillis: 1000, maxBackoffMillis: 5000}
        metrics: {host: 127.0.0.1, port: 0}
        commands: {centralPublicKeyFile: "%s", credentials: {webPort: %d}}
        """
            .formatted(SITE, central.port(), miners, dir.resolve("edge.db"), key, webPort);
    edge = EdgeApp.start(vertx, YamlConfigReader.parse(yaml, EdgeConfig.class)).await();
  }

  @AfterEach
  void stop() {
    edge.stop().await();
    central.close();
    simulator.close().await();
    vertx.close().await();
  }

  private List<Point> commandEvents(String command) {
    return edge.buffer().oldest(100_000).await().lines().stream()
        .flatMap(line -> LineProtocolParser.parse(line).stream())
        .filter(p -> p.measurement().equals(Schema.COMMAND_EVENT))
        .filter(p -> command.equals(p.tag(Schema.TAG_COMMAND)))
        .toList();
  }

  private static String state(Point event) {
    return (String) event.fields().get(Schema.FIELD_COMMAND_STATE);
  }

  @Test
  void aCommandFromCentralIsExecutedOnTheConfiguredMinersAndCounted() {
    await().atMost(WAIT).until(() -> central.openLinks() == 1);
    List<String> ids = simulator.miners().stream().map(MinerEndpoint::id).toList();
    CommandEnvelope sleep =
        TestCommands.sleep(
            SITE, Instant.now(), Duration.ofMinutes(5), plan(ids.get(0), 0L, ids.get(1), 100L));

    central.push(signer.sign(sleep));
    await()
        .atMost(WAIT)
        .until(
            () ->
                commandEvents(sleep.id()).size() == 3
                    && !state(commandEvents(sleep.id()).get(2)).equals("executing"));

    List<Point> events = commandEvents(sleep.id());
    assertEquals(
        List.of("delivered", "executing", "succeeded"),
        events.stream().map(EdgeAppCommandsTest::state).toList());
    assertEquals(2L, events.get(2).fields().get(Schema.FIELD_MINERS_CONFIRMED), events.toString());
    for (String id : ids) {
      assertEquals("SLEEPING", simulator.snapshot().miner(id).orElseThrow().state().name(), id);
    }
    String metrics =
        WebClient.create(vertx)
            .get(edge.metricsPort().getAsInt(), "127.0.0.1", "/metrics")
            .send()
            .await()
            .bodyAsString();
    assertEquals(
        true,
        metrics
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("flarewatch_edge_commands_accepted_total{") && l.endsWith(" 1.0")),
        metrics);
    assertEquals(
        true,
        metrics
            .lines()
            .anyMatch(
                l -> l.startsWith("flarewatch_edge_commands_link_up{") && l.endsWith(" 1.0")));
  }
}
