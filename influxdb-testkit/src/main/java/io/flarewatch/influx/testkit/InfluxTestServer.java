package io.flarewatch.influx.testkit;

import io.flarewatch.influx.local.LocalInfluxd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.InfluxDBContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One real InfluxDB per test JVM, found in this order:
 *
 * <ol>
 *   <li>{@code INFLUX_URL} (with {@code INFLUX_USERNAME} / {@code INFLUX_PASSWORD}): a running
 *       server;
 *   <li>{@code influxd} installed (Debian's {@code influxdb} package): started here in a temporary
 *       directory on a free port;
 *   <li>Docker available: the official {@code influxdb:1.8} image through Testcontainers.
 * </ol>
 *
 * If none is there the tests FAIL with a message saying how to provide one: integration tests
 * against InfluxDB are never skipped.
 */
public final class InfluxTestServer {

  private static final Logger LOG = LoggerFactory.getLogger(InfluxTestServer.class);
  private static InfluxTarget shared;
  private static LocalInfluxd local;

  private InfluxTestServer() {}

  /** The shared target, started on first use and stopped when the JVM exits. */
  public static synchronized InfluxTarget shared() {
    if (shared == null) {
      shared = find();
      LOG.info("integration tests use InfluxDB at {} ({})", shared.url(), shared.origin());
    }
    return shared;
  }

  /** A database name no other test uses, for isolation on a shared server. */
  public static String uniqueDatabase(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /**
   * Starts a private influxd (not shared) in the given directory, for tests that stop and restart
   * the server itself. Fails with a clear message where influxd is not installed.
   */
  public static LocalInfluxd startPrivate(Path directory) {
    return LocalInfluxd.start(directory);
  }

  private static InfluxTarget find() {
    String url = System.getenv("INFLUX_URL");
    if (url != null && !url.isBlank()) {
      return new InfluxTarget(
          URI.create(url.strip()),
          System.getenv().getOrDefault("INFLUX_USERNAME", ""),
          System.getenv().getOrDefault("INFLUX_PASSWORD", ""),
          "INFLUX_URL");
    }
    if (LocalInfluxd.findExecutable().isPresent()) {
      Path dir = temporaryDirectory();
      local = LocalInfluxd.start(dir);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      return new InfluxTarget(local.url(), "", "", "local influxd, pid " + local.pid());
    }
    if (dockerAvailable()) {
      return startContainer();
    }
    throw new IllegalStateException(
        "No InfluxDB for the integration tests. Install Debian's 'influxdb' package"
            + " (apt-get install influxdb), or set INFLUX_URL to a running InfluxDB 1.x,"
            + " or make Docker available for Testcontainers.");
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      LOG.info("Docker is not usable: {}", e.toString());
      return false;
    }
  }

  @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
  private static InfluxTarget startContainer() {
    InfluxDBContainer<?> container =
        new InfluxDBContainer<>(DockerImageName.parse("influxdb:1.8")).withAuthEnabled(false);
    container.start();
    return new InfluxTarget(URI.create(container.getUrl()), "", "", "Testcontainers influxdb:1.8");
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("flarewatch-influxd-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    if (local != null) {
      local.close();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", dir, e.toString());
    }
  }
}
