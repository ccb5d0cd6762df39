package org.moodlemigrate.verify;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streaming SELECT on the source, on a connection borrowed from the pool for its duration.
 *
 * <p>The result set streams row by row ({@code fetchSize = Integer.MIN_VALUE}, Connector/J's
 * streaming mode), so memory does not grow with the chunk. A single SELECT is a consistent read in
 * InnoDB, so no transaction is needed. The session zone is set to UTC first, so TIMESTAMP values
 * read as text are UTC wall-clock times; the tool's driver settings already make it so ({@code
 * forceConnectionTimeZoneToSession}), which is why nothing is reset afterwards.
 *
 * <p>A read left before the end of its result set (an error on the other side) is aborted and the
 * connection evicted from the pool, as the copy does: closing it would make Connector/J read every
 * remaining row of the chunk first.
 */
final class SourceRead implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SourceRead.class);

  private final DataSource pool;
  private final Connection connection;
  private Statement statement;
  private ResultSet rows;
  private boolean ended;

  private SourceRead(DataSource pool, Connection connection) {
    this.pool = pool;
    this.connection = connection;
  }

  /** Starts streaming {@code sql}. */
  static SourceRead stream(DataSource pool, String sql) throws SQLException {
    SourceRead read = new SourceRead(pool, pool.getConnection());
    try {
      try (Statement st = read.connection.createStatement()) {
        st.execute("SET time_zone = '+00:00'");
      }
      read.statement =
          read.connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      read.statement.setFetchSize(Integer.MIN_VALUE);
      read.statement.setEscapeProcessing(false); // a '{' in an identifier is not a JDBC escape
      read.rows = read.statement.executeQuery(sql);
      return read;
    } catch (SQLException | RuntimeException e) {
      read.ended = true; // nothing is streaming: an ordinary close
      read.close();
      throw e;
    }
  }

  ResultSet rows() {
    return rows;
  }

  /** Marks the result set as read to its end, so that closing is an ordinary close. */
  void ended() {
    ended = true;
  }

  @Override
  public void close() {
    if (!ended) {
      abandon();
    }
    quietly(rows);
    quietly(statement);
    quietly(connection);
  }

  private void abandon() {
    try {
      connection.abort(Runnable::run);
    } catch (SQLException | RuntimeException e) {
      LOG.debug("abort of a source connection failed: {}", e.getMessage());
    }
    if (pool instanceof HikariDataSource hikari) {
      hikari.evictConnection(connection);
    }
  }

  private static void quietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("closing a source read: {}", e.getMessage());
    }
  }
}
