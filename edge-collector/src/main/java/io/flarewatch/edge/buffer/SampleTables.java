package io.flarewatch.edge.buffer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements on the buffer's tables ({@code samples}, {@code counters}, {@code meter_state},
 * {@code rejected}), each run on a connection given by the caller, inside or outside a transaction
 * as the caller decides.
 */
final class SampleTables {

  static final String DROPPED_LINES = "dropped_lines";
  static final String CORRUPT_FILES = "corrupt_files_set_aside";

  private SampleTables() {}

  /** A line to store and its size in UTF-8. */
  record Line(String text, int bytes) {}

  /** A count of lines and their bytes. */
  record Rows(long lines, long bytes) {
    static final Rows NONE = new Rows(0, 0);

    Rows plus(Rows more) {
      return new Rows(lines + more.lines, bytes + more.bytes);
    }
  }

  static Rows held(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*), coalesce(sum(bytes), 0) FROM samples")) {
      r.next();
      return new Rows(r.getLong(1), r.getLong(2));
    }
  }

  static void insert(Connection c, List<Line> lines, long collectedMillis) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement("INSERT INTO samples (collected_ms, bytes, line) VALUES (?, ?, ?)")) {
      for (Line line : lines) {
        insert.setLong(1, collectedMillis);
        insert.setInt(2, line.bytes());
        insert.setString(3, line.text());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** Deletes the oldest lines, at least {@code excessBytes} of them, and counts them as dropped. */
  static Rows dropOldest(Connection c, long excessBytes) throws SQLException {
    long dropped = 0;
    long freed = 0;
    long lastId = -1;
    try (Statement oldest = c.createStatement();
        ResultSet r = oldest.executeQuery("SELECT id, bytes FROM samples ORDER BY id")) {
      while (freed < excessBytes && r.next()) {
        lastId = r.getLong(1);
        freed += r.getLong(2);
        dropped++;
      }
    }
    if (lastId < 0) {
      return Rows.NONE;
    }
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM samples WHERE id <= ?")) {
      delete.setLong(1, lastId);
      delete.executeUpdate();
    }
    addToCounter(c, DROPPED_LINES, dropped);
    return new Rows(dropped, freed);
  }

  /**
   * The last id of the lines from {@code firstId} on (up to {@code lastId}) that add up to at most
   * {@code maxBytes} (at least one line); {@code lastId} when none are left.
   */
  static long chunkEnd(Connection c, long firstId, long lastId, long maxBytes) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT id, bytes FROM samples WHERE id BETWEEN ? AND ? ORDER BY id")) {
      select.setLong(1, firstId);
      select.setLong(2, lastId);
      long end = lastId;
      long sum = 0;
      boolean first = true;
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          sum += r.getLong(2);
          if (!first && sum > maxBytes) {
            return end;
          }
          end = r.getLong(1);
          first = false;
        }
      }
      return lastId;
    }
  }

  /** Deletes the lines with ids {@code firstId..lastId}; returns what they were. */
  static Rows removeRange(Connection c, long firstId, long lastId) throws SQLException {
    try (PreparedStatement sum =
            c.prepareStatement(
                "SELECT count(*), coalesce(sum(bytes), 0) FROM samples WHERE id BETWEEN ? AND ?");
        PreparedStatement delete =
            c.prepareStatement("DELETE FROM samples WHERE id BETWEEN ? AND ?")) {
      sum.setLong(1, firstId);
      sum.setLong(2, lastId);
      Rows removed;
      try (ResultSet r = sum.executeQuery()) {
        r.next();
        removed = new Rows(r.getLong(1), r.getLong(2));
      }
      delete.setLong(1, firstId);
      delete.setLong(2, lastId);
      delete.executeUpdate();
      return removed;
    }
  }

  /** Copies a batch's lines to the {@code rejected} table with the reason, then removes them. */
  static Rows setAside(Connection c, Batch batch, String reason, long nowMillis)
      throws SQLException {
    try (PreparedStatement copy =
        c.prepareStatement(
            "INSERT OR IGNORE INTO rejected (id, collected_ms, rejected_ms, reason, line)"
                + " SELECT id, collected_ms, ?, ?, line FROM samples WHERE id BETWEEN ? AND ?")) {
      copy.setLong(1, nowMillis);
      copy.setString(2, reason);
      copy.setLong(3, batch.firstId());
      copy.setLong(4, batch.lastId());
      copy.executeUpdate();
    }
    return removeRange(c, batch.firstId(), batch.lastId());
  }

  /** Up to {@code maxLines} lines, oldest first, or newest first from {@code sinceMillis} on. */
  static Batch select(Connection c, int maxLines, Long sinceMillis) throws SQLException {
    String sql =
        sinceMillis == null
            ? "SELECT id, collected_ms, line FROM samples ORDER BY id LIMIT ?"
            : "SELECT id, collected_ms, line FROM samples WHERE collected_ms >= ?"
                + " ORDER BY id DESC LIMIT ?";
    List<Long> ids = new ArrayList<>();
    List<Long> collected = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(sql)) {
      int parameter = 1;
      if (sinceMillis != null) {
        select.setLong(parameter++, sinceMillis);
      }
      select.setInt(parameter, maxLines);
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
          collected.add(r.getLong(2));
          lines.add(r.getString(3));
        }
      }
    }
    if (lines.isEmpty()) {
      return Batch.EMPTY;
    }
    if (sinceMillis != null) {
      Collections.reverse(ids);
      Collections.reverse(collected);
      Collections.reverse(lines);
    }
    return new Batch(
        ids.get(0),
        ids.get(ids.size() - 1),
        collected.get(0),
        collected.get(collected.size() - 1),
        lines);
  }

  /** When the oldest line was appended, 0 when there is none. */
  static long oldestCollectedMillis(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet oldest = s.executeQuery("SELECT collected_ms FROM samples ORDER BY id LIMIT 1")) {
      return oldest.next() ? oldest.getLong(1) : 0L;
    }
  }

  static Void addToCounter(Connection c, String name, long amount) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement("UPDATE counters SET value = value + ? WHERE name = ?")) {
      update.setLong(1, amount);
      update.setString(2, name);
      update.executeUpdate();
    }
    return null;
  }

  static Map<String, Long> counters(Connection c) throws SQLException {
    Map<String, Long> values = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT name, value FROM counters")) {
      while (r.next()) {
        values.put(r.getString(1), r.getLong(2));
      }
    }
    return values;
  }

  static Void saveMeterStates(Connection c, Map<String, MeterState> meterStates)
      throws SQLException {
    if (meterStates.isEmpty()) {
      return null;
    }
    try (PreparedStatement upsert =
        c.prepareStatement("INSERT OR REPLACE INTO meter_state VALUES (?, ?, ?)")) {
      for (Map.Entry<String, MeterState> state : meterStates.entrySet()) {
        upsert.setString(1, state.getKey());
        upsert.setDouble(2, state.getValue().reading());
        upsert.setLong(3, state.getValue().atMillis());
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
    return null;
  }

  static Map<String, MeterState> meterStates(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT meter, reading, at_ms FROM meter_state")) {
      Map<String, MeterState> states = new HashMap<>();
      while (r.next()) {
        states.put(r.getString(1), new MeterState(r.getDouble(2), r.getLong(3)));
      }
      return states;
    }
  }

  static BufferSpace.Pages pages(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      return new BufferSpace.Pages(
          single(s, "PRAGMA page_size"),
          single(s, "PRAGMA page_count"),
          single(s, "PRAGMA freelist_count"));
    }
  }

  private static long single(Statement s, String sql) throws SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getLong(1) : 0;
    }
  }
}
