package io.flarewatch.edge.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The buffer on a 2 MiB file system that fills up: first with its own lines (the reserve must stay
 * free, the oldest lines go), then with something else's file (SQLITE_FULL for real: every cycle is
 * stored whole or not at all, and the buffer keeps answering), then the file is removed and
 * everything works again without a restart.
 *
 * <p>The file system is a real tmpfs where the machine lets this process mount one. Where it does
 * not, the same scenario runs on a simulated disk of the same size (free space computed from the
 * buffer's own files, "something else's file" being SQLite's page cap), so the behaviour is still
 * checked.
 */
class BufferOnASmallDiskTest {

  private static final long CAPACITY = 2L << 20;
  private static final long RESERVE = 256L << 10;

  @TempDir Path dir;

  /** A small disk the test can fill with something else's data and free again. */
  private interface SmallDisk extends AutoCloseable {
    Path directory();

    BufferSpace.Disk freeSpace();

    void fillUp(SqliteSampleBuffer buffer) throws IOException;

    void free(SqliteSampleBuffer buffer) throws IOException;

    @Override
    void close() throws IOException;
  }

  @Test
  void aFullDiskIsSurvivedAndLeftWithoutARestart() throws Exception {
    try (SmallDisk disk = smallDisk()) {
      runScenario(disk);
    }
  }

  private void runScenario(SmallDisk disk) throws IOException {
    Path file = disk.directory().resolve("buffer.db");
    int cycle = 0;
    long stored = 0;
    try (SqliteSampleBuffer buffer =
        SqliteSampleBuffer.open(file, 1L << 30, RESERVE, disk.freeSpace(), Clock.systemUTC())) {
      for (; cycle < 200; cycle++) {
        buffer.append(BufferDiskFullTest.cycle(cycle));
        stored++;
        assertStoredWhole(buffer, cycle);
        long free = disk.freeSpace().usableBytes(disk.directory());
        assertTrue(free >= RESERVE / 2, "cycle " + cycle + " left only " + free + " bytes free");
      }
      assertTrue(buffer.stats().droppedLines() > 0, "2 MB of cycles do not fit: oldest dropped");

      disk.fillUp(buffer);
      int lost = 0;
      for (int end = cycle + 20; cycle < end; cycle++) {
        try {
          buffer.append(BufferDiskFullTest.cycle(cycle));
          stored++;
          assertStoredWhole(buffer, cycle);
        } catch (BufferException notStored) {
          lost++;
          assertEquals(
              null,
              BufferDiskFullTest.linesPerCycle(buffer.oldest(100_000).lines()).get(cycle),
              "nothing of cycle " + cycle + " stored: " + notStored.getMessage());
        }
        buffer.stats();
      }

      disk.free(buffer);
      for (int end = cycle + 5; cycle < end; cycle++) {
        buffer.append(BufferDiskFullTest.cycle(cycle));
        stored++;
        assertStoredWhole(buffer, cycle);
      }
      BufferStats stats = buffer.stats();
      assertEquals(
          stored * BufferDiskFullTest.cycle(0).size(),
          stats.lines() + stats.droppedLines(),
          "every line of every stored cycle is held or counted as dropped ("
              + lost
              + " cycles not stored)");
      assertEquals(stats.lines(), buffer.oldest(100_000).size());
      buffer.remove(buffer.oldest(100_000));
      assertEquals(0, buffer.stats().lines());
    }
  }

  private static void assertStoredWhole(SqliteSampleBuffer buffer, int cycle) {
    assertEquals(
        BufferDiskFullTest.cycle(cycle).size(),
        BufferDiskFullTest.linesPerCycle(buffer.oldest(100_000).lines()).get(cycle),
        "cycle " + cycle + " stored whole");
  }

  private SmallDisk smallDisk() throws IOException, InterruptedException {
    Path mountPoint = Files.createDirectories(dir.resolve("tmpfs"));
    String refusal = mount(mountPoint);
    if (refusal == null) {
      return new Tmpfs(mountPoint);
    }
    System.err.println(
        "cannot mount a tmpfs here ("
            + refusal
            + "): the scenario runs on a simulated 2 MiB disk instead");
    return new SimulatedDisk(mountPoint);
  }

  /** Mounts a 2 MiB tmpfs; null when mounted, else why not. */
  private static String mount(Path mountPoint) throws IOException, InterruptedException {
    Process mount;
    try {
      mount =
          new ProcessBuilder(
                  "mount", "-t", "tmpfs", "-o", "size=" + CAPACITY, "tmpfs", mountPoint.toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException noMountCommand) {
      return noMountCommand.getMessage();
    }
    String output = new String(mount.getInputStream().readAllBytes()).strip();
    if (!mount.waitFor(30, TimeUnit.SECONDS)) {
      mount.destroyForcibly();
      return "mount did not finish";
    }
    return mount.exitValue() == 0 ? null : "exit " + mount.exitValue() + ": " + output;
  }

  /** A real tmpfs; something else's data is a file written until the disk is full. */
  private static final class Tmpfs implements SmallDisk {
    private final Path directory;
    private final Path filler;

    Tmpfs(Path directory) {
      this.directory = directory;
      this.filler = directory.resolve("other-data");
    }

    @Override
    public Path directory() {
      return directory;
    }

    @Override
    public BufferSpace.Disk freeSpace() {
      return BufferSpace.Disk.FILE_STORE;
    }

    @Override
    public void fillUp(SqliteSampleBuffer buffer) throws IOException {
      byte[] block = new byte[4096];
      try (OutputStream out = Files.newOutputStream(filler)) {
        while (true) {
          out.write(block);
          out.flush();
        }
      } catch (IOException full) {
        assertTrue(
            Files.getFileStore(directory).getUsableSpace() < block.length,
            "the other file filled the disk: " + full.getMessage());
      }
    }

    @Override
    public void free(SqliteSampleBuffer buffer) throws IOException {
      Files.delete(filler);
    }

    @Override
    public void close() throws IOException {
      try {
        run("umount", directory.toString());
      } catch (IOException busy) {
        run("umount", "-l", directory.toString());
      }
    }

    private static void run(String... command) throws IOException {
      try {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
          throw new IOException(String.join(" ", command) + " failed: " + output);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
  }

  /**
   * A 2 MiB disk holding only the buffer: free space is the capacity less its files, and the disk
   * filling up is SQLite's page cap at the file's current size.
   */
  private static final class SimulatedDisk implements SmallDisk {
    private final Path directory;

    SimulatedDisk(Path directory) {
      this.directory = directory;
    }

    @Override
    public Path directory() {
      return directory;
    }

    @Override
    public BufferSpace.Disk freeSpace() {
      return d -> CAPACITY - BufferFile.footprintBytes(directory.resolve("buffer.db"));
    }

    @Override
    public void fillUp(SqliteSampleBuffer buffer) {
      try (var c = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("buffer.db"));
          var s = c.createStatement();
          var r = s.executeQuery("PRAGMA page_count")) {
        r.next();
        buffer.capPages(r.getLong(1));
      } catch (SQLException e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public void free(SqliteSampleBuffer buffer) {
      buffer.capPages(0);
    }

    @Override
    public void close() {}
  }
}
