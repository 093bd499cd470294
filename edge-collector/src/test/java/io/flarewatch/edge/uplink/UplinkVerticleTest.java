package io.flarewatch.edge.uplink;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flarewatch.edge.buffer.BufferExecutor;
import io.flarewatch.edge.buffer.BufferTables;
import io.flarewatch.edge.buffer.SqliteSampleBuffer;
import io.flarewatch.edge.config.CentralLink;
import io.flarewatch.edge.config.UplinkConfig;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UplinkVerticleTest {

  @TempDir Path dir;
  private Vertx vertx;
  private FakeCentral central;
  private SqliteSampleBuffer buffer;
  private BufferExecutor executor;
  private final UplinkStats stats = new UplinkStats();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    central = new FakeCentral(vertx);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
    buffer.close();
  }

  private static List<String> lines(String prefix, int count) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add("m,site=s v=" + i + "i " + (prefix.hashCode() & 0xffff) * 1000L + i);
    }
    return lines;
  }

  private void openBuffer(Clock clock) {
    buffer = SqliteSampleBuffer.open(dir.resolve("buffer.db"), 1 << 24, clock);
    executor = new BufferExecutor(vertx, buffer);
  }

  private void deployUplink(int batchLines, double catchUpFactor) {
    UplinkConfig config = new UplinkConfig(batchLines, 10L, 50L, 5_000L, 30_000L, catchUpFactor);
    vertx
        .deployVerticle(
            new UplinkVerticle(
                "s",
                new CentralLink(URI.create("http://127.0.0.1:" + central.port()), "t"),
                config,
                executor,
                stats,
                Clock.systemUTC()))
        .await();
  }

  @Test
  void afterAnOutageLiveLinesGoFirstThenTheBacklogOldestFirst() {
    long now = System.currentTimeMillis();
    openBuffer(Clock.fixed(Instant.ofEpochMilli(now - 3_600_000), ZoneOffset.UTC));
    List<String> backlog = lines("backlog", 30);
    buffer.append(backlog.subList(0, 10));
    buffer.append(backlog.subList(10, 30));
    buffer.close();
    openBuffer(Clock.systemUTC());
    List<String> live = lines("live", 5);
    buffer.append(live);

    deployUplink(10, 10_000);
    await().atMost(Duration.ofSeconds(20)).until(() -> stats.linesSent() == 35);

    assertEquals(live, central.requests().get(0), "the first request carries the live lines");
    assertEquals(backlog, central.acceptedLines().subList(5, 35), "then the backlog, in order");
    assertEquals(0, buffer.stats().lines());
  }

  @Test
  void nothingLeavesTheBufferUntilCentralSays200() {
    openBuffer(Clock.systemUTC());
    buffer.append(lines("a", 4));
    central.answer(batch -> new FakeCentral.Answer(503, 0));
    deployUplink(100, 60);

    // the uplink counts a failure once it has read the 503, after central recorded the request
    await().atMost(Duration.ofSeconds(20)).until(() -> stats.failures() >= 3);
    assertTrue(central.requests().size() >= 3);
    assertEquals(4, buffer.stats().lines(), "503 keeps the batch");

    central.answer(batch -> FakeCentral.Answer.OK);
    await().atMost(Duration.ofSeconds(20)).until(() -> buffer.stats().lines() == 0);
    assertEquals(lines("a", 4), central.acceptedLines());
  }

  @Test
  void aLineCentralRefusesIsFoundBySplittingAndSetAsideAlone() {
    openBuffer(Clock.systemUTC());
    List<String> good = lines("good", 12);
    List<String> all = new ArrayList<>(good.subList(0, 7));
    all.add("poison line");
    all.addAll(good.subList(7, 12));
    buffer.append(all);
    central.answer(
        batch ->
            batch.contains("poison line")
                ? new FakeCentral.Answer(400, null)
                : FakeCentral.Answer.OK);

    deployUplink(100, 60);
    await().atMost(Duration.ofSeconds(20)).until(() -> buffer.stats().lines() == 0);

    assertEquals(
        new java.util.TreeSet<>(good),
        new java.util.TreeSet<>(central.acceptedLines()),
        "every good line once, in whatever order the halving sent them");
    assertEquals(good.size(), central.acceptedLines().size());
    assertEquals(1, stats.linesRejected());
    List<BufferTables.SetAside> setAside = BufferTables.rejected(dir.resolve("buffer.db"));
    assertEquals(1, setAside.size(), "only the refused line is set aside: " + setAside);
    assertEquals("poison line", setAside.get(0).line());
    assertTrue(setAside.get(0).reason().startsWith("400"), setAside.get(0).reason());
  }
}
