package org.moodlemigrate.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes rows into one MySQL table with multi-row {@code INSERT ... VALUES (...), (...), ...}
 * statements of {@value #ROWS_PER_STATEMENT} rows.
 *
 * <p>Why not {@code addBatch()}: Connector/J only turns a JDBC batch into multi-row inserts when
 * the connection has {@code rewriteBatchedStatements=true}; without it, every row is a round trip
 * and the demo's 50,000 rows take many seconds. The demo receives a connection it did not
 * configure, so it builds the multi-row statements itself and is equally fast either way. 500 rows
 * keep the widest table (21 columns) far below the 65,535 placeholders of a server-side prepared
 * statement and each statement well under the default {@code max_allowed_packet}.
 *
 * <p>Every statement commits on its own if the connection is in auto-commit mode, so memory and
 * undo log stay small at any scale. Call {@link #close()} to write the last, partial group. Table
 * and column names come from the demo's code, never from input, and are quoted.
 */
final class MultiRowInsert implements AutoCloseable {

  static final int ROWS_PER_STATEMENT = 500;

  private final Connection connection;
  private final String insertPrefix;
  private final String rowPlaceholders;
  private final int columnCount;
  private final List<Object[]> pending = new ArrayList<>(ROWS_PER_STATEMENT);
  private PreparedStatement fullStatement;

  MultiRowInsert(Connection connection, String table, String... columns) {
    this.connection = connection;
    this.columnCount = columns.length;
    this.insertPrefix =
        "INSERT INTO "
            + quote(table)
            + " ("
            + Arrays.stream(columns).map(MultiRowInsert::quote).collect(Collectors.joining(", "))
            + ") VALUES ";
    this.rowPlaceholders = "(" + String.join(", ", Collections.nCopies(columnCount, "?")) + ")";
  }

  /** Adds one row, values in column order; {@code null} is SQL NULL. */
  void row(Object... values) throws SQLException {
    if (values.length != columnCount) {
      throw new IllegalArgumentException(
          "Expected " + columnCount + " values for " + insertPrefix + " but got " + values.length);
    }
    pending.add(values);
    if (pending.size() == ROWS_PER_STATEMENT) {
      if (fullStatement == null) {
        fullStatement = connection.prepareStatement(sql(ROWS_PER_STATEMENT));
      }
      write(fullStatement);
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      if (!pending.isEmpty()) {
        try (PreparedStatement last = connection.prepareStatement(sql(pending.size()))) {
          write(last);
        }
      }
    } finally {
      if (fullStatement != null) {
        fullStatement.close();
      }
    }
  }

  private void write(PreparedStatement statement) throws SQLException {
    int index = 1;
    for (Object[] row : pending) {
      for (Object value : row) {
        if (value == null) {
          statement.setNull(index++, Types.NULL);
        } else {
          statement.setObject(index++, value);
        }
      }
    }
    statement.executeUpdate();
    pending.clear();
  }

  private String sql(int rows) {
    return insertPrefix + String.join(", ", Collections.nCopies(rows, rowPlaceholders));
  }

  private static String quote(String identifier) {
    return '`' + identifier.replace("`", "``") + '`';
  }
}
