package org.moodlemigrate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * Builds the demo site on the test servers (the machine's own, or embedded ones; see {@link
 * TestServers}) in fresh databases, which each test drops again.
 */
class DemoSiteIT {

  /** Row counts at scale 1; they change only when the generator does. */
  private static final Map<String, Long> SCALE_ONE_COUNTS =
      counts(
          "mdl_config",
          40,
          "mdl_config_plugins",
          10,
          "mdl_user",
          202,
          "mdl_user_preferences",
          580,
          "mdl_course_categories",
          6,
          "mdl_course",
          21,
          "mdl_context",
          264,
          "mdl_enrol",
          60,
          "mdl_user_enrolments",
          600,
          "mdl_role_assignments",
          600,
          "mdl_forum",
          41,
          "mdl_forum_discussions",
          182,
          "mdl_forum_posts",
          694,
          "mdl_forum_digests",
          100,
          "mdl_grade_grades",
          1120,
          "mdl_question",
          0,
          "mdl_logstore_standard_log",
          45_000);

  private final List<Connection> connections = new ArrayList<>();
  private final List<TestDatabase> databases = new ArrayList<>();

  @Test
  void sourceHasTheDemoTablesWithTheSameRowCountsEveryTime() throws SQLException {
    Connection mysql = newMysqlDatabase();

    DemoSite.createSource(mysql, 1);

    assertEquals(
        new TreeSet<>(DemoSite.tableNames()),
        strings(
            mysql,
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"));
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : DemoSite.tableNames()) {
      counts.put(table, number(mysql, "SELECT COUNT(*) FROM " + table));
    }
    assertEquals(SCALE_ONE_COUNTS, counts);
  }

  @Test
  void sourceHoldsValuesThatABooleanCastOrALossyEncodingWouldDestroy() throws SQLException {
    Connection mysql = newMysqlDatabase();

    DemoSite.createSource(mysql, 1);

    assertEquals(
        Set.of("0", "1", "2"),
        strings(mysql, "SELECT DISTINCT edulevel FROM mdl_logstore_standard_log"));
    assertTrue(strings(mysql, "SELECT DISTINCT maildigest FROM mdl_forum_digests").contains("-1"));
    assertTrue(strings(mysql, "SELECT DISTINCT maildigest FROM mdl_user").contains("2"));
    assertEquals(
        Set.of("c", "r", "u", "d"),
        strings(mysql, "SELECT DISTINCT crud FROM mdl_logstore_standard_log"));
    for (String query :
        List.of(
            "SELECT message FROM mdl_forum_posts",
            "SELECT lastname FROM mdl_user",
            "SELECT fullname FROM mdl_course",
            "SELECT name FROM mdl_course_categories")) {
      assertTrue(
          strings(mysql, query).stream()
              .anyMatch(text -> text.codePoints().anyMatch(c -> c > 0xFFFF)),
          "no four-byte character in: " + query);
    }
    assertTrue(number(mysql, "SELECT COUNT(*) FROM mdl_grade_grades WHERE rawgrade IS NULL") > 0);
    assertTrue(
        number(
                mysql,
                "SELECT COUNT(*) FROM mdl_logstore_standard_log WHERE eventname = "
                    + "'\\\\core\\\\event\\\\course_viewed'")
            > 0);
  }

  @Test
  void sourceCountersLieAboveTheHighestIdWhereRowsWereDeleted() throws SQLException {
    Connection mysql = newMysqlDatabase();

    DemoSite.createSource(mysql, 1);

    for (String table :
        List.of("mdl_course", "mdl_forum_posts", "mdl_logstore_standard_log", "mdl_question")) {
      long next =
          number(
              mysql,
              "SELECT AUTO_INCREMENT FROM information_schema.TABLES"
                  + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '"
                  + table
                  + "'");
      long max = number(mysql, "SELECT COALESCE(MAX(id), 0) FROM " + table);
      assertTrue(next > max + 1, table + ": AUTO_INCREMENT " + next + ", max(id) " + max);
    }
    assertEquals(
        57,
        number(
            mysql,
            "SELECT AUTO_INCREMENT FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'mdl_question'"));
  }

  @Test
  void sameScaleGivesTheSameRows() throws SQLException {
    Connection first = newMysqlDatabase();
    Connection second = newMysqlDatabase();

    DemoSite.createSource(first, 1);
    DemoSite.createSource(second, 1);

    for (String table : DemoSite.tableNames()) {
      assertEquals(checksum(first, table), checksum(second, table), table);
    }
  }

  @Test
  void targetIsTheInstallersSchemaWithSomeInstallerRows() throws SQLException {
    Connection postgres = newPostgresDatabase();

    DemoSite.createTarget(postgres);

    assertEquals(
        new TreeSet<>(DemoSite.tableNames()),
        strings(
            postgres,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"));
    for (String table : DemoSite.tableNames()) {
      assertEquals(
          "public." + table + "_id_seq",
          string(postgres, "SELECT pg_get_serial_sequence('public." + table + "', 'id')"),
          table);
      assertEquals(
          "nextval('" + table + "_id_seq'::regclass)",
          string(
              postgres,
              "SELECT column_default FROM information_schema.columns WHERE table_schema = 'public'"
                  + " AND table_name = '"
                  + table
                  + "' AND column_name = 'id'"),
          table);
    }
    assertEquals(
        "CREATE INDEX mdl_cont_pat_ix_pattern ON public.mdl_context USING btree "
            + "(path varchar_pattern_ops)",
        string(
            postgres,
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'mdl_cont_pat_ix_pattern'"));
    assertEquals(
        Set.of("1 guest", "2 admin"),
        strings(postgres, "SELECT id || ' ' || username FROM mdl_user"));
    assertEquals(2, number(postgres, "SELECT last_value FROM mdl_user_id_seq"));
  }

  @Test
  void everySourceColumnHasATargetColumnOfTheMatchingType() throws SQLException {
    Connection mysql = newMysqlDatabase();
    Connection postgres = newPostgresDatabase();

    DemoSite.createSource(mysql, 1);
    DemoSite.createTarget(postgres);

    Map<String, String> source =
        columns(
            mysql,
            "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE"
                + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()",
            DemoSiteIT::postgresTypeOf);
    Map<String, String> target =
        columns(
            postgres,
            "SELECT table_name, column_name, format_type(a.atttypid, a.atttypmod), is_nullable FROM"
                + " information_schema.columns c JOIN pg_attribute a ON a.attrelid = ('public.' ||"
                + " c.table_name)::regclass AND a.attname = c.column_name WHERE c.table_schema ="
                + " 'public'",
            type -> type);
    List<String> mismatches = new ArrayList<>();
    source.forEach(
        (column, needed) -> {
          if (!needed.equals(target.get(column))) {
            mismatches.add(
                column + ": source needs " + needed + ", target has " + target.get(column));
          }
        });
    assertEquals(List.of(), mismatches);
    assertEquals(
        DemoSite.tableNames().size(),
        source.keySet().stream().map(column -> column.replaceAll("\\..*", "")).distinct().count());
    for (String tinyint :
        strings(
            mysql,
            "SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME) FROM information_schema.COLUMNS WHERE"
                + " TABLE_SCHEMA = DATABASE() AND DATA_TYPE = 'tinyint'")) {
      assertTrue(
          target.get(tinyint).startsWith("smallint "), tinyint + " is " + target.get(tinyint));
    }
  }

  /**
   * The PostgreSQL type that Moodle's installer gives a column of this MySQL type (the rules
   * measured on the real fixtures, see {@code shared/fixtures/README.md}).
   */
  private static String postgresTypeOf(String mysqlType) {
    String base = mysqlType.replaceAll("\\(.*", "");
    return switch (base) {
      case "tinyint", "smallint" -> "smallint";
      case "mediumint", "int" -> "integer";
      case "bigint" -> "bigint";
      case "decimal" -> mysqlType.replace("decimal", "numeric");
      case "varchar" -> mysqlType.replace("varchar", "character varying");
      case "longtext", "mediumtext", "text" -> "text";
      case "float" -> "real";
      case "double" -> "double precision";
      default -> throw new AssertionError("No rule for MySQL type " + mysqlType);
    };
  }

  /**
   * {@code table.column -> "type NULL"} or {@code "type NOT NULL"}, with the type converted by
   * {@code type}.
   */
  private static Map<String, String> columns(
      Connection connection, String query, UnaryOperator<String> type) throws SQLException {
    Map<String, String> columns = new TreeMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        columns.put(
            rows.getString(1) + "." + rows.getString(2),
            type.apply(rows.getString(3))
                + (rows.getString(4).equals("YES") ? " NULL" : " NOT NULL"));
      }
    }
    return columns;
  }

  private static String checksum(Connection mysql, String table) throws SQLException {
    try (Statement statement = mysql.createStatement();
        ResultSet row = statement.executeQuery("CHECKSUM TABLE " + table)) {
      row.next();
      return row.getString(2);
    }
  }

  private static Set<String> strings(Connection connection, String query) throws SQLException {
    Set<String> values = new TreeSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private static String string(Connection connection, String query) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(query);
        ResultSet row = statement.executeQuery()) {
      assertTrue(row.next(), "no row from " + query);
      return row.getString(1);
    }
  }

  private static long number(Connection connection, String query) throws SQLException {
    return Long.parseLong(string(connection, query));
  }

  private static Map<String, Long> counts(Object... tablesAndCounts) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int i = 0; i < tablesAndCounts.length; i += 2) {
      counts.put((String) tablesAndCounts[i], ((Number) tablesAndCounts[i + 1]).longValue());
    }
    return counts;
  }

  // --- uniquely named databases on the test servers (local or embedded), dropped after each test

  private Connection newMysqlDatabase() throws SQLException {
    TestDatabase database = TestServers.mysql().createDatabase("demo");
    databases.add(database);
    return open(database.connect());
  }

  private Connection newPostgresDatabase() throws SQLException {
    TestDatabase database = TestServers.postgresql().createDatabase("demo");
    databases.add(database);
    return open(database.connect());
  }

  private Connection open(Connection connection) {
    connections.add(connection);
    return connection;
  }

  @AfterEach
  void dropDatabases() throws SQLException {
    for (Connection connection : connections) {
      connection.close();
    }
    for (TestDatabase database : databases) {
      database.close();
    }
  }
}
