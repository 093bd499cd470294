package io.flarewatch.influx.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@code influxd} (InfluxDB 1.x, e.g. Debian's {@code influxdb} package) started as a child
 * process with all its state under one directory and its HTTP API on a free loopback port.
 *
 * <p>Closing it stops the process (SIGTERM, then SIGKILL after a grace period); a JVM shutdown hook
 * does the same if the owner never closes it.
 */
public final class LocalInfluxd implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalInfluxd.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  /**
   * The {@code [data]} settings a fleet of 1,000 sites x 1,000 miners needs, by their key in {@code
   * influxdb.conf}; the deploy files set the same through the official image's variables ({@code
   * INFLUXDB_DATA_} and the key in capitals, e.g. {@code INFLUXDB_DATA_INDEX_VERSION}).
   *
   * <ul>
   *   <li>{@code max-series-per-database = 0}: no series limit (InfluxDB's default, 1,000,000, is
   *       below the fleet's miners alone);
   *   <li>{@code max-values-per-tag = 0}: no limit on a tag's values (default 100,000; a fleet
   *       whose miner ids are unique across sites, e.g. serial numbers, has 1,000,000);
   *   <li>{@code index-version = tsi1}: the series index on disk, not in memory (the in-memory
   *       index held 10.4 GB at 995,000 series).
   * </ul>
   */
  public static final Map<String, String> FLEET_DATA_SETTINGS =
      mapOf("max-series-per-database", "0", "max-values-per-tag", "0", "index-version", "tsi1");

  private final Process process;
  private final URI url;
  private final Path directory;
  private final Thread shutdownHook;

  private LocalInfluxd(Process process, URI url, Path directory) {
    this.process = process;
    this.url = url;
    this.directory = directory;
    this.shutdownHook = new Thread(this::stopProcess, "influxd-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Where the {@code influxd} executable is: on the PATH, or in /usr/bin as Debian installs it. */
  public static Optional<Path> findExecutable() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir :
        (path + java.io.File.pathSeparator + "/usr/bin").split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "influxd");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Starts influxd with its data, WAL, meta and log under {@code directory} (created if needed;
   * existing data is kept, so a restart sees what was written before).
   *
   * @throws IllegalStateException if influxd is not installed or does not come up, with the reason
   *     and the tail of its log
   */
  public static LocalInfluxd start(Path directory) {
    return start(directory, 0);
  }

  /**
   * Like {@link #start(Path)}, on the given HTTP port (0 picks a free one), e.g. to restart a
   * server where its clients expect it.
   */
  public static LocalInfluxd start(Path directory, int port) {
    return start(directory, port, FLEET_DATA_SETTINGS.get("index-version"));
  }

  /**
   * Like {@link #start(Path, int)}, with the given series index: {@code tsi1} (on disk, as the
   * deploy files set) or {@code inmem} (InfluxDB 1.x's in-memory index), e.g. to compare the two.
   *
   * @throws IllegalArgumentException if {@code indexVersion} is neither
   */
  public static LocalInfluxd start(Path directory, int port, String indexVersion) {
    if (!indexVersion.equals("tsi1") && !indexVersion.equals("inmem")) {
      throw new IllegalArgumentException(
          "index version must be tsi1 or inmem, not '" + indexVersion + "'");
    }
    Path executable =
        findExecutable()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "influxd is not installed: install Debian's 'influxdb' package"
                            + " (sudo apt-get install influxdb) or point INFLUX_URL at a running"
                            + " InfluxDB"));
    try {
      Files.createDirectories(directory);
      int httpPort = port == 0 ? freePort() : port;
      int rpcPort = freePort();
      Path config = directory.resolve("influxdb.conf");
      Files.writeString(
          config, configText(directory.toAbsolutePath(), httpPort, rpcPort, indexVersion));
      Path log = directory.resolve("influxd.log");
      Process process =
          new ProcessBuilder(executable.toString(), "-config", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      URI url = URI.create("http://127.0.0.1:" + httpPort);
      LocalInfluxd influxd = new LocalInfluxd(process, url, directory);
      influxd.awaitReady(log);
      LOG.info("influxd {} serving {} with data in {}", process.pid(), url, directory);
      return influxd;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start influxd in " + directory, e);
    }
  }

  /** The HTTP API base URL, e.g. {@code http://127.0.0.1:41234}. */
  public URI url() {
    return url;
  }

  public Path directory() {
    return directory;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or has run: the process is being stopped either way
    }
  }

  private void stopProcess() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        LOG.warn("influxd {} did not stop within {}; killing it", process.pid(), STOP_GRACE);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady(Path log) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ping =
        HttpRequest.newBuilder(url.resolve("/ping")).timeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "influxd exited with code "
                + process.exitValue()
                + " at start; its log ends:\n"
                + tail(log));
      }
      try {
        if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 204) {
          return;
        }
      } catch (IOException notYetListening) {
        LOG.debug("influxd not ready yet: {}", notYetListening.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("interrupted while waiting for influxd", e);
      }
      sleep(100);
    }
    close();
    throw new IllegalStateException(
        "influxd did not answer /ping within " + START_TIMEOUT + "; its log ends:\n" + tail(log));
  }

  private static String configText(Path dir, int httpPort, int rpcPort, String indexVersion) {
    return String.join(
        "\n",
        "reporting-disabled = true",
        "bind-address = \"127.0.0.1:" + rpcPort + "\"",
        "",
        "[meta]",
        "  dir = \"" + dir.resolve("meta") + "\"",
        "  logging-enabled = false",
        "",
        "[data]",
        "  dir = \"" + dir.resolve("data") + "\"",
        "  wal-dir = \"" + dir.resolve("wal") + "\"",
        "  query-log-enabled = false",
        "  trace-logging-enabled = false",
        "  max-series-per-database = " + FLEET_DATA_SETTINGS.get("max-series-per-database"),
        "  max-values-per-tag = " + FLEET_DATA_SETTINGS.get("max-values-per-tag"),
        "  index-version = \"" + indexVersion + "\"",
        "",
        "[monitor]",
        "  store-enabled = false",
        "",
        "[http]",
        "  bind-address = \"127.0.0.1:" + httpPort + "\"",
        "  log-enabled = false",
        "  max-body-size = 25000000",
        "",
        "[continuous_queries]",
        "  log-enabled = false",
        "");
  }

  private static Map<String, String> mapOf(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
