package io.flarewatch.influx.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real influxd; CI installs Debian's influxdb package so this never skips. */
class LocalInfluxdIT {

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesOnAFreePortKeepsDataAcrossRestartsAndStopsItsProcess() throws Exception {
    long pid;
    URI firstUrl;
    try (LocalInfluxd influxd = LocalInfluxd.start(dir)) {
      pid = influxd.pid();
      firstUrl = influxd.url();
      assertEquals(200, post(influxd.url(), "/query?q=CREATE+DATABASE+t", "").statusCode());
      assertEquals(
          204, post(influxd.url(), "/write?db=t&precision=ms", "m v=42 1000").statusCode());
    }
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "stopped");
    assertTrue(Files.isDirectory(dir.resolve("data")));

    try (LocalInfluxd again = LocalInfluxd.start(dir)) {
      assertNotEquals(pid, again.pid());
      String body =
          http.send(
                  HttpRequest.newBuilder(
                          again.url().resolve("/query?db=t&epoch=ms&q=SELECT+v+FROM+m"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertTrue(body.contains("[[1000,42]]"), body);
    }
    assertTrue(firstUrl.getPort() > 0);
  }

  private HttpResponse<String> post(URI base, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
