package io.flarewatch.demo;

import io.flarewatch.central.config.CommandsConfig;
import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.edge.config.CommandsConfig.Credentials;
import io.flarewatch.simulator.MinerEndpoint;
import io.flarewatch.simulator.SiteSimulator;
import io.flarewatch.wire.signing.Ed25519Signatures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Remote commands in a local system: central signs them with {@code signingKey} and plans ramps
 * with the site's load step; the edge verifies them with central's public key (fetched from {@code
 * GET /api/v1/commands/public-key}, as an operator configuring a site would) and acts on the
 * simulator's miners with the simulator's credentials. Stock Antminer web interfaces must all
 * listen on one port, each on its miner's own address (the simulator's LOOPBACK_RANGE addressing,
 * as in the field).
 *
 * @param signingKey central's command signing key (PEM); null: one made for the run next to the
 *     edge's buffer file
 * @param maxLoadStepKw the site's largest load step, at most the simulated generator's rating (a
 *     larger one is the rating: every miner in one group); null: 10 % of the rating
 * @param rampStepSeconds the window of a load step; null: central's default (5)
 * @param pingSeconds how often central pings the command stream (the edge's dead-link clock)
 * @param maxConcurrent miners the edge acts on at once; null: the edge's default
 */
public record CommandSettings(
    Path signingKey,
    Double maxLoadStepKw,
    Integer rampStepSeconds,
    int pingSeconds,
    Integer maxConcurrent) {

  /** Central's defaults: a key made for the run, 10 % load steps every 5 s, pings every 20 s. */
  public static CommandSettings defaults() {
    return new CommandSettings(null, null, null, CommandsConfig.DEFAULT_PING_SECONDS, null);
  }

  /** The site as central knows it: its ingest token and, with commands, its ramp settings. */
  static SiteConfig siteConfig(LocalSystem.Options options, String token) {
    CommandSettings commands = options.commands();
    if (commands == null) {
      return new SiteConfig(
          options.site(), options.site(), SiteConfig.sha256Hex(token), options.emissions());
    }
    double ratedKw = options.simulator().physics().ratedKw();
    return new SiteConfig(
        options.site(),
        options.site(),
        SiteConfig.sha256Hex(token),
        options.emissions(),
        null,
        null,
        ratedKw,
        commands.maxLoadStepKw() == null ? null : Math.min(commands.maxLoadStepKw(), ratedKw),
        commands.rampStepSeconds(),
        null);
  }

  /** Central's {@code commands} section; a key is made next to {@code bufferFile} if none given. */
  CommandsConfig centralConfig(Path bufferFile) {
    Path key = signingKey;
    if (key == null) {
      key = bufferFile.resolveSibling("command-signing-key.pem");
      writeNewKey(key);
    }
    return new CommandsConfig(key.toString(), null, null, pingSeconds);
  }

  /** Writes a new Ed25519 private key (PEM) to {@code file}. */
  static void writeNewKey(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(
          file, Ed25519Signatures.privateKeyPem(Ed25519Signatures.newKeyPair().getPrivate()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a signing key to " + file, e);
    }
  }

  /**
   * Central's command public key, from {@code GET /api/v1/commands/public-key}, into {@code file}.
   */
  static Future<Path> fetchPublicKey(Vertx vertx, int centralPort, Path file) {
    WebClient client = WebClient.create(vertx);
    return client
        .get(centralPort, "127.0.0.1", "/api/v1/commands/public-key")
        .send()
        .compose(
            response ->
                response.statusCode() == 200
                    ? vertx
                        .fileSystem()
                        .mkdirs(file.toAbsolutePath().getParent().toString())
                        .compose(
                            made -> vertx.fileSystem().writeFile(file.toString(), response.body()))
                        .map(file)
                    : Future.<Path>failedFuture(
                        "central's command public key: HTTP " + response.statusCode()))
        .eventually(
            () -> {
              client.close();
              return Future.succeededFuture();
            });
  }

  /** The edge's {@code commands} section: central's key and the simulator's credentials. */
  io.flarewatch.edge.config.CommandsConfig edgeSection(SiteSimulator simulator, Path centralKey) {
    return new io.flarewatch.edge.config.CommandsConfig(
        centralKey,
        null,
        new Credentials(
            "root",
            "root",
            simulator.config().miners().whatsminer().adminPassword(),
            antminerWebPort(simulator)),
        maxConcurrent,
        pingSeconds);
  }

  /**
   * The one port every stock Antminer web interface of the simulator listens on (80 when there is
   * none); the edge, as in the field, reaches each on its miner's own address.
   */
  static int antminerWebPort(SiteSimulator simulator) {
    Set<Integer> ports =
        simulator.miners().stream()
            .map(MinerEndpoint::webPort)
            .filter(Objects::nonNull)
            .collect(Collectors.toSet());
    if (ports.size() > 1) {
      throw new IllegalArgumentException(
          "the simulator's Antminer web interfaces listen on "
              + ports.size()
              + " ports; an edge reaches them on one: use LOOPBACK_RANGE addressing");
    }
    return ports.isEmpty() ? 80 : ports.iterator().next();
  }
}
