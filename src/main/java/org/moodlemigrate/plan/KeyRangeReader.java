package org.moodlemigrate.plan;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.moodlemigrate.sql.Identifiers;

/**
 * Reads the smallest and largest key of source tables: two index look-ups each, many tables to a
 * statement, so that a site of two thousand tables costs a few round trips.
 */
public final class KeyRangeReader {
  /** Tables whose bounds one statement reads. */
  static final int TABLES_PER_STATEMENT = 100;

  private KeyRangeReader() {}

  /** The key bounds; both null when the table is empty. */
  public record KeyRange(Long min, Long max) {
    static final KeyRange NONE = new KeyRange(null, null);
  }

  /**
   * @return the range, or null bounds when the key exceeds a signed 64-bit number ({@code bigint
   *     unsigned} above 2^63-1), which then copies as one chunk
   */
  public static KeyRange read(Connection source, String database, String table, String keyColumn)
      throws SQLException {
    return readAll(source, database, Map.of(table, keyColumn)).get(table);
  }

  /**
   * The key bounds of every table, by table.
   *
   * @param keys each table's single integer key column
   */
  public static Map<String, KeyRange> readAll(
      Connection source, String database, Map<String, String> keys) throws SQLException {
    Map<String, KeyRange> out = new LinkedHashMap<>();
    List<Map.Entry<String, String>> tables = new ArrayList<>(keys.entrySet());
    try (Statement st = source.createStatement()) {
      st.setEscapeProcessing(false); // a '{' in an identifier is not a JDBC escape
      for (int from = 0; from < tables.size(); from += TABLES_PER_STATEMENT) {
        List<Map.Entry<String, String>> batch =
            tables.subList(from, Math.min(tables.size(), from + TABLES_PER_STATEMENT));
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < batch.size(); i++) {
          String key = Identifiers.mysql(batch.get(i).getValue());
          if (i > 0) {
            sql.append(" UNION ALL ");
          }
          sql.append("SELECT ")
              .append(i)
              .append(", CAST(MIN(")
              .append(key)
              .append(") AS CHAR), CAST(MAX(")
              .append(key)
              .append(") AS CHAR) FROM ")
              .append(Identifiers.mysql(database, batch.get(i).getKey()));
        }
        try (ResultSet rs = st.executeQuery(sql.toString())) {
          while (rs.next()) {
            out.put(batch.get(rs.getInt(1)).getKey(), range(rs.getString(2), rs.getString(3)));
          }
        }
      }
    }
    return out;
  }

  private static KeyRange range(String min, String max) {
    if (min == null || max == null) {
      return KeyRange.NONE;
    }
    try {
      return new KeyRange(Long.valueOf(min), Long.valueOf(max));
    } catch (NumberFormatException e) {
      return KeyRange.NONE;
    }
  }
}
