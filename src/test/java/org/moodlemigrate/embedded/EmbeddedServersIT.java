package org.moodlemigrate.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Starts each embedded server directly (not through the test-server selection), so this runs on
 * every machine whatever local servers exist: it is the proof that the {@code demo} command and
 * embedded-only test runs work here, as root included, and leave no files behind.
 */
class EmbeddedServersIT {

  /** A value a {@code tinyint(1)}-as-boolean driver setting would destroy, and non-ASCII text. */
  private static final int EDULEVEL = 2;

  private static final String TEXT = "Grüße, 日本";

  @Test
  void mariadbRoundTripsARowAndCleansUp() throws Exception {
    Path folder;
    try (EmbeddedMariaDb server = EmbeddedMariaDb.start()) {
      folder = server.folder();
      assertTrue(Files.isDirectory(folder.resolve("data")));
      server.createDatabase("roundtrip");
      try (Connection connection = server.connect("roundtrip")) {
        execute(
            connection,
            "CREATE TABLE t (id BIGINT PRIMARY KEY, edulevel TINYINT(1), txt VARCHAR(20))");
        assertRoundTrip(connection);
      }
    }
    assertFalse(Files.exists(folder), folder + " should be deleted");
  }

  @Test
  void postgresRoundTripsARowAndCleansUp() throws Exception {
    Path folder;
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
      folder = server.folder();
      assertTrue(Files.isDirectory(folder.resolve("data")));
      server.createDatabase("roundtrip");
      try (Connection connection = server.connect("roundtrip")) {
        execute(
            connection,
            "CREATE TABLE t (id BIGINT PRIMARY KEY, edulevel SMALLINT, txt VARCHAR(20))");
        assertRoundTrip(connection);
      }
    }
    assertFalse(Files.exists(folder), folder + " should be deleted");
  }

  private static void assertRoundTrip(Connection connection) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
      insert.setLong(1, 1);
      insert.setInt(2, EDULEVEL);
      insert.setString(3, TEXT);
      insert.executeUpdate();
    }
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT edulevel, txt FROM t WHERE id = 1")) {
      assertTrue(row.next());
      assertEquals(EDULEVEL, row.getObject(1, Integer.class));
      assertEquals(TEXT, row.getString(2));
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
