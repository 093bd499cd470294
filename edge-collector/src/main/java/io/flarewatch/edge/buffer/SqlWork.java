package io.flarewatch.edge.buffer;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work on the buffer's database connection that may throw {@link SQLException}: the buffer's own
 * statements, and those of tables other parts of the edge keep in the buffer's file (so that their
 * rows and the lines that report them commit in one transaction).
 */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
