package org.moodlemigrate.sandbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.moodlemigrate.sql.Identifiers;

/**
 * Core settings in {@code <prefix>config} (id, name, value; name unique), written the way Moodle's
 * {@code set_config()} writes them: the row with that name updated, or a new one inserted (its id
 * from the column's sequence default) when there is none.
 */
final class MoodleConfig {

  private final Connection connection;
  private final String table;

  MoodleConfig(Connection connection, String schema, String prefix) {
    this.connection = connection;
    this.table = Identifiers.postgres(schema, prefix + "config");
  }

  Optional<String> get(String name) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT value FROM " + table + " WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** Sets the value; returns whether the setting was new (inserted). */
  boolean set(String name, String value) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement("UPDATE " + table + " SET value = ? WHERE name = ?")) {
      update.setString(1, value);
      update.setString(2, name);
      if (update.executeUpdate() > 0) {
        return false;
      }
    }
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO " + table + " (name, value) VALUES (?, ?)")) {
      insert.setString(1, name);
      insert.setString(2, value);
      insert.executeUpdate();
    }
    return true;
  }
}
