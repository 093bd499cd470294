package io.flarewatch.edge.buffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SampleBuffer} in SQLite, WAL journal with {@code synchronous=FULL}: a committed append
 * survives kill -9 and power loss. When the lines held exceed {@code maxBytes}, the oldest are
 * dropped and counted (the count is kept in the database too).
 */
public final class SqliteSampleBuffer implements SampleBuffer {

  private static final Logger LOG = LoggerFactory.getLogger(SqliteSampleBuffer.class);

  private final Connection db;
  private final long maxBytes;
  private final Clock clock;
  private long lines;
  private long bytes;

  private SqliteSampleBuffer(Connection db, long maxBytes, Clock clock) throws SQLException {
    this.db = db;
    this.maxBytes = maxBytes;
    this.clock = clock;
    try (Statement s = db.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
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
      try (ResultSet r = s.executeQuery("SELECT count(*), coalesce(sum(bytes), 0) FROM samples")) {
        r.next();
        lines = r.getLong(1);
        bytes = r.getLong(2);
      }
    }
    db.setAutoCommit(false);
    db.commit();
  }

  /**
   * Opens (or creates) the buffer file. A file SQLite reports as corrupt is moved aside (kept for
   * inspection, named {@code <file>.corrupt-<millis>}), counted and logged, and an empty buffer
   * takes its place: the edge keeps collecting instead of failing at every start.
   */
  public static SqliteSampleBuffer open(Path file, long maxBytes, Clock clock) {
    if (maxBytes < 1024) {
      throw new IllegalArgumentException("buffer.maxBytes " + maxBytes + " is below 1024");
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new BufferException(
          "cannot create the directory of " + file + ": " + e.getMessage(), e);
    }
    try {
      return openChecked(file, maxBytes, clock);
    } catch (SQLException e) {
      if (!isCorruption(e)) {
        throw new BufferException(
            "cannot open the sample buffer " + file + ": " + e.getMessage(), e);
      }
      Path aside = setAside(file, clock.millis());
      LOG.error(
          "sample buffer {} is corrupt ({}); moved it to {} and started an empty buffer",
          file,
          e.getMessage(),
          aside);
      try {
        SqliteSampleBuffer fresh = openChecked(file, maxBytes, clock);
        fresh.incrementCounter(CORRUPT_FILES);
        return fresh;
      } catch (SQLException again) {
        throw new BufferException(
            "cannot open a new sample buffer " + file + ": " + again.getMessage(), again);
      }
    }
  }

  private static final String DROPPED_LINES = "dropped_lines";
  private static final String CORRUPT_FILES = "corrupt_files_set_aside";

  private static SqliteSampleBuffer openChecked(Path file, long maxBytes, Clock clock)
      throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try {
      try (Statement check = connection.createStatement();
          ResultSet result = check.executeQuery("PRAGMA quick_check")) {
        String verdict = result.next() ? result.getString(1) : "no answer";
        if (!"ok".equals(verdict)) {
          throw new SQLException("quick_check: " + verdict, "corrupt", SQLITE_CORRUPT);
        }
      }
      return new SqliteSampleBuffer(connection, maxBytes, clock);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_NOTADB = 26;

  private static boolean isCorruption(SQLException e) {
    int primary = e.getErrorCode() & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
  }

  private static Path setAside(Path file, long millis) {
    Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + millis);
    try {
      Files.move(file, aside);
      for (String suffix : new String[] {"-wal", "-shm"}) {
        Path companion = file.resolveSibling(file.getFileName() + suffix);
        if (Files.exists(companion)) {
          Files.move(companion, aside.resolveSibling(aside.getFileName() + suffix));
        }
      }
      return aside;
    } catch (IOException e) {
      throw new BufferException(
          "cannot move the corrupt buffer " + file + " aside: " + e.getMessage(), e);
    }
  }

  private void incrementCounter(String name) throws SQLException {
    try (PreparedStatement update =
        db.prepareStatement("UPDATE counters SET value = value + 1 WHERE name = ?")) {
      update.setString(1, name);
      update.executeUpdate();
    }
    db.commit();
  }

  @Override
  public synchronized long append(List<String> newLines, Map<String, MeterState> meterStates) {
    if (newLines.isEmpty() && meterStates.isEmpty()) {
      return 0;
    }
    long now = clock.millis();
    try (PreparedStatement insert =
        db.prepareStatement("INSERT INTO samples (collected_ms, bytes, line) VALUES (?, ?, ?)")) {
      long added = 0;
      for (String line : newLines) {
        int size = line.getBytes(StandardCharsets.UTF_8).length;
        insert.setLong(1, now);
        insert.setInt(2, size);
        insert.setString(3, line);
        insert.addBatch();
        added += size;
      }
      insert.executeBatch();
      saveMeterStates(meterStates);
      Dropped dropped =
          bytes + added > maxBytes ? dropOldest(bytes + added - maxBytes) : Dropped.NONE;
      db.commit();
      lines += newLines.size() - dropped.lines();
      bytes += added - dropped.bytes();
      if (dropped.lines() > 0) {
        LOG.warn(
            "sample buffer full ({} bytes max): dropped the {} oldest lines",
            maxBytes,
            dropped.lines());
      }
      return dropped.lines();
    } catch (SQLException e) {
      rollback();
      throw new BufferException("cannot append to the sample buffer: " + e.getMessage(), e);
    }
  }

  private record Dropped(long lines, long bytes) {
    static final Dropped NONE = new Dropped(0, 0);
  }

  private Dropped dropOldest(long excessBytes) throws SQLException {
    long dropped = 0;
    long freed = 0;
    long lastId = -1;
    try (Statement oldest = db.createStatement();
        ResultSet r = oldest.executeQuery("SELECT id, bytes FROM samples ORDER BY id")) {
      while (freed < excessBytes && r.next()) {
        lastId = r.getLong(1);
        freed += r.getLong(2);
        dropped++;
      }
    }
    if (lastId >= 0) {
      try (PreparedStatement delete = db.prepareStatement("DELETE FROM samples WHERE id <= ?");
          PreparedStatement count =
              db.prepareStatement(
                  "UPDATE counters SET value = value + ? WHERE name = 'dropped_lines'")) {
        delete.setLong(1, lastId);
        delete.executeUpdate();
        count.setLong(1, dropped);
        count.executeUpdate();
      }
    }
    return new Dropped(dropped, freed);
  }

  private void saveMeterStates(Map<String, MeterState> meterStates) throws SQLException {
    if (meterStates.isEmpty()) {
      return;
    }
    try (PreparedStatement upsert =
        db.prepareStatement("INSERT OR REPLACE INTO meter_state VALUES (?, ?, ?)")) {
      for (Map.Entry<String, MeterState> state : meterStates.entrySet()) {
        upsert.setString(1, state.getKey());
        upsert.setDouble(2, state.getValue().reading());
        upsert.setLong(3, state.getValue().atMillis());
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  @Override
  public synchronized Map<String, MeterState> meterStates() {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT meter, reading, at_ms FROM meter_state")) {
      Map<String, MeterState> states = new HashMap<>();
      while (r.next()) {
        states.put(r.getString(1), new MeterState(r.getDouble(2), r.getLong(3)));
      }
      db.commit();
      return states;
    } catch (SQLException e) {
      rollback();
      throw new BufferException("cannot read the meters' states: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized Batch oldest(int maxLines) {
    return select(
        "SELECT id, collected_ms, line FROM samples ORDER BY id LIMIT ?", maxLines, null, false);
  }

  @Override
  public synchronized Batch newest(int maxLines, long sinceMillis) {
    return select(
        "SELECT id, collected_ms, line FROM samples WHERE collected_ms >= ? ORDER BY id DESC"
            + " LIMIT ?",
        maxLines,
        sinceMillis,
        true);
  }

  private Batch select(String sql, int maxLines, Long sinceMillis, boolean descending) {
    try (PreparedStatement select = db.prepareStatement(sql)) {
      int parameter = 1;
      if (sinceMillis != null) {
        select.setLong(parameter++, sinceMillis);
      }
      select.setInt(parameter, maxLines);
      List<Long> ids = new ArrayList<>();
      List<Long> collected = new ArrayList<>();
      List<String> batch = new ArrayList<>();
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
          collected.add(r.getLong(2));
          batch.add(r.getString(3));
        }
      }
      db.commit();
      if (batch.isEmpty()) {
        return Batch.EMPTY;
      }
      if (descending) {
        Collections.reverse(ids);
        Collections.reverse(collected);
        Collections.reverse(batch);
      }
      return new Batch(
          ids.get(0),
          ids.get(ids.size() - 1),
          collected.get(0),
          collected.get(collected.size() - 1),
          batch);
    } catch (SQLException e) {
      rollback();
      throw new BufferException("cannot read the sample buffer: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void remove(Batch batch) {
    if (batch.isEmpty()) {
      return;
    }
    try (PreparedStatement sum =
            db.prepareStatement(
                "SELECT count(*), coalesce(sum(bytes), 0) FROM samples WHERE id BETWEEN ? AND ?");
        PreparedStatement delete =
            db.prepareStatement("DELETE FROM samples WHERE id BETWEEN ? AND ?")) {
      sum.setLong(1, batch.firstId());
      sum.setLong(2, batch.lastId());
      long removedLines;
      long removedBytes;
      try (ResultSet r = sum.executeQuery()) {
        r.next();
        removedLines = r.getLong(1);
        removedBytes = r.getLong(2);
      }
      delete.setLong(1, batch.firstId());
      delete.setLong(2, batch.lastId());
      delete.executeUpdate();
      db.commit();
      lines -= removedLines;
      bytes -= removedBytes;
    } catch (SQLException e) {
      rollback();
      throw new BufferException(
          "cannot remove a batch from the sample buffer: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void reject(Batch batch, String reason) {
    if (batch.isEmpty()) {
      return;
    }
    try (PreparedStatement copy =
        db.prepareStatement(
            "INSERT OR IGNORE INTO rejected (id, collected_ms, rejected_ms, reason, line)"
                + " SELECT id, collected_ms, ?, ?, line FROM samples WHERE id BETWEEN ? AND ?")) {
      copy.setLong(1, clock.millis());
      copy.setString(2, reason);
      copy.setLong(3, batch.firstId());
      copy.setLong(4, batch.lastId());
      copy.executeUpdate();
    } catch (SQLException e) {
      rollback();
      throw new BufferException("cannot set a rejected batch aside: " + e.getMessage(), e);
    }
    remove(batch);
  }

  @Override
  public synchronized BufferStats stats() {
    try (Statement s = db.createStatement()) {
      long oldestMillis;
      try (ResultSet oldest =
          s.executeQuery("SELECT collected_ms FROM samples ORDER BY id LIMIT 1")) {
        oldestMillis = oldest.next() ? oldest.getLong(1) : 0;
      }
      long dropped = 0;
      long corrupt = 0;
      try (ResultSet r = s.executeQuery("SELECT name, value FROM counters")) {
        while (r.next()) {
          if (DROPPED_LINES.equals(r.getString(1))) {
            dropped = r.getLong(2);
          } else if (CORRUPT_FILES.equals(r.getString(1))) {
            corrupt = r.getLong(2);
          }
        }
      }
      db.commit();
      return new BufferStats(lines, bytes, oldestMillis, dropped, corrupt);
    } catch (SQLException e) {
      rollback();
      throw new BufferException("cannot read the sample buffer's statistics: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new BufferException("cannot close the sample buffer: " + e.getMessage(), e);
    }
  }

  private void rollback() {
    try {
      db.rollback();
    } catch (SQLException e) {
      LOG.error("sample buffer rollback failed", e);
    }
  }
}
