package io.flarewatch.edge.buffer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connection to the buffer file, in autocommit mode, with explicit transactions: a write
 * either commits whole or leaves nothing behind.
 *
 * <p>The JDBC driver's own transaction mode is not used: after SQLITE_FULL, SQLite may roll the
 * transaction back by itself, the driver's rollback then fails ("no transaction is active"), and
 * from then on every statement would run on its own, committed one by one. Here a failed write is
 * rolled back if SQLite has not done so already, and when even that leaves the state unknown the
 * connection is closed (which rolls back whatever was open) and opened again for the next call.
 */
final class BufferConnection implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BufferConnection.class);

  /** What SQLite says when asked to roll back a transaction it already rolled back. */
  private static final String NO_TRANSACTION = "no transaction is active";

  private final BufferFile file;
  private Connection connection;

  BufferConnection(BufferFile file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /** Runs read-only work, each statement its own consistent snapshot. */
  <T> T read(SqlWork<T> work) throws SQLException {
    return work.run(current());
  }

  /** Runs work in one transaction: committed whole, or rolled back whole when anything fails. */
  <T> T write(SqlWork<T> work) throws SQLException {
    Connection db = current();
    execute(db, "BEGIN IMMEDIATE");
    try {
      T result = work.run(db);
      execute(db, "COMMIT");
      return result;
    } catch (SQLException | RuntimeException e) {
      rollback(db, e);
      throw e;
    }
  }

  /**
   * Rolls back what {@code cause} interrupted. SQLite may already have rolled back by itself (it
   * does on SQLITE_FULL, for one); when the rollback fails for any other reason the connection is
   * closed, which rolls back whatever was still open, and the next call opens a new one.
   */
  private void rollback(Connection db, Exception cause) {
    try {
      execute(db, "ROLLBACK");
    } catch (SQLException e) {
      if (e.getMessage() != null && e.getMessage().contains(NO_TRANSACTION)) {
        LOG.debug("SQLite had already rolled back after: {}", cause.getMessage());
        return;
      }
      LOG.warn(
          "sample buffer rollback after '{}' failed ({}); reopening the connection",
          cause.getMessage(),
          e.getMessage());
      connection = null;
      try {
        db.close();
      } catch (SQLException closing) {
        cause.addSuppressed(closing);
      }
    }
  }

  private Connection current() throws SQLException {
    if (connection == null) {
      connection = file.connect();
      LOG.info("sample buffer {} opened again", file.path());
    }
    return connection;
  }

  private static void execute(Connection db, String sql) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      throw new BufferException("cannot close the sample buffer: " + e.getMessage(), e);
    } finally {
      connection = null;
    }
  }
}
