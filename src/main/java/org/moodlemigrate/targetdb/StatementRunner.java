package org.moodlemigrate.targetdb;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes prepared lists of statements on the target, a group of statements per transaction.
 *
 * <p>Groups bound the locks one transaction holds ({@code max_locks_per_transaction}) while sparing
 * a commit per statement. A failing group is rolled back and its error (PostgreSQL's own message,
 * which names the object) is returned; later groups still run, so one problem does not hide the
 * next.
 */
public final class StatementRunner {
  private static final Logger LOG = LoggerFactory.getLogger(StatementRunner.class);

  private StatementRunner() {}

  /**
   * Runs the statements, {@code perTransaction} at a time; returns the errors, empty on success.
   */
  public static List<String> run(Connection connection, List<String> statements, int perTransaction)
      throws SQLException {
    List<String> errors = new ArrayList<>();
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement st = connection.createStatement()) {
      for (int i = 0; i < statements.size(); i += perTransaction) {
        List<String> group = statements.subList(i, Math.min(i + perTransaction, statements.size()));
        try {
          for (String sql : group) {
            LOG.debug("{}", sql);
            st.addBatch(sql);
          }
          st.executeBatch();
          connection.commit();
        } catch (SQLException e) {
          st.clearBatch();
          connection.rollback();
          errors.add(message(e));
        }
      }
    } finally {
      connection.setAutoCommit(autoCommit);
    }
    return errors;
  }

  private static String message(SQLException e) {
    SQLException best = e;
    if (e instanceof BatchUpdateException && e.getNextException() != null) {
      best = e.getNextException();
    }
    String m = best.getMessage() == null ? best.getClass().getSimpleName() : best.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
