package io.flarewatch.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.config.YamlConfigReader;
import io.flarewatch.edge.config.EdgeConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An edge that cannot start (its metrics port is taken) undoes what it started, says why in one
 * line, and its process exits with code 1 at once: no hang, no blocked-thread reports.
 */
class EdgeStartFailureTest {

  @TempDir Path dir;
  private ServerSocket taken;

  @BeforeEach
  void takeAPort() throws Exception {
    taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void releaseThePort() throws Exception {
    taken.close();
  }

  private String yaml() {
    return """
        site: start-site
        central: {url: "http://127.0.0.1:9", token: unused}
        polling: {intervalMillis: 10000, deviceTimeoutMillis: 1000, jitterMillis: 0}
        buffer: {path: "%s", reserveBytes: 0}
        metrics: {host: 127.0.0.1, port: %d}
        """
        .formatted(dir.resolve("edge.db"), taken.getLocalPort());
  }

  @Test
  void aFailedStartStopsWhatItStartedAndClosesTheBuffer() {
    Vertx vertx = Vertx.vertx();
    try {
      EdgeConfig config = YamlConfigReader.parse(yaml(), EdgeConfig.class);

      Throwable failure =
          EdgeApp.start(vertx, config)
              .transform(done -> Future.succeededFuture(done.cause()))
              .await();

      assertTrue(failure != null, "the start failed");
      assertEquals(
          "cannot serve metrics on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use",
          failure.getMessage());
      assertEquals(List.of(), List.copyOf(vertx.deploymentIDs()), "the uplink and poller are gone");
      assertFalse(
          Files.exists(dir.resolve("edge.db-wal")),
          "the buffer was closed (SQLite removes the WAL when its last connection closes)");
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void aSiteLocalAppWhosePortIsTakenStopsTheStartAndClosesTheRollups() {
    Vertx vertx = Vertx.vertx();
    try {
      String yaml =
          """
          site: start-site
          central: {url: "http://127.0.0.1:9", token: unused}
          polling: {intervalMillis: 10000, deviceTimeoutMillis: 1000, jitterMillis: 0}
          buffer: {path: "%s", reserveBytes: 0}
          localApp: {host: 127.0.0.1, port: %d}
          """
              .formatted(dir.resolve("edge.db"), taken.getLocalPort());
      EdgeConfig config = YamlConfigReader.parse(yaml, EdgeConfig.class);

      Throwable failure =
          EdgeApp.start(vertx, config)
              .transform(done -> Future.succeededFuture(done.cause()))
              .await();

      assertTrue(failure != null, "the start failed");
      assertEquals(
          "cannot serve the site-local app on 127.0.0.1:"
              + taken.getLocalPort()
              + ": Address already in use",
          failure.getMessage());
      assertEquals(List.of(), List.copyOf(vertx.deploymentIDs()), "everything started is gone");
      assertFalse(
          Files.exists(dir.resolve("edge.db.rollups-wal")),
          "the rollups file was closed (SQLite removes the WAL when its last connection closes)");
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void theProcessExitsWithOneClearLine() throws Exception {
    Path config = Files.writeString(dir.resolve("edge.yaml"), yaml());
    Path stderr = dir.resolve("edge.err");
    Process edge =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                EdgeMain.class.getName(),
                "--config",
                config.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(stderr.toFile())
            .start();
    boolean exited;
    try {
      exited = edge.waitFor(60, TimeUnit.SECONDS);
    } finally {
      edge.destroyForcibly();
    }
    String errors = Files.readString(stderr, StandardCharsets.UTF_8);

    assertTrue(exited, "the edge is still running: " + errors);
    assertEquals(1, edge.exitValue(), errors);
    List<String> failureLines =
        errors.lines().filter(l -> l.startsWith("edge failed to start")).toList();
    assertEquals(
        List.of(
            "edge failed to start: cannot serve metrics on 127.0.0.1:"
                + taken.getLocalPort()
                + ": Address already in use"),
        failureLines);
    assertFalse(errors.contains("blocked"), errors);
    assertFalse(errors.contains("did not stop cleanly"), errors);
    assertFalse(errors.contains("\tat "), "no stack traces: " + errors);
  }
}
