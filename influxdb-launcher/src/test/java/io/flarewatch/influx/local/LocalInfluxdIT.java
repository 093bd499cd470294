package io.flarewatch.influx.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
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

  /**
   * A tag with more than 100,000 values (InfluxDB's default {@code max-values-per-tag}, which the
   * in-memory index enforces) is accepted, and the shard keeps its series index on disk (tsi1: an
   * {@code index} folder in the shard). The series limit itself (1,000,000) is too large to reach
   * in a test; it is set by the same config.
   */
  @Test
  void acceptsATagWithMoreThanAHundredThousandValuesAndIndexesOnDisk() throws Exception {
    try (LocalInfluxd influxd = LocalInfluxd.start(dir)) {
      assertEquals(200, post(influxd.url(), "/query?q=CREATE+DATABASE+fleet", "").statusCode());
      assertEquals(204, write(influxd.url(), 0, 100_001).statusCode());
      HttpResponse<String> beyond = write(influxd.url(), 100_001, 100_011);
      assertEquals(204, beyond.statusCode(), beyond.body());
      try (Stream<Path> shards = Files.list(dir.resolve("data/fleet/autogen"))) {
        List<Path> all = shards.filter(Files::isDirectory).toList();
        assertEquals(1, all.size(), all.toString());
        assertTrue(Files.isDirectory(all.get(0).resolve("index")), "tsi1 index in " + all.get(0));
      }
    }
  }

  /** Asked for the in-memory index (to compare), the shard keeps no index folder. */
  @Test
  void runsTheInMemoryIndexWhenAskedAndRefusesAnUnknownIndex() throws Exception {
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> LocalInfluxd.start(dir, 0, "tsi2"));
    assertEquals("index version must be tsi1 or inmem, not 'tsi2'", unknown.getMessage());
    try (LocalInfluxd influxd = LocalInfluxd.start(dir, 0, "inmem")) {
      assertEquals(200, post(influxd.url(), "/query?q=CREATE+DATABASE+fleet", "").statusCode());
      assertEquals(204, write(influxd.url(), 0, 10).statusCode());
      try (Stream<Path> shards = Files.list(dir.resolve("data/fleet/autogen"))) {
        List<Path> all = shards.filter(Files::isDirectory).toList();
        assertEquals(1, all.size(), all.toString());
        assertFalse(Files.exists(all.get(0).resolve("index")), "no tsi1 index in " + all.get(0));
      }
    }
  }

  private HttpResponse<String> write(URI base, int from, int to) throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = from; i < to; i++) {
      lines.append("miner,miner=m").append(i).append(" up=1i 1000\n");
    }
    return post(base, "/write?db=fleet&precision=ms", lines.toString());
  }

  private HttpResponse<String> post(URI base, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
