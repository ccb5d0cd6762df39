package org.moodlemigrate.plan;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.moodlemigrate.sql.Identifiers;

/** Reads the smallest and largest key of a source table: two index look-ups. */
public final class KeyRangeReader {
  private KeyRangeReader() {}

  /** The key bounds; both null when the table is empty. */
  public record KeyRange(Long min, Long max) {}

  /**
   * @return the range, or null bounds when the key exceeds a signed 64-bit number ({@code bigint
   *     unsigned} above 2^63-1), which then copies as one chunk
   */
  public static KeyRange read(Connection source, String database, String table, String keyColumn)
      throws SQLException {
    String key = Identifiers.mysql(keyColumn);
    String sql =
        "SELECT CAST(MIN("
            + key
            + ") AS CHAR), CAST(MAX("
            + key
            + ") AS CHAR) FROM "
            + Identifiers.mysql(database, table);
    try (Statement st = source.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      String min = rs.getString(1);
      String max = rs.getString(2);
      if (min == null || max == null) {
        return new KeyRange(null, null);
      }
      try {
        return new KeyRange(Long.valueOf(min), Long.valueOf(max));
      } catch (NumberFormatException e) {
        return new KeyRange(null, null);
      }
    }
  }
}
