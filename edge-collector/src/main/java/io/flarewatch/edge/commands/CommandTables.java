package io.flarewatch.edge.commands;

import io.flarewatch.edge.commands.CommandPoints.MinerCounts;
import io.flarewatch.wire.command.CommandEnvelope;
import io.flarewatch.wire.command.SignedCommand;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The statements on the command tables kept in the buffer's file, each run on a connection given by
 * the caller (inside the transaction that also appends the lines reporting the change).
 *
 * <ul>
 *   <li>{@code commands}: every command id accepted (payload and signature as received), kept until
 *       {@code expiresAt} plus the skew allowance so that a replay is refused even after a restart;
 *       its state: {@code delivered}, {@code executing}, {@code finished} or {@code canceled}.
 *   <li>{@code command_miners}: one row per target: {@code pending}, {@code sending} (written
 *       before the send: after a crash such a miner is only read back, never sent again) or {@code
 *       done} with its outcome.
 * </ul>
 */
final class CommandTables {

  static final String DELIVERED = "delivered";
  static final String EXECUTING = "executing";
  static final String FINISHED = "finished";
  static final String CANCELED = "canceled";

  static final String PENDING = "pending";
  static final String SENDING = "sending";
  static final String DONE = "done";

  private CommandTables() {}

  /** A stored command that has not finished, with the state of each of its miners. */
  record Unfinished(CommandEnvelope envelope, String state, Map<String, String> miners) {}

  /**
   * A stored command as the site-local app lists it.
   *
   * @param outcomes per-miner outcome (or state while not done) and how many miners have it
   */
  record Stored(
      String id,
      String action,
      String state,
      long receivedMillis,
      CommandEnvelope envelope,
      boolean signedByCentral,
      Map<String, Integer> outcomes) {}

  static Void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS commands (id TEXT PRIMARY KEY, action TEXT NOT NULL,"
              + " payload BLOB, signature BLOB, expires_at_ms INTEGER NOT NULL,"
              + " received_ms INTEGER NOT NULL, state TEXT NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS command_miners (command TEXT NOT NULL, miner TEXT NOT NULL,"
              + " state TEXT NOT NULL, outcome TEXT, PRIMARY KEY (command, miner))");
    }
    return null;
  }

  /** The state of a stored command, empty when the id is not stored. */
  static Optional<String> state(Connection c, String id) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT state FROM commands WHERE id = ?")) {
      select.setString(1, id);
      try (ResultSet r = select.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }

  /** The newest commands (by when they were stored), at most {@code limit}. */
  static List<Stored> recent(Connection c, int limit) throws SQLException {
    List<Stored> stored = new ArrayList<>();
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT id, action, state, received_ms, payload, signature FROM commands"
                + " ORDER BY received_ms DESC, id LIMIT ?")) {
      select.setInt(1, limit);
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          byte[] payload = r.getBytes(5);
          byte[] signature = r.getBytes(6);
          stored.add(
              new Stored(
                  r.getString(1),
                  r.getString(2),
                  r.getString(3),
                  r.getLong(4),
                  payload == null ? null : SignedCommand.envelope(payload),
                  signature != null && signature.length > 0,
                  new LinkedHashMap<>()));
        }
      }
    }
    try (PreparedStatement outcomes =
        c.prepareStatement(
            "SELECT COALESCE(outcome, state), COUNT(*) FROM command_miners WHERE command = ?"
                + " GROUP BY 1 ORDER BY 1")) {
      for (Stored command : stored) {
        outcomes.setString(1, command.id());
        try (ResultSet r = outcomes.executeQuery()) {
          while (r.next()) {
            command.outcomes().put(r.getString(1), r.getInt(2));
          }
        }
      }
    }
    return stored;
  }

  /** The state of one miner of a command, null when it is not a target of a stored command. */
  static String minerState(Connection c, String command, String miner) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT state FROM command_miners WHERE command = ? AND miner = ?")) {
      select.setString(1, command);
      select.setString(2, miner);
      try (ResultSet r = select.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  /** Stores a verified command in {@code state}, every target {@code pending}. */
  static void insert(
      Connection c, CommandEnvelope envelope, SignedCommand signed, String state, long nowMillis)
      throws SQLException {
    insertRow(
        c,
        envelope.id(),
        envelope.action().wireName(),
        signed,
        envelope.expiresAt().toEpochMilli(),
        nowMillis,
        state);
    try (PreparedStatement miner =
        c.prepareStatement("INSERT INTO command_miners (command, miner, state) VALUES (?, ?, ?)")) {
      for (String target : envelope.targets()) {
        miner.setString(1, envelope.id());
        miner.setString(2, target);
        miner.setString(3, PENDING);
        miner.addBatch();
      }
      miner.executeBatch();
    }
  }

  /**
   * Stores the id of a command canceled before it arrived, so that it is refused as a replay if it
   * arrives after all.
   */
  static void insertCanceled(Connection c, String id, long expiresAtMillis, long nowMillis)
      throws SQLException {
    insertRow(c, id, "unknown", null, expiresAtMillis, nowMillis, CANCELED);
  }

  private static void insertRow(
      Connection c,
      String id,
      String action,
      SignedCommand signed,
      long expiresAtMillis,
      long nowMillis,
      String state)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO commands (id, action, payload, signature, expires_at_ms, received_ms,"
                + " state) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, id);
      insert.setString(2, action);
      insert.setBytes(3, signed == null ? null : signed.payload());
      insert.setBytes(4, signed == null ? null : signed.signature());
      insert.setLong(5, expiresAtMillis);
      insert.setLong(6, nowMillis);
      insert.setString(7, state);
      insert.executeUpdate();
    }
  }

  /** Moves a command from {@code from} to {@code to}; false when it was not in {@code from}. */
  static boolean moveCommand(Connection c, String id, String from, String to) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement("UPDATE commands SET state = ? WHERE id = ? AND state = ?")) {
      update.setString(1, to);
      update.setString(2, id);
      update.setString(3, from);
      return update.executeUpdate() == 1;
    }
  }

  /** Moves a miner from {@code from} to {@code to}; false when it was not in {@code from}. */
  static boolean moveMiner(
      Connection c, String command, String miner, String from, String to, String outcome)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE command_miners SET state = ?, outcome = ?"
                + " WHERE command = ? AND miner = ? AND state = ?")) {
      update.setString(1, to);
      update.setString(2, outcome);
      update.setString(3, command);
      update.setString(4, miner);
      update.setString(5, from);
      return update.executeUpdate() == 1;
    }
  }

  /** How many of a command's miners are not done yet. */
  static long minersLeft(Connection c, String command) throws SQLException {
    try (PreparedStatement count =
        c.prepareStatement(
            "SELECT count(*) FROM command_miners WHERE command = ? AND state <> '" + DONE + "'")) {
      count.setString(1, command);
      try (ResultSet r = count.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  /** The outcomes of a command's miners that are done. */
  static MinerCounts counts(Connection c, String command) throws SQLException {
    long confirmed = 0;
    long failed = 0;
    long skipped = 0;
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT outcome, count(*) FROM command_miners WHERE command = ? AND state = '"
                + DONE
                + "' GROUP BY outcome")) {
      select.setString(1, command);
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          switch (String.valueOf(r.getString(1))) {
            case "confirmed" -> confirmed = r.getLong(2);
            case "skipped" -> skipped = r.getLong(2);
            default -> failed += r.getLong(2);
          }
        }
      }
    }
    return new MinerCounts(confirmed, failed, skipped);
  }

  /** Commands delivered or executing, oldest first, each with its miners' states. */
  static List<Unfinished> unfinished(Connection c) throws SQLException {
    List<Unfinished> commands = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT id, payload, state FROM commands WHERE state IN ('"
                    + DELIVERED
                    + "', '"
                    + EXECUTING
                    + "') ORDER BY received_ms, id")) {
      while (r.next()) {
        CommandEnvelope envelope = SignedCommand.envelope(r.getBytes(2));
        commands.add(new Unfinished(envelope, r.getString(3), new LinkedHashMap<>()));
      }
    }
    try (PreparedStatement miners =
        c.prepareStatement("SELECT miner, state FROM command_miners WHERE command = ?")) {
      for (Unfinished command : commands) {
        miners.setString(1, command.envelope().id());
        try (ResultSet r = miners.executeQuery()) {
          while (r.next()) {
            command.miners().put(r.getString(1), r.getString(2));
          }
        }
      }
    }
    return commands;
  }

  /** Forgets finished and canceled commands that expired before {@code beforeMillis}. */
  static int purge(Connection c, long beforeMillis) throws SQLException {
    String ended =
        "SELECT id FROM commands WHERE expires_at_ms < ? AND state IN ('"
            + FINISHED
            + "', '"
            + CANCELED
            + "')";
    try (PreparedStatement miners =
            c.prepareStatement("DELETE FROM command_miners WHERE command IN (" + ended + ")");
        PreparedStatement commands =
            c.prepareStatement("DELETE FROM commands WHERE id IN (" + ended + ")")) {
      miners.setLong(1, beforeMillis);
      miners.executeUpdate();
      commands.setLong(1, beforeMillis);
      return commands.executeUpdate();
    }
  }
}
