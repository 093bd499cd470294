package io.flarewatch.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code flarewatch demo} as a user runs it: it starts its own influxd, central,
 * simulator and edge, shows non-zero site status within 30 s, and on Ctrl-C (SIGINT) stops with
 * nothing left running.
 */
class DemoCommandIT {

  /** The demo prints a ready bearer token for the API's user endpoints. */
  private static final Pattern TOKEN = Pattern.compile("export TOKEN=(\\S+)");

  private static final Pattern LOCATION =
      Pattern.compile("^location: (\\S+)", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  @TempDir Path workDir;

  @Test
  void demoShowsLiveStatusAndStopsCleanlyOnCtrlC() throws Exception {
    Path jar = Path.of("target", "flarewatch.jar").toAbsolutePath();
    assertTrue(Files.exists(jar), "the demo jar is built in the package phase: " + jar);
    int port = freePort();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "demo")
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("demo.log").toFile());
    builder.environment().remove("INFLUX_URL");
    builder.environment().put("FLAREWATCH_PORT", Integer.toString(port));
    builder.environment().put("FLAREWATCH_MINERS_HOST", CommandSystem.randomLoopbackHost());
    Process demo = builder.start();
    try {
      JsonObject status = awaitLiveStatus(demo, port, Duration.ofSeconds(30));
      assertTrue(status.getDouble("generatorKw") > 0, status.encode());
      assertTrue(status.getDouble("hashrateThs") > 0, status.encode());
      assertTrue(status.getInteger("minersOnline") >= 10, status.encode());
      assertPrintedCommandLinesWork(port);

      List<ProcessHandle> children = demo.descendants().toList();
      assertFalse(children.isEmpty(), "the demo runs its own influxd");
      new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor();

      assertTrue(demo.waitFor(40, TimeUnit.SECONDS), "the demo stops after Ctrl-C");
      assertEquals(130, demo.exitValue(), log());
      for (ProcessHandle child : children) {
        child.onExit().get(10, TimeUnit.SECONDS);
        assertFalse(child.isAlive(), "left running: " + child.info().command().orElse("?"));
      }
      assertTrue(Files.isDirectory(workDir.resolve(".flarewatch/influxdb/data")), "data kept");
      assertTrue(log().contains("Stopped."), log());
    } finally {
      demo.descendants().forEach(ProcessHandle::destroyForcibly);
      demo.destroyForcibly();
    }
  }

  /**
   * The printed sleep and wake lines, run by a shell as a user would paste them, each issue a
   * command (201 with its status URL in {@code Location}) that the edge takes: its state leaves
   * {@code queued}.
   */
  private void assertPrintedCommandLinesWork(int port) throws Exception {
    Matcher token = TOKEN.matcher(log());
    assertTrue(token.find(), log());
    List<String> lines =
        log().lines().map(String::strip).filter(l -> l.startsWith("curl -i -X POST")).toList();
    assertEquals(2, lines.size(), "a sleep and a wake line: " + log());
    assertTrue(lines.get(0).contains("\"action\":\"sleep\""), lines.get(0));
    assertTrue(lines.get(1).contains("\"action\":\"wake\""), lines.get(1));
    HttpClient http = HttpClient.newHttpClient();
    for (String line : lines) {
      ProcessBuilder shell =
          new ProcessBuilder("bash", "-c", line)
              .redirectError(ProcessBuilder.Redirect.DISCARD); // curl's progress meter
      shell.environment().put("TOKEN", token.group(1));
      Process curl = shell.start();
      String answer = new String(curl.getInputStream().readAllBytes());
      assertTrue(curl.waitFor(30, TimeUnit.SECONDS), line);
      assertTrue(answer.startsWith("HTTP/1.1 201"), line + "\n" + answer);
      Matcher location = LOCATION.matcher(answer);
      assertTrue(location.find(), answer);
      URI status = URI.create("http://127.0.0.1:" + port + "/").resolve(location.group(1).strip());
      AtomicReference<String> state = new AtomicReference<>();
      await("the edge takes " + status)
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                HttpResponse<String> command =
                    http.send(
                        HttpRequest.newBuilder(status)
                            .header("Authorization", "Bearer " + token.group(1))
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                state.set(new JsonObject(command.body()).getString("state"));
                return !"queued".equals(state.get());
              });
      assertTrue(List.of("delivered", "executing", "succeeded").contains(state.get()), state.get());
    }
  }

  private JsonObject awaitLiveStatus(Process demo, int port, Duration limit) {
    HttpClient http = HttpClient.newHttpClient();
    AtomicReference<JsonObject> last = new AtomicReference<>();
    try {
      await("a live status")
          .atMost(limit)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> liveStatus(demo, http, port, last));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "no live status within " + limit + "; last: " + last.get() + "\n" + log(), e);
    }
    return last.get();
  }

  /** Whether the demo answers a status with power and hashrate; {@code last} keeps the answer. */
  private boolean liveStatus(
      Process demo, HttpClient http, int port, AtomicReference<JsonObject> last)
      throws InterruptedException {
    assertTrue(demo.isAlive(), () -> "the demo exited: " + log());
    Matcher token = TOKEN.matcher(log());
    if (!token.find()) {
      return false;
    }
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/sites/demo-site/status"))
            .header("Authorization", "Bearer " + token.group(1))
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return false;
      }
      last.set(new JsonObject(response.body()));
      Double kw = last.get().getDouble("generatorKw");
      Double hashrate = last.get().getDouble("hashrateThs");
      return kw != null && kw > 0 && hashrate != null && hashrate > 0;
    } catch (IOException notUpYet) {
      last.set(new JsonObject().put("error", notUpYet.toString()));
      return false;
    }
  }

  private String log() {
    try {
      return Files.readString(workDir.resolve("demo.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
