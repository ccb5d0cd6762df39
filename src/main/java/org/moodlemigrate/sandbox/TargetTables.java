package org.moodlemigrate.sandbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the target's catalog says about its Moodle tables: which exist, and each one's columns with
 * their types, which is how text read back from the journal is cast to the column's own type.
 */
final class TargetTables {

  private final Connection connection;
  private final String schema;

  TargetTables(Connection connection, String schema) {
    this.connection = connection;
    this.schema = schema;
  }

  /**
   * The table's columns in table order, name to type without modifier ({@code character varying},
   * not {@code character varying(255)}: a cast to the type with its length would silently cut a too
   * long value, where the assignment to the column refuses it); empty when there is no such table.
   */
  Optional<Map<String, String>> columns(String table) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT a.attname, format_type(a.atttypid, NULL) FROM pg_attribute a"
                + " JOIN pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')"
                + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return columns.isEmpty() ? Optional.empty() : Optional.of(columns);
  }

  /** The schema's tables whose names match {@code likePattern} (case-insensitive), sorted. */
  List<String> tablesLike(String likePattern) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND c.relname ILIKE ?"
                + " ORDER BY c.relname")) {
      ps.setString(1, schema);
      ps.setString(2, likePattern);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
    }
    return tables;
  }
}
