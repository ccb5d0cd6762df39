package org.moodlemigrate.catalog.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.moodlemigrate.journal.SourceState;
import org.moodlemigrate.sql.Identifiers;

/**
 * Reads every table's exact row count and highest key in one consistent snapshot ({@code START
 * TRANSACTION WITH CONSISTENT SNAPSHOT}, the strongest InnoDB offers across tables), so that the
 * states at the start and at the end of a run describe two moments of the whole site.
 *
 * <p>{@code COUNT(*)} reads the smallest index of the table, which on a log table of a hundred
 * million rows takes tens of seconds; it is the price of a warning that the site was written to
 * during the copy, which would otherwise show only as a failed verification.
 */
public final class SourceStateReader {
  private SourceStateReader() {}

  /**
   * @param tables the source tables, each with its single integer key column or null
   */
  public static Map<String, SourceState> read(
      Connection source, String database, Map<String, String> tables) throws SQLException {
    Map<String, SourceState> out = new LinkedHashMap<>();
    boolean autoCommit = source.getAutoCommit();
    source.setAutoCommit(false);
    try (Statement st = source.createStatement()) {
      st.setEscapeProcessing(false);
      st.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
      for (Map.Entry<String, String> t : tables.entrySet()) {
        String key = t.getValue();
        String sql =
            "SELECT COUNT(*), "
                + (key == null ? "NULL" : "MAX(" + Identifiers.mysql(key) + ")")
                + " FROM "
                + Identifiers.mysql(database, t.getKey());
        try (ResultSet rs = st.executeQuery(sql)) {
          rs.next();
          long max = rs.getLong(2);
          out.put(t.getKey(), new SourceState(rs.getLong(1), rs.wasNull() ? null : max));
        }
      }
    } catch (SQLException e) {
      try {
        source.rollback();
      } catch (SQLException rollbackError) {
        e.addSuppressed(rollbackError);
      }
      throw e;
    }
    source.rollback();
    source.setAutoCommit(autoCommit);
    return out;
  }
}
