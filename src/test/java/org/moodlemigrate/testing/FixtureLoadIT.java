package org.moodlemigrate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Loads the real Moodle fixtures with the project's own loaders, on whichever servers {@link
 * TestServers} picks, and checks what the fixture README promises: the loaders are what every
 * end-to-end test stands on, and a loader that silently skips a statement or a COPY row would make
 * those tests prove nothing.
 */
@RequiresFixtures
class FixtureLoadIT {

  private static final int MOODLE_TABLES = 494;
  private static final int MOODLE_SEQUENCES = 493;
  private static final int MOODLE_INDEXES = 1_609;
  private static final long XS_SITE_ROWS = 12_165;

  @Test
  void mariadbDumpLoadsEveryTableAndRow() throws Exception {
    try (TestDatabase database = TestServers.mysql().createDatabase("fixture_mariadb")) {
      MySqlDumpLoader.load(Fixtures.mariadbDump(), database);
      try (Connection connection = database.connect()) {
        List<String> tables =
            strings(
                connection,
                "SELECT TABLE_NAME FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'",
                database.name());
        assertEquals(MOODLE_TABLES, tables.size(), "base tables");
        assertEquals(
            XS_SITE_ROWS,
            totalRows(connection, quoted(SQLDialect.MYSQL, tables)),
            "rows in all tables");
      }
    }
  }

  @Test
  void pgSchemaLoadsEveryTableSequenceAndIndex() throws Exception {
    try (TestDatabase database = TestServers.postgresql().createDatabase("fixture_pgschema")) {
      PgDumpLoader.load(Fixtures.pgSchema(), database);
      try (Connection connection = database.connect()) {
        assertEquals(MOODLE_TABLES, publicTables(connection).size(), "tables");
        assertEquals(
            MOODLE_SEQUENCES,
            count(connection, "SELECT count(*) FROM pg_sequences WHERE schemaname = ?", "public"),
            "sequences");
        assertEquals(
            MOODLE_INDEXES,
            count(connection, "SELECT count(*) FROM pg_indexes WHERE schemaname = ?", "public"),
            "indexes");
      }
    }
  }

  @Test
  void pgloaderDumpLoadsEveryRow() throws Exception {
    try (TestDatabase database = TestServers.postgresql().createDatabase("fixture_pgloader")) {
      PgDumpLoader.load(Fixtures.pgloaderDataOnly(), database);
      try (Connection connection = database.connect()) {
        List<String> tables = publicTables(connection);
        assertEquals(MOODLE_TABLES, tables.size(), "tables");
        assertEquals(
            XS_SITE_ROWS,
            totalRows(connection, quoted(SQLDialect.POSTGRES, tables)),
            "rows in all tables");
      }
    }
  }

  private static List<String> publicTables(Connection connection) throws SQLException {
    return strings(connection, "SELECT tablename FROM pg_tables WHERE schemaname = ?", "public");
  }

  /**
   * Table names as the dialect quotes them; PostgreSQL's qualified with {@code public}, as the
   * dumps are.
   */
  private static List<String> quoted(SQLDialect dialect, List<String> tables) {
    List<String> quoted = new ArrayList<>();
    for (String table : tables) {
      quoted.add(
          DSL.using(dialect)
              .render(
                  dialect == SQLDialect.POSTGRES
                      ? DSL.quotedName("public", table)
                      : DSL.quotedName(table)));
    }
    return quoted;
  }

  private static long totalRows(Connection connection, List<String> quotedTables)
      throws SQLException {
    long total = 0;
    try (Statement statement = connection.createStatement()) {
      for (String table : quotedTables) {
        try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
          rows.next();
          total += rows.getLong(1);
        }
      }
    }
    return total;
  }

  private static long count(Connection connection, String sql, String parameter)
      throws SQLException {
    return Long.parseLong(strings(connection, sql, parameter).get(0));
  }

  private static List<String> strings(Connection connection, String sql, String parameter)
      throws SQLException {
    List<String> values = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, parameter);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
    }
    return values;
  }
}
