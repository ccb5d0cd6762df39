package org.moodlemigrate.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SELECT on the target read through a server-side cursor, on a connection borrowed from the
 * pool for its duration.
 *
 * <p>pgjdbc only fetches in batches inside a transaction ({@code autocommit} off, a positive fetch
 * size); otherwise it loads the whole result into memory. The session settings that make values
 * comparable are set with {@code SET LOCAL}, so they end with the transaction and the pooled
 * connection goes back as it came: {@code extra_float_digits = 3} (floats printed exactly, as on
 * servers before PostgreSQL 12) and ISO dates (a role's {@code DateStyle} cannot change the text).
 * The transaction only reads and is rolled back.
 */
final class TargetRead implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TargetRead.class);

  private final Connection connection;
  private Statement statement;
  private ResultSet rows;

  private TargetRead(Connection connection) {
    this.connection = connection;
  }

  /** Opens a cursor on {@code sql} that fetches {@code fetchRows} rows at a time. */
  static TargetRead cursor(DataSource pool, String sql, int fetchRows) throws SQLException {
    TargetRead read = new TargetRead(pool.getConnection());
    try {
      read.connection.setAutoCommit(false);
      try (Statement st = read.connection.createStatement()) {
        st.execute("SET LOCAL extra_float_digits = 3");
        st.execute("SET LOCAL DateStyle = 'ISO, YMD'");
      }
      read.statement =
          read.connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      read.statement.setFetchSize(fetchRows);
      read.rows = read.statement.executeQuery(sql);
      return read;
    } catch (SQLException | RuntimeException e) {
      read.close();
      throw e;
    }
  }

  ResultSet rows() {
    return rows;
  }

  @Override
  public void close() {
    quietly(rows);
    quietly(statement);
    try {
      connection.rollback();
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      LOG.debug("ending a target read: {}", e.getMessage());
    }
    quietly(connection);
  }

  private static void quietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("closing a target read: {}", e.getMessage());
    }
  }
}
