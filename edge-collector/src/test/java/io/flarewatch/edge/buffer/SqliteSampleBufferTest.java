package io.flarewatch.edge.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSampleBufferTest {

  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC);

  @TempDir Path dir;

  private SqliteSampleBuffer open(long maxBytes) {
    return SqliteSampleBuffer.open(dir.resolve("buffer.db"), maxBytes, CLOCK);
  }

  private static List<String> lines(int from, int count) {
    List<String> lines = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      lines.add("m,site=s v=" + i + " " + i);
    }
    return lines;
  }

  @Test
  void batchesComeOutOldestFirstAndLeaveOnlyWhenRemoved() {
    try (SampleBuffer buffer = open(1 << 20)) {
      buffer.append(lines(0, 5));
      buffer.append(lines(5, 5));

      Batch first = buffer.oldest(4);
      assertEquals(lines(0, 4), first.lines());
      assertEquals(lines(0, 4), buffer.oldest(4).lines(), "not removed yet: offered again");

      buffer.remove(first);
      buffer.remove(first);
      assertEquals(lines(4, 6), buffer.oldest(100).lines());
      assertEquals(6, buffer.stats().lines());
      assertEquals(1_000_000, buffer.stats().oldestCollectedMillis());
    }
  }

  @Test
  void rowsOfAnotherTableCommitWithTheLinesOrNeitherDoes() {
    try (SampleBuffer buffer = open(1 << 20)) {
      buffer.append(List.of(), c -> execute(c, "CREATE TABLE notes (note TEXT)"));

      buffer.append(lines(0, 2), c -> execute(c, "INSERT INTO notes VALUES ('kept')"));
      BufferException refused =
          assertThrows(
              BufferException.class,
              () ->
                  buffer.append(
                      lines(2, 2),
                      c -> {
                        execute(c, "INSERT INTO notes VALUES ('lost')");
                        return execute(c, "INSERT INTO no_such_table VALUES (1)");
                      }));

      assertTrue(refused.getMessage().contains("no_such_table"), refused.getMessage());
      assertEquals(lines(0, 2), buffer.oldest(10).lines(), "the second append left no line");
      assertEquals(2, buffer.stats().lines());
      assertEquals(
          List.of("kept"),
          buffer.read(
              c -> {
                List<String> notes = new ArrayList<>();
                try (var s = c.createStatement();
                    var r = s.executeQuery("SELECT note FROM notes")) {
                  while (r.next()) {
                    notes.add(r.getString(1));
                  }
                }
                return notes;
              }),
          "and no row");
    }
  }

  private static Void execute(Connection c, String sql) throws SQLException {
    try (var s = c.createStatement()) {
      s.execute(sql);
    }
    return null;
  }

  @Test
  void appendedLinesSurviveClosingAndReopening() {
    try (SampleBuffer buffer = open(1 << 20)) {
      buffer.append(lines(0, 3));
      buffer.remove(buffer.oldest(1));
    }
    try (SampleBuffer reopened = open(1 << 20)) {
      assertEquals(lines(1, 2), reopened.oldest(10).lines());
      BufferStats stats = reopened.stats();
      assertEquals(2, stats.lines());
      assertEquals(lines(1, 2).stream().mapToInt(String::length).sum(), stats.bytes());
    }
  }

  @Test
  void whenFullTheOldestLinesAreDroppedAndCounted() {
    int lineBytes = lines(100, 1).get(0).length();
    try (SampleBuffer buffer = open(1024)) {
      long dropped = buffer.append(lines(100, 100));

      BufferStats stats = buffer.stats();
      assertTrue(stats.bytes() <= 1024, "bytes held " + stats.bytes());
      long kept = stats.lines();
      assertEquals(100 - kept, stats.droppedLines());
      assertEquals(100 - kept, dropped, "append says how many it dropped");
      assertEquals(1024 / lineBytes, kept);
      assertEquals(lines(200 - (int) kept, (int) kept), buffer.oldest(1000).lines());
    }
    try (SampleBuffer reopened = open(1024)) {
      assertEquals(100 - 1024 / lineBytes, reopened.stats().droppedLines(), "count is durable");
    }
  }

  @Test
  void newestReturnsTheRecentTailInOrder() {
    try (SampleBuffer old = open(1 << 20)) {
      old.append(lines(0, 5));
    }
    Clock later = Clock.fixed(Instant.ofEpochMilli(2_000_000), ZoneOffset.UTC);
    try (SampleBuffer buffer = SqliteSampleBuffer.open(dir.resolve("buffer.db"), 1 << 20, later)) {
      buffer.append(lines(5, 5));
      Batch live = buffer.newest(3, 1_500_000);
      assertEquals(lines(7, 3), live.lines());
      buffer.remove(live);
      assertEquals(lines(5, 2), buffer.newest(3, 1_500_000).lines());
      assertEquals(lines(0, 3), buffer.oldest(3).lines());
      assertEquals(1_000_000, buffer.oldest(3).firstCollectedMillis());
    }
  }

  @Test
  void aCorruptFileIsMovedAsideCountedAndReplaced() throws Exception {
    Path file = dir.resolve("buffer.db");
    java.nio.file.Files.write(file, "this is not a database, it is rust".repeat(200).getBytes());

    try (SampleBuffer buffer = open(1 << 20)) {
      buffer.append(lines(0, 2));
      assertEquals(lines(0, 2), buffer.oldest(10).lines());
      assertEquals(1, buffer.stats().corruptFilesSetAside());
    }
    try (var files = java.nio.file.Files.list(dir)) {
      assertTrue(
          files.anyMatch(p -> p.getFileName().toString().startsWith("buffer.db.corrupt-")),
          "the corrupt file is kept for inspection");
    }
  }

  @Test
  void meterStatesAreStoredWithTheLinesAndSurviveReopening() {
    try (SampleBuffer buffer = open(1 << 20)) {
      buffer.append(lines(0, 2), java.util.Map.of("fuel", new MeterState(1234.0, 10_000)));
      buffer.append(lines(2, 2), java.util.Map.of("fuel", new MeterState(1300.0, 20_000)));
    }
    try (SampleBuffer reopened = open(1 << 20)) {
      assertEquals(
          java.util.Map.of("fuel", new MeterState(1300.0, 20_000)), reopened.meterStates());
      assertEquals(4, reopened.stats().lines());
    }
  }

  @Test
  void aRefusedBatchIsSetAsideInTheRejectedTableAndNoLongerOffered() {
    try (SampleBuffer buffer = open(1 << 20)) {
      buffer.append(lines(0, 3));
      buffer.setAside(buffer.oldest(1), "400 bad line");
      assertEquals(lines(1, 2), buffer.oldest(10).lines());
      assertEquals(2, buffer.stats().lines());
    }
    assertEquals(
        List.of(new BufferTables.SetAside(lines(0, 1).get(0), "400 bad line")),
        BufferTables.rejected(dir.resolve("buffer.db")),
        "kept, with its reason, for a person to look at");
  }
}
