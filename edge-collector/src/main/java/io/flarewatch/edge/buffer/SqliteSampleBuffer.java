package io.flarewatch.edge.buffer;

import io.flarewatch.edge.buffer.SampleTables.Line;
import io.flarewatch.edge.buffer.SampleTables.Rows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SampleBuffer} in SQLite, WAL journal with {@code synchronous=FULL}: a committed append
 * survives kill -9 and power loss, and every append commits whole or not at all.
 *
 * <p>The lines held stay within the lower of {@code maxBytes} and what the disk allows with {@code
 * reserveBytes} kept free ({@link BufferSpace}); beyond it the oldest lines are dropped and counted
 * (the count is kept in the database too). If the disk fills anyway (SQLITE_FULL: something else
 * took the space), the append is rolled back whole, the WAL is handed back to the disk, the oldest
 * lines are dropped to make room and the append is tried once more; if that fails too, it fails and
 * nothing of it is stored. Either way the buffer goes on answering and recovers by itself once
 * space returns. Acknowledged batches are removed in chunks the size of the WAL, so removing a
 * large batch needs little free space.
 */
public final class SqliteSampleBuffer implements SampleBuffer {

  private static final Logger LOG = LoggerFactory.getLogger(SqliteSampleBuffer.class);
  private static final int SQLITE_FULL = 13;
  private static final long NO_PAGE_CAP = 4_294_967_294L;

  /** Free disk space kept for everything else unless the config says otherwise. */
  public static final long DEFAULT_RESERVE_BYTES = 64L << 20;

  private final BufferFile file;
  private final BufferConnection db;
  private final BufferSpace space;
  private final Clock clock;
  private long lines;
  private long bytes;

  private SqliteSampleBuffer(
      BufferFile file, BufferConnection db, BufferSpace space, Clock clock, boolean wasCorrupt)
      throws SQLException {
    this.file = file;
    this.db = db;
    this.space = space;
    this.clock = clock;
    Rows held = db.read(SampleTables::held);
    lines = held.lines();
    bytes = held.bytes();
    if (wasCorrupt) {
      db.write(c -> SampleTables.addToCounter(c, SampleTables.CORRUPT_FILES, 1));
    }
  }

  /** Opens (or creates) the buffer file with the default reserve of free disk space. */
  public static SqliteSampleBuffer open(Path file, long maxBytes, Clock clock) {
    return open(file, maxBytes, DEFAULT_RESERVE_BYTES, clock);
  }

  /**
   * Opens (or creates) the buffer file. A file SQLite reports as corrupt is moved aside and
   * replaced by an empty buffer ({@link CorruptBufferRecovery}).
   *
   * @param maxBytes the most bytes of lines held
   * @param reserveBytes free disk space the buffer leaves for everything else
   */
  public static SqliteSampleBuffer open(Path file, long maxBytes, long reserveBytes, Clock clock) {
    return open(file, maxBytes, reserveBytes, BufferSpace.Disk.FILE_STORE, clock);
  }

  /**
   * As {@link #open(Path, long, long, Clock)}, with the disk's free space read from {@code disk}.
   */
  static SqliteSampleBuffer open(
      Path file, long maxBytes, long reserveBytes, BufferSpace.Disk disk, Clock clock) {
    if (maxBytes < 1024) {
      throw new IllegalArgumentException("buffer.maxBytes " + maxBytes + " is below 1024");
    }
    if (reserveBytes < 0) {
      throw new IllegalArgumentException("buffer.reserveBytes " + reserveBytes + " is below 0");
    }
    BufferFile.createDirectory(file);
    long budget = BufferSpace.budget(file, maxBytes, reserveBytes, disk);
    BufferFile bufferFile = new BufferFile(file, BufferFile.walLimitFor(budget));
    CorruptBufferRecovery.Opened opened = CorruptBufferRecovery.open(bufferFile, clock);
    BufferConnection connection = new BufferConnection(bufferFile, opened.connection());
    try {
      return new SqliteSampleBuffer(
          bufferFile,
          connection,
          new BufferSpace(maxBytes, reserveBytes, disk, bufferFile),
          clock,
          opened.corruptFileSetAside());
    } catch (SQLException e) {
      connection.close();
      throw new BufferException("cannot open the sample buffer " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized long append(List<String> newLines, Map<String, MeterState> meterStates) {
    if (newLines.isEmpty() && meterStates.isEmpty()) {
      return 0;
    }
    return append(newLines, c -> SampleTables.saveMeterStates(c, meterStates));
  }

  @Override
  public synchronized long append(List<String> newLines, SqlWork<?> alongside) {
    List<Line> sized = new ArrayList<>(newLines.size());
    long added = 0;
    for (String line : newLines) {
      Line entry = new Line(line, line.getBytes(StandardCharsets.UTF_8).length);
      sized.add(entry);
      added += entry.bytes();
    }
    try {
      return appendWithin(sized, added, alongside);
    } catch (SQLException e) {
      if (!isFull(e)) {
        throw new BufferException("cannot append to the sample buffer: " + e.getMessage(), e);
      }
      LOG.warn(
          "sample buffer {}: disk full while appending {} lines ({}); making room",
          file.path(),
          newLines.size(),
          e.getMessage());
    }
    Rows made = makeRoom(added);
    try {
      return made.lines() + appendWithin(sized, added, alongside);
    } catch (SQLException e) {
      throw new BufferException(
          "cannot append to the sample buffer, nothing of it stored"
              + (isFull(e) ? " (disk full even after dropping the oldest lines)" : "")
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * One transaction: the oldest lines beyond the limit go first (so the new ones reuse their
   * pages), then the new lines and what goes with them; if the new lines alone exceed the limit,
   * their own oldest go too.
   */
  private long appendWithin(List<Line> newLines, long added, SqlWork<?> alongside)
      throws SQLException {
    long limit = space.limit(bytes, added, db.read(SampleTables::pages));
    long excess = bytes + added - limit;
    long now = clock.millis();
    Rows dropped =
        db.write(
            c -> {
              Rows old =
                  excess > 0 ? SampleTables.dropOldest(c, Math.min(excess, bytes)) : Rows.NONE;
              SampleTables.insert(c, newLines, now);
              alongside.run(c);
              long stillOver = excess - old.bytes();
              return stillOver > 0 ? old.plus(SampleTables.dropOldest(c, stillOver)) : old;
            });
    lines += newLines.size() - dropped.lines();
    bytes += added - dropped.bytes();
    if (dropped.lines() > 0) {
      LOG.warn(
          "sample buffer full ({} bytes allowed, {} max): dropped the {} oldest lines",
          limit,
          space.maxBytes(),
          dropped.lines());
    }
    return dropped.lines();
  }

  /**
   * After SQLITE_FULL: hands the WAL's space back to the disk and drops the oldest lines, at least
   * as many bytes as the failed append needed, so that it fits in the pages they free.
   */
  private Rows makeRoom(long neededBytes) {
    try {
      db.read(
          c -> {
            try (Statement s = c.createStatement()) {
              s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            return null;
          });
    } catch (SQLException e) {
      LOG.warn("sample buffer {}: WAL checkpoint failed: {}", file.path(), e.getMessage());
    }
    long toFree = (long) Math.ceil(neededBytes * BufferSpace.DEFAULT_OVERHEAD);
    try {
      Rows dropped = db.write(c -> SampleTables.dropOldest(c, toFree));
      lines -= dropped.lines();
      bytes -= dropped.bytes();
      LOG.error(
          "sample buffer {}: disk full, dropped the {} oldest lines to make room",
          file.path(),
          dropped.lines());
      return dropped;
    } catch (SQLException e) {
      throw new BufferException(
          "cannot append to the sample buffer, nothing of it stored: the disk is full and"
              + " dropping the oldest lines failed too: "
              + e.getMessage(),
          e);
    }
  }

  private static boolean isFull(SQLException e) {
    return (e.getErrorCode() & 0xff) == SQLITE_FULL;
  }

  @Override
  public synchronized <T> T read(SqlWork<T> work) {
    try {
      return db.read(work);
    } catch (SQLException e) {
      throw new BufferException("cannot read the buffer's database: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized Map<String, MeterState> meterStates() {
    try {
      return db.read(SampleTables::meterStates);
    } catch (SQLException e) {
      throw new BufferException("cannot read the meters' states: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized Batch oldest(int maxLines) {
    return select(maxLines, null);
  }

  @Override
  public synchronized Batch newest(int maxLines, long sinceMillis) {
    return select(maxLines, sinceMillis);
  }

  private Batch select(int maxLines, Long sinceMillis) {
    try {
      return db.read(c -> SampleTables.select(c, maxLines, sinceMillis));
    } catch (SQLException e) {
      throw new BufferException("cannot read the sample buffer: " + e.getMessage(), e);
    }
  }

  /**
   * Removes a batch in chunks of at most the WAL's size, each its own transaction: a large batch
   * then needs little free disk. If a chunk fails, the chunks before it stay removed and the rest
   * is offered again (central stores a line sent twice once).
   */
  @Override
  public synchronized void remove(Batch batch) {
    if (batch.isEmpty()) {
      return;
    }
    long from = batch.firstId();
    try {
      while (from <= batch.lastId()) {
        long start = from;
        long end =
            db.read(c -> SampleTables.chunkEnd(c, start, batch.lastId(), file.walLimitBytes()));
        Rows removed = db.write(c -> SampleTables.removeRange(c, start, end));
        lines -= removed.lines();
        bytes -= removed.bytes();
        from = end + 1;
      }
    } catch (SQLException e) {
      throw new BufferException(
          "cannot remove a batch from the sample buffer: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void setAside(Batch batch, String reason) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      Rows removed = db.write(c -> SampleTables.setAside(c, batch, reason, clock.millis()));
      lines -= removed.lines();
      bytes -= removed.bytes();
    } catch (SQLException e) {
      throw new BufferException("cannot set a refused batch aside: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized BufferStats stats() {
    try {
      long oldestMillis = db.read(SampleTables::oldestCollectedMillis);
      Map<String, Long> counters = db.read(SampleTables::counters);
      return new BufferStats(
          lines,
          bytes,
          oldestMillis,
          counters.getOrDefault(SampleTables.DROPPED_LINES, 0L),
          counters.getOrDefault(SampleTables.CORRUPT_FILES, 0L),
          space.limit(bytes, 0, db.read(SampleTables::pages)));
    } catch (SQLException e) {
      throw new BufferException("cannot read the sample buffer's statistics: " + e.getMessage(), e);
    }
  }

  /**
   * Caps the database at {@code pages} pages from now on, as a disk full at that size would; 0
   * lifts the cap. For tests of a full disk.
   */
  synchronized void capPages(long pages) {
    file.capPages(pages);
    try {
      db.read(
          c -> {
            try (Statement s = c.createStatement()) {
              s.execute("PRAGMA max_page_count=" + (pages > 0 ? pages : NO_PAGE_CAP));
            }
            return null;
          });
    } catch (SQLException e) {
      throw new BufferException("cannot cap the buffer's pages: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    db.close();
  }
}
