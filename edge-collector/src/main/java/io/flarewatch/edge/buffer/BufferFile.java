package io.flarewatch.edge.buffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The buffer's SQLite file and its companions ({@code -wal}, {@code -shm}): how a connection to it
 * is set up (WAL journal, {@code synchronous=FULL}, a bounded WAL), its tables, and how many bytes
 * it occupies on disk.
 *
 * <p>The WAL is checkpointed every {@code walLimitBytes} and truncated back to that size after each
 * checkpoint, so its share of the disk stays bounded and is reused instead of growing.
 */
final class BufferFile {

  static final long MIN_WAL_LIMIT_BYTES = 64 * 1024;
  static final long MAX_WAL_LIMIT_BYTES = 4L * 1024 * 1024;

  private final Path path;
  private final long walLimitBytes;
  private volatile long maxPageCount;

  /**
   * @param path the database file
   * @param walLimitBytes the size the WAL is checkpointed at and truncated back to
   */
  BufferFile(Path path, long walLimitBytes) {
    this.path = path.toAbsolutePath();
    this.walLimitBytes = walLimitBytes;
  }

  /** A WAL limit that fits a buffer allowed {@code budgetBytes} on disk: 1/16, within bounds. */
  static long walLimitFor(long budgetBytes) {
    return Math.max(MIN_WAL_LIMIT_BYTES, Math.min(MAX_WAL_LIMIT_BYTES, budgetBytes / 16));
  }

  Path path() {
    return path;
  }

  long walLimitBytes() {
    return walLimitBytes;
  }

  /** Creates the directory a database file lives in. */
  static void createDirectory(Path database) {
    try {
      Files.createDirectories(database.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new BufferException(
          "cannot create the directory of " + database + ": " + e.getMessage(), e);
    }
  }

  /** A new connection in autocommit mode, journal and WAL settings applied. */
  Connection connect() throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + path);
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
      s.execute("PRAGMA journal_size_limit=" + walLimitBytes);
      try (ResultSet size = s.executeQuery("PRAGMA page_size")) {
        long pageSize = size.next() ? size.getLong(1) : 4096;
        s.execute("PRAGMA wal_autocheckpoint=" + Math.max(16, walLimitBytes / pageSize));
      }
      if (maxPageCount > 0) {
        s.execute("PRAGMA max_page_count=" + maxPageCount);
      }
      return connection;
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  /** Creates the tables of an empty file; leaves existing ones alone. */
  static void createTables(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS samples (id INTEGER PRIMARY KEY AUTOINCREMENT,"
              + " collected_ms INTEGER NOT NULL, bytes INTEGER NOT NULL, line TEXT NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS rejected (id INTEGER PRIMARY KEY, collected_ms INTEGER"
              + " NOT NULL, rejected_ms INTEGER NOT NULL, reason TEXT NOT NULL, line TEXT NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS meter_state (meter TEXT PRIMARY KEY, reading REAL NOT NULL,"
              + " at_ms INTEGER NOT NULL)");
      s.execute("INSERT OR IGNORE INTO counters VALUES ('dropped_lines', 0)");
      s.execute("INSERT OR IGNORE INTO counters VALUES ('corrupt_files_set_aside', 0)");
    }
  }

  /**
   * Caps the database at this many pages on every connection, as a disk that is full at that size
   * would (SQLite answers SQLITE_FULL); 0 removes the cap. For tests of a full disk.
   */
  void capPages(long pages) {
    this.maxPageCount = pages;
  }

  /** Bytes of the WAL file now (0 when there is none). */
  long walBytes() {
    return sizeOf(companion("-wal"));
  }

  /** Bytes the database, its WAL and shared-memory file occupy now. */
  long footprintBytes() {
    return footprintBytes(path);
  }

  /** Bytes a database file, its WAL and shared-memory file occupy now (0 when absent). */
  static long footprintBytes(Path database) {
    return sizeOf(database)
        + sizeOf(companion(database, "-wal"))
        + sizeOf(companion(database, "-shm"));
  }

  Path companion(String suffix) {
    return companion(path, suffix);
  }

  private static Path companion(Path database, String suffix) {
    return database.resolveSibling(database.getFileName() + suffix);
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (NoSuchFileException absent) {
      return 0;
    } catch (IOException e) {
      throw new BufferException("cannot read the size of " + file + ": " + e.getMessage(), e);
    }
  }
}
