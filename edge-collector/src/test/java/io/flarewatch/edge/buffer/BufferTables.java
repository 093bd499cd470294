package io.flarewatch.edge.buffer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads a buffer file's tables directly, on a connection of its own, to check what they hold. */
public final class BufferTables {

  private BufferTables() {}

  /** A line set aside in the {@code rejected} table, with the reason. */
  public record SetAside(String line, String reason) {}

  public static List<SetAside> rejected(Path file) {
    List<SetAside> rows = new ArrayList<>();
    query(
        file,
        "SELECT line, reason FROM rejected ORDER BY id",
        r -> rows.add(new SetAside(r.getString(1), r.getString(2))));
    return rows;
  }

  /** Every line of the {@code samples} table, in the order appended. */
  public static List<String> samples(Path file) {
    List<String> lines = new ArrayList<>();
    query(file, "SELECT line FROM samples ORDER BY id", r -> lines.add(r.getString(1)));
    return lines;
  }

  private interface Row {
    void read(ResultSet row) throws SQLException;
  }

  private static void query(Path file, String sql, Row row) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        row.read(r);
      }
    } catch (SQLException e) {
      throw new AssertionError("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
