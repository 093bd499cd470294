package io.flarewatch.distribution;

import io.flarewatch.central.config.CentralConfig;
import io.flarewatch.edge.config.EdgeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configs the deploy files hand to central and the edge, loaded through the services' own
 * readers and validation, and as they are started in a test: on free ports, InfluxDB out of reach,
 * the buffer in a temporary folder.
 */
final class DeployConfigs {

  static final String COMPOSE_CENTRAL = "deploy/compose/central.yaml";
  static final String COMPOSE_EDGE = "deploy/compose/edge.yaml";

  private DeployConfigs() {}

  static CentralConfig central(String yaml) {
    return Repository.loadConfig(yaml, CentralConfig.class, tree -> {});
  }

  static EdgeConfig edge(String yaml) {
    return Repository.loadConfig(yaml, EdgeConfig.class, tree -> {});
  }

  /** Central's config to start in a test: a free port, InfluxDB on a port nothing listens on. */
  static CentralConfig centralForTest(String yaml) {
    return Repository.loadConfig(
        yaml,
        CentralConfig.class,
        tree -> {
          tree.withObjectProperty("http").put("port", 0).put("host", "127.0.0.1");
          tree.withObjectProperty("influx").put("url", "http://127.0.0.1:1");
        });
  }

  /** The edge's config to start in a test: a free metrics port, the buffer in {@code folder}. */
  static EdgeConfig edgeForTest(String yaml, Path folder) {
    return Repository.loadConfig(
        yaml,
        EdgeConfig.class,
        tree -> {
          tree.withObjectProperty("metrics").put("port", 0).put("host", "127.0.0.1");
          tree.withObjectProperty("buffer")
              .put("path", folder.resolve("edge-buffer.db").toString());
        });
  }

  /** A fresh Ed25519 key in a file, for configs whose key file exists only where deployed. */
  static Path signingKey(Path folder) {
    try {
      Path key = folder.resolve("report-signing.pem");
      Files.writeString(
          key,
          io.flarewatch.wire.signing.Ed25519Signatures.privateKeyPem(
              io.flarewatch.wire.signing.Ed25519Signatures.newKeyPair().getPrivate()));
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
