package io.flarewatch.edge.localapp;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 1-minute rollups the site-local charts read, in a SQLite file of their own (apart from the
 * sample buffer, whose space limit they never eat into): one row per metric, device and minute with
 * the sum and count of the values. Kept at most {@code window minutes} back and at most {@code
 * maxRows} rows, the oldest minutes going first. Blocking: call it from one worker thread.
 */
public final class RollupStore implements AutoCloseable {

  private final Connection connection;

  private RollupStore(Connection connection) {
    this.connection = connection;
  }

  /** Opens (or creates) the file. */
  public static RollupStore open(Path file) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=NORMAL");
      s.execute(
          "CREATE TABLE IF NOT EXISTS rollup_1m (metric TEXT NOT NULL, device TEXT NOT NULL,"
              + " minute INTEGER NOT NULL, sum REAL NOT NULL, count INTEGER NOT NULL,"
              + " PRIMARY KEY (metric, device, minute)) WITHOUT ROWID");
      s.execute("CREATE INDEX IF NOT EXISTS rollup_1m_minute ON rollup_1m (minute)");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return new RollupStore(c);
  }

  /** Adds rows (to what a minute holds already, e.g. before a restart) in one transaction. */
  public void write(List<MinuteRollups.Row> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    connection.setAutoCommit(false);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO rollup_1m (metric, device, minute, sum, count) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (metric, device, minute) DO UPDATE SET sum = sum + excluded.sum,"
                + " count = count + excluded.count")) {
      for (MinuteRollups.Row row : rows) {
        insert.setString(1, row.metric());
        insert.setString(2, row.device());
        insert.setLong(3, row.minute());
        insert.setDouble(4, row.sum());
        insert.setLong(5, row.count());
        insert.addBatch();
      }
      insert.executeBatch();
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /**
   * Removes minutes before {@code oldestMinute}, then, while more than {@code maxRows} rows remain,
   * the oldest minutes.
   *
   * @return rows removed
   */
  public int prune(long oldestMinute, long maxRows) throws SQLException {
    int removed;
    try (PreparedStatement old =
        connection.prepareStatement("DELETE FROM rollup_1m WHERE minute < ?")) {
      old.setLong(1, oldestMinute);
      removed = old.executeUpdate();
    }
    if (rows() <= maxRows) {
      return removed;
    }
    // the minute of the (maxRows + 1)-th newest row: it and everything older goes
    try (PreparedStatement cut =
        connection.prepareStatement(
            "DELETE FROM rollup_1m WHERE minute <= (SELECT minute FROM rollup_1m"
                + " ORDER BY minute DESC LIMIT 1 OFFSET ?)")) {
      cut.setLong(1, maxRows);
      removed += cut.executeUpdate();
    }
    return removed;
  }

  public long rows() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("SELECT COUNT(*) FROM rollup_1m")) {
      return r.next() ? r.getLong(1) : 0;
    }
  }

  /**
   * Means of a metric over steps of {@code stepMinutes}, per device, from {@code fromMinute}
   * (inclusive) to {@code toMinute} (exclusive); each step is dated by its first minute.
   *
   * @param device one device, or null for all
   * @return device → [step's first minute, mean] in time order
   */
  public Map<String, List<double[]>> series(
      String metric, String device, long fromMinute, long toMinute, long stepMinutes)
      throws SQLException {
    String sql =
        "SELECT device, (minute / ?) * ? AS step, SUM(sum) / SUM(count) FROM rollup_1m"
            + " WHERE metric = ? AND minute >= ? AND minute < ?"
            + (device == null ? "" : " AND device = ?")
            + " GROUP BY device, step ORDER BY device, step";
    Map<String, List<double[]>> series = new LinkedHashMap<>();
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, stepMinutes);
      select.setLong(2, stepMinutes);
      select.setString(3, metric);
      select.setLong(4, fromMinute);
      select.setLong(5, toMinute);
      if (device != null) {
        select.setString(6, device);
      }
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          series
              .computeIfAbsent(r.getString(1), d -> new ArrayList<>())
              .add(new double[] {r.getLong(2), r.getDouble(3)});
        }
      }
    }
    return series;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
