package io.flarewatch.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.edge.config.CommandsConfig;
import io.flarewatch.edge.config.EdgeConfig;
import io.flarewatch.edge.config.MinerConfig;
import io.flarewatch.edge.config.ModbusConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Flarewatch service (the edge or central) as a process of its own, from the packaged jar, its
 * output in a log file; {@link #kill()} is {@code kill -9}.
 */
final class JvmProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private JvmProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code mainClass --config config} and waits until its log shows {@code ready}. */
  static JvmProcess start(String mainClass, Path config, Path log, String ready) {
    Process process;
    try {
      process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  Path.of("target", "flarewatch.jar").toAbsolutePath().toString(),
                  mainClass,
                  "--config",
                  config.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JvmProcess started = new JvmProcess(process, log);
    await(mainClass + " ready")
        .atMost(Duration.ofSeconds(60))
        .until(() -> started.log().contains(ready) || !process.isAlive());
    assertTrue(process.isAlive(), () -> mainClass + " exited: " + started.log());
    return started;
  }

  /** SIGKILL: nothing of the process runs after this, no shutdown hook, no flush. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertTrue(process.waitFor(10, TimeUnit.SECONDS));
    assertEquals(137, process.exitValue(), "killed with SIGKILL");
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  /** The edge's config file (YAML) with the same settings as {@code config}. */
  static Path writeEdgeConfig(EdgeConfig config, Path file) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("site: ").append(config.site()).append('\n');
    yaml.append("central: {url: \"")
        .append(config.central().url())
        .append("\", token: ")
        .append(config.central().token())
        .append("}\n");
    yaml.append("polling: {intervalMillis: ")
        .append(config.polling().intervalMillis())
        .append(", deviceTimeoutMillis: ")
        .append(config.polling().deviceTimeoutMillis())
        .append(", jitterMillis: ")
        .append(config.polling().jitterMillis())
        .append("}\n");
    yaml.append("miners:\n");
    for (MinerConfig m : config.miners()) {
      yaml.append("  - {id: ")
          .append(m.id())
          .append(", host: ")
          .append(m.host())
          .append(", port: ")
          .append(m.port())
          .append("}\n");
    }
    yaml.append("modbus:\n");
    for (ModbusConfig d : config.modbus()) {
      yaml.append("  - {id: ")
          .append(d.id())
          .append(", role: ")
          .append(d.role())
          .append(", host: ")
          .append(d.host())
          .append(", port: ")
          .append(d.port())
          .append(", unitId: ")
          .append(d.unitId())
          .append(", registerMap: \"")
          .append(d.registerMap())
          .append("\"}\n");
    }
    yaml.append("buffer: {path: \"").append(config.buffer().path()).append("\"}\n");
    yaml.append("uplink: {minBackoffMillis: 50, maxBackoffMillis: 500}\n");
    CommandsConfig commands = config.commands();
    CommandsConfig.Credentials c = commands.credentials();
    yaml.append("commands: {centralPublicKeyFile: \"")
        .append(commands.centralPublicKeyFile())
        .append("\", pingSeconds: ")
        .append(commands.pingSeconds())
        .append(", credentials: {webUser: ")
        .append(c.webUser())
        .append(", webPassword: ")
        .append(c.webPassword())
        .append(", whatsminerAdminPassword: ")
        .append(c.whatsminerAdminPassword())
        .append(", webPort: ")
        .append(c.webPort())
        .append("}}\n");
    try {
      Files.writeString(file, yaml.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
