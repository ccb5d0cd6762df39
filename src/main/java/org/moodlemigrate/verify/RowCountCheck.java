package org.moodlemigrate.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** The {@code counts} level: an exact {@code COUNT(*)} of one table on each side. */
final class RowCountCheck {
  private RowCountCheck() {}

  /** Source and target row counts. */
  record Counts(long source, long target) {}

  static Counts run(DataSource source, DataSource target, TableQueries table) throws SQLException {
    return new Counts(count(source, table.sourceCount()), count(target, table.targetCount()));
  }

  private static long count(DataSource pool, String sql) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      st.setEscapeProcessing(false);
      try (ResultSet rs = st.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
