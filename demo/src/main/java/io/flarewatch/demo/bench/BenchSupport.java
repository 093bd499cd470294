package io.flarewatch.demo.bench;

import io.flarewatch.central.config.SiteConfig;
import io.flarewatch.influx.local.LocalInfluxd;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What the benchmarks share: free ports and central in its own JVM. */
final class BenchSupport {

  private BenchSupport() {}

  /** Central in its own JVM. */
  record RunningCentral(ChildProcess process, int port) implements AutoCloseable {
    @Override
    public void close() {
      process.close();
    }
  }

  static RunningCentral startCentral(Path work, LocalInfluxd influxd, String token)
      throws IOException {
    int port = freePort();
    Path config = work.resolve("central.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "http: {host: 127.0.0.1, port: " + port + "}",
            "influx: {url: \"" + influxd.url() + "\", database: bench}",
            "auth: {jwtSecret: \""
                + java.util.UUID.randomUUID()
                + java.util.UUID.randomUUID()
                + "\"}",
            "sites:",
            "  - {id: bench-site, ingestTokenSha256: \"" + SiteConfig.sha256Hex(token) + "\"}",
            ""));
    return startCentral(config, port);
  }

  /** Central in its own JVM with the config file {@code config}, listening on {@code port}. */
  static RunningCentral startCentral(Path config, int port) throws IOException {
    return new RunningCentral(
        ChildProcess.start(
            "io.flarewatch.central.CentralMain",
            List.of("--config", config.toString()),
            "central API listening on port",
            Duration.ofSeconds(60)),
        port);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
