package io.flarewatch.edge.buffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many bytes of lines the buffer may hold now: the lower of {@code maxBytes} and what the disk
 * allows while {@code reserveBytes} stay free for everything else on it.
 *
 * <p>What the disk allows is counted in the database's own pages: pages freed by removed or dropped
 * lines are reused before the file grows, so they are room; the file may grow by the disk's free
 * space less the reserve and less what the WAL may still grow by before its next checkpoint. That
 * room in file bytes is turned into bytes of lines with the file's measured overhead (page and row
 * headers). The estimate keeps the reserve in all ordinary cases; when it is off, or something else
 * fills the disk, SQLite's SQLITE_FULL is the backstop (see {@link SqliteSampleBuffer}).
 */
final class BufferSpace {

  private static final Logger LOG = LoggerFactory.getLogger(BufferSpace.class);

  /** Free bytes of the file system a directory is on, as an unprivileged user may use them. */
  @FunctionalInterface
  interface Disk {
    long usableBytes(Path directory) throws IOException;

    Disk FILE_STORE = directory -> Files.getFileStore(directory).getUsableSpace();
  }

  /** The database's pages now. */
  record Pages(long pageSize, long pageCount, long freePages) {

    long usedBytes() {
      return (pageCount - freePages) * pageSize;
    }

    long freeBytes() {
      return freePages * pageSize;
    }
  }

  /** File bytes per byte of line assumed until the buffer holds enough to measure it. */
  static final double DEFAULT_OVERHEAD = 1.5;

  private static final double MIN_OVERHEAD = 1.1;
  private static final double MAX_OVERHEAD = 4.0;
  private static final long MEASURABLE_BYTES = 256 * 1024;

  private final long maxBytes;
  private final long reserveBytes;
  private final Disk disk;
  private final BufferFile file;

  BufferSpace(long maxBytes, long reserveBytes, Disk disk, BufferFile file) {
    this.maxBytes = maxBytes;
    this.reserveBytes = reserveBytes;
    this.disk = disk;
    this.file = file;
  }

  long maxBytes() {
    return maxBytes;
  }

  long reserveBytes() {
    return reserveBytes;
  }

  /**
   * The bytes of lines the buffer may hold once {@code addingBytes} more are appended.
   *
   * @param heldBytes bytes of the lines held now
   * @param addingBytes bytes of the lines about to be appended (the WAL must take them first)
   * @param pages the database's pages now
   */
  long limit(long heldBytes, long addingBytes, Pages pages) {
    double overhead = overhead(heldBytes, pages);
    long walGrowth =
        Math.max(0, Math.max(file.walLimitBytes(), (long) (2 * addingBytes * overhead)))
            - file.walBytes();
    long fileGrowth = Math.max(0, usableBytes() - reserveBytes - Math.max(0, walGrowth));
    long room = pages.freeBytes() + fileGrowth;
    long diskLimit = heldBytes + (long) (room / overhead);
    return Math.min(maxBytes, diskLimit);
  }

  /** File bytes per byte of line: measured once the buffer holds enough lines, else assumed. */
  static double overhead(long heldBytes, Pages pages) {
    if (heldBytes < MEASURABLE_BYTES) {
      return DEFAULT_OVERHEAD;
    }
    double measured = (double) pages.usedBytes() / heldBytes;
    return Math.max(MIN_OVERHEAD, Math.min(MAX_OVERHEAD, measured));
  }

  private long usableBytes() {
    return usableBytes(disk, file.path());
  }

  private static long usableBytes(Disk disk, Path database) {
    try {
      return disk.usableBytes(database.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new BufferException(
          "cannot read the free space of the disk of " + database + ": " + e.getMessage(), e);
    }
  }

  /**
   * What a buffer's files may occupy when it opens: {@code maxBytes}, or less when the disk has
   * less room beyond the reserve (used to size the WAL).
   */
  static long budget(Path database, long maxBytes, long reserveBytes, Disk disk) {
    long usable = usableBytes(disk, database);
    long budget = BufferFile.footprintBytes(database) + usable - reserveBytes;
    if (budget <= 0) {
      LOG.error(
          "sample buffer {}: the disk has {} bytes free, not more than the reserve of {}: new"
              + " lines can only take the place of old ones until space is freed",
          database,
          usable,
          reserveBytes);
    }
    return Math.max(0, Math.min(maxBytes, budget));
  }
}
