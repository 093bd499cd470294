package io.flarewatch.edge.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, made deterministic: SQLite's {@code max_page_count} stands for a disk that is full
 * at that size (SQLite answers SQLITE_FULL as it would on a real full disk), and a disk whose free
 * space is the capacity less the buffer's own files stands for a small file system.
 */
class BufferDiskFullTest {

  private static final int CYCLE_LINES = 50;

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("buffer.db");
  }

  /** A disk far larger than anything here, so that only the page cap limits the buffer. */
  private SqliteSampleBuffer openOnALargeDisk() {
    return SqliteSampleBuffer.open(file(), 1L << 30, 0, d -> 1L << 40, Clock.systemUTC());
  }

  /** The lines of one cycle: each names its cycle, so a partly stored cycle shows. */
  static List<String> cycle(int cycle) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < CYCLE_LINES; i++) {
      lines.add(
          "miner,site=s,miner=m"
              + i
              + ",cycle=c"
              + cycle
              + " hashrate_ths=101.25,pad=\""
              + "x".repeat(150)
              + "\" "
              + (1_000L * cycle + i));
    }
    return lines;
  }

  /** How many lines of each cycle the buffer holds. */
  static java.util.TreeMap<Integer, Integer> linesPerCycle(List<String> lines) {
    java.util.TreeMap<Integer, Integer> counts = new java.util.TreeMap<>();
    for (String line : lines) {
      int start = line.indexOf(",cycle=c") + ",cycle=c".length();
      int cycle = Integer.parseInt(line.substring(start, line.indexOf(' ', start)));
      counts.merge(cycle, 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void aCycleThatCannotBeStoredLeavesNothingBehindAndTheBufferRecoversOnceSpaceReturns() {
    try (SqliteSampleBuffer buffer = openOnALargeDisk()) {
      buffer.capPages(pageCount());

      BufferException full =
          assertThrows(
              BufferException.class, () -> buffer.append(cycle(1)), "the disk is full at once");
      assertTrue(full.getMessage().contains("nothing of it stored"), full.getMessage());
      assertEquals(0, buffer.stats().lines(), "stats still answer, and count nothing of cycle 1");
      assertEquals(Batch.EMPTY, buffer.oldest(1_000));
      assertEquals(List.of(), BufferTables.samples(file()), "not one line of the cycle on disk");
      assertThrows(BufferException.class, () -> buffer.append(cycle(2)), "still full");

      buffer.capPages(0);
      assertEquals(0, buffer.append(cycle(3)), "space is back: stored, nothing dropped");
      assertEquals(cycle(3), buffer.oldest(1_000).lines());
      buffer.remove(buffer.oldest(10));
      assertEquals(CYCLE_LINES - 10, buffer.stats().lines());
    }
    assertEquals(
        java.util.Map.of(3, CYCLE_LINES - 10), linesPerCycle(BufferTables.samples(file())));
  }

  @Test
  void whenTheDiskFillsTheOldestAreDroppedAndCountedAndEachNewCycleStoredWhole() {
    int cycles = 40;
    try (SqliteSampleBuffer buffer = openOnALargeDisk()) {
      for (int c = 0; c < 5; c++) {
        buffer.append(cycle(c));
      }
      buffer.capPages(pageCount() + 3);
      long dropped = 0;
      for (int c = 5; c < cycles; c++) {
        dropped += buffer.append(cycle(c));
        List<String> held = buffer.oldest(100_000).lines();
        assertEquals(
            CYCLE_LINES, (int) linesPerCycle(held).get(c), "cycle " + c + " is stored whole");
      }
      BufferStats stats = buffer.stats();
      assertTrue(dropped > 0, "the capped file cannot hold " + cycles + " cycles");
      assertEquals(dropped, stats.droppedLines(), "every dropped line counted");
      assertEquals((long) cycles * CYCLE_LINES, stats.lines() + stats.droppedLines());
      List<String> held = buffer.oldest(100_000).lines();
      assertEquals(stats.lines(), held.size());
      assertEquals(
          cycles - 1, (int) linesPerCycle(held).lastKey(), "the newest are kept, the oldest go");
    }
  }

  @Test
  void theLimitIsTheDiskLessTheReserveWhenThatIsLowerThanMaxBytes() {
    long capacity = 2L << 20;
    long reserve = 512L << 10;
    Path file = file();
    BufferSpace.Disk smallDisk = d -> capacity - BufferFile.footprintBytes(file);
    int cycles = 200;
    long maxFootprint = 0;
    try (SqliteSampleBuffer buffer =
        SqliteSampleBuffer.open(file, 1L << 30, reserve, smallDisk, Clock.systemUTC())) {
      for (int c = 0; c < cycles; c++) {
        buffer.append(cycle(c));
        maxFootprint = Math.max(maxFootprint, BufferFile.footprintBytes(file));
      }
      BufferStats stats = buffer.stats();
      assertTrue(stats.droppedLines() > 0, "3 MB of lines cannot fit in 1.5 MB");
      assertEquals((long) cycles * CYCLE_LINES, stats.lines() + stats.droppedLines());
      assertTrue(
          stats.limitBytes() <= capacity - reserve,
          "the disk, not maxBytes, is the limit: " + stats);
      assertEquals(cycles - 1, (int) linesPerCycle(buffer.oldest(100_000).lines()).lastKey());
    }
    assertTrue(
        maxFootprint <= capacity - reserve / 2,
        "the buffer's files ("
            + maxFootprint
            + " bytes at most) kept the reserve free on a disk of "
            + capacity);
  }

  @Test
  void maxBytesStaysTheLimitWhenTheDiskHasMoreRoom() {
    try (SqliteSampleBuffer buffer = openOnALargeDisk()) {
      assertEquals(1L << 30, buffer.stats().limitBytes());
    }
  }

  private long pageCount() {
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file());
        var s = c.createStatement();
        var r = s.executeQuery("PRAGMA page_count")) {
      r.next();
      return r.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }
}
