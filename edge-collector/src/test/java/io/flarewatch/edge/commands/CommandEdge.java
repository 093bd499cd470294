package io.flarewatch.edge.commands;

import io.flarewatch.config.YamlConfigReader;
import io.flarewatch.edge.buffer.BufferExecutor;
import io.flarewatch.edge.buffer.SqliteSampleBuffer;
import io.flarewatch.edge.config.EdgeConfig;
import io.flarewatch.edge.control.MinerOverrides;
import io.flarewatch.wire.LineProtocolParser;
import io.flarewatch.wire.Point;
import io.flarewatch.wire.Schema;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The command side of an edge on a buffer file: the executor and the link, as {@code EdgeApp}
 * deploys them, with miners of the test's own. Stopping it and starting another on the same file is
 * a restart.
 */
final class CommandEdge implements AutoCloseable {

  static final String SITE = "well-7";
  static final String TOKEN = "site-token";

  private final Vertx vertx;
  private final BufferExecutor buffer;
  private final Deque<String> deployed = new ArrayDeque<>();
  final CommandStats stats = new CommandStats();
  final LocalCommands local;

  /** The miners the edge's commands hold from the load loop. */
  final MinerOverrides overrides = new MinerOverrides();

  /**
   * @param central the config's {@code central} section, e.g. {@code {url: ..., token: ...}}
   * @param extra more keys of the {@code commands} section
   */
  CommandEdge(
      Vertx vertx,
      Path dir,
      String publicKeyPem,
      String central,
      MinerActions actions,
      String extra)
      throws Exception {
    this.vertx = vertx;
    Path key = dir.resolve("central.pub.pem");
    Files.writeString(key, publicKeyPem);
    String yaml =
        """
        site: %s
        central: %s
        miners:
          - {id: m-1, host: 127.0.0.1, port: 40001}
          - {id: m-2, host: 127.0.0.1, port: 40002}
          - {id: m-3, host: 127.0.0.1, port: 40003}
        buffer: {path: "%s", reserveBytes: 0}
        uplink: {minBackoffMillis: 20, maxBackoffMillis: 200}
        commands:
          centralPublicKeyFile: "%s"
          clockSkewSeconds: 5
          maxConcurrent: 2
        %s
        """
            .formatted(SITE, central, dir.resolve("edge.db"), key, extra.indent(2).stripTrailing());
    EdgeConfig config = YamlConfigReader.parse(yaml, EdgeConfig.class);
    buffer =
        BufferExecutor.open(
                vertx,
                () ->
                    SqliteSampleBuffer.open(config.buffer().path(), 1 << 26, 0, Clock.systemUTC()))
            .await();
    CommandVerticles assembled =
        CommandVerticles.assemble(
            vertx, config, buffer, actions, stats, Clock.systemUTC(), overrides);
    for (Deployable verticle : assembled.verticles()) {
      deployed.push(vertx.deployVerticle(verticle).await());
    }
    local = assembled.local();
  }

  /** Every point in the buffer, in the order appended. */
  List<Point> points() {
    return buffer.oldest(100_000).await().lines().stream()
        .flatMap(line -> LineProtocolParser.parse(line).stream())
        .toList();
  }

  /** The {@code command_event} states of one command, in order. */
  List<String> events(String command) {
    return points().stream()
        .filter(p -> p.measurement().equals(Schema.COMMAND_EVENT))
        .filter(p -> p.tag(Schema.TAG_COMMAND).equals(command))
        .map(p -> (String) p.fields().get(Schema.FIELD_COMMAND_STATE))
        .toList();
  }

  /** The last {@code command_event} of a command. */
  Point lastEvent(String command) {
    return points().stream()
        .filter(p -> p.measurement().equals(Schema.COMMAND_EVENT))
        .filter(p -> p.tag(Schema.TAG_COMMAND).equals(command))
        .reduce((first, second) -> second)
        .orElseThrow();
  }

  /** The {@code command_miner} outcomes of one miner under one command, in order. */
  List<String> minerOutcomes(String command, String miner) {
    return points().stream()
        .filter(p -> p.measurement().equals(Schema.COMMAND_MINER))
        .filter(p -> p.tag(Schema.TAG_COMMAND).equals(command))
        .filter(p -> p.tag(Schema.TAG_MINER).equals(miner))
        .map(p -> (String) p.fields().get(Schema.FIELD_OUTCOME))
        .toList();
  }

  /** The {@code central} section for a plain-http central on the loopback. */
  static String plainCentral(int port, String token) {
    return "{url: \"http://127.0.0.1:" + port + "\", token: " + token + "}";
  }

  /** Stops it without finishing anything, as a killed edge stops, and closes the buffer file. */
  @Override
  public void close() {
    while (!deployed.isEmpty()) {
      vertx.undeploy(deployed.pop()).await();
    }
    buffer.close().await();
  }
}
