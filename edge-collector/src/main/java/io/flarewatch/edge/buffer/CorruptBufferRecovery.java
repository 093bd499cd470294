package io.flarewatch.edge.buffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the buffer file, checked. A file SQLite reports as corrupt is moved aside (kept for
 * inspection, named {@code <file>.corrupt-<millis>}, with its WAL and shared-memory files) and an
 * empty buffer takes its place: the edge keeps collecting instead of failing at every start.
 */
final class CorruptBufferRecovery {

  private static final Logger LOG = LoggerFactory.getLogger(CorruptBufferRecovery.class);
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_NOTADB = 26;

  private CorruptBufferRecovery() {}

  /**
   * A checked connection to the file, its tables created.
   *
   * @param connection open, in autocommit mode
   * @param corruptFileSetAside true when a corrupt file was moved aside to make way for this one
   */
  record Opened(Connection connection, boolean corruptFileSetAside) {}

  static Opened open(BufferFile file, Clock clock) {
    BufferFile.createDirectory(file.path());
    try {
      return new Opened(openChecked(file), false);
    } catch (SQLException e) {
      if (!isCorruption(e)) {
        throw new BufferException(
            "cannot open the sample buffer " + file.path() + ": " + e.getMessage(), e);
      }
      Path aside = setAside(file, clock.millis());
      LOG.error(
          "sample buffer {} is corrupt ({}); moved it to {} and started an empty buffer",
          file.path(),
          e.getMessage(),
          aside);
      try {
        return new Opened(openChecked(file), true);
      } catch (SQLException again) {
        throw new BufferException(
            "cannot open a new sample buffer " + file.path() + ": " + again.getMessage(), again);
      }
    }
  }

  private static Connection openChecked(BufferFile file) throws SQLException {
    Connection connection = file.connect();
    try {
      try (Statement check = connection.createStatement();
          ResultSet result = check.executeQuery("PRAGMA quick_check")) {
        String verdict = result.next() ? result.getString(1) : "no answer";
        if (!"ok".equals(verdict)) {
          throw new SQLException("quick_check: " + verdict, "corrupt", SQLITE_CORRUPT);
        }
      }
      BufferFile.createTables(connection);
      return connection;
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  private static boolean isCorruption(SQLException e) {
    int primary = e.getErrorCode() & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
  }

  private static Path setAside(BufferFile file, long millis) {
    Path path = file.path();
    Path aside = path.resolveSibling(path.getFileName() + ".corrupt-" + millis);
    try {
      Files.move(path, aside);
      for (String suffix : new String[] {"-wal", "-shm"}) {
        Path companion = file.companion(suffix);
        if (Files.exists(companion)) {
          Files.move(companion, aside.resolveSibling(aside.getFileName() + suffix));
        }
      }
      return aside;
    } catch (IOException e) {
      throw new BufferException(
          "cannot move the corrupt buffer " + path + " aside: " + e.getMessage(), e);
    }
  }
}
