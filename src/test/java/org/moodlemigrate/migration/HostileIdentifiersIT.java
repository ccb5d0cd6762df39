package org.moodlemigrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.CellComparison;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * Identifiers that break naive SQL: reserved words ({@code order}, {@code user}, {@code group},
 * {@code desc}, {@code limit}, {@code select}), mixed case, and names holding quotes, semicolons,
 * backticks, backslashes and comment markers, as table, column, key and index names. In both modes
 * they are created and copied cell for cell, and a name that spells {@code DROP TABLE} drops
 * nothing: a sentinel table on each side survives every run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileIdentifiersIT {
  /** A table whose name would end a quoted name and drop the target's sentinel. */
  static final String HOSTILE_TABLE = "x\"; DROP TABLE pg_sentinel; --";

  /** A key column whose name would end a string and drop the source's sentinel. */
  static final String HOSTILE_KEY = "k'); DROP TABLE my_sentinel; --";

  /** A column with a backtick, a comment and a trailing backslash. */
  static final String HOSTILE_COLUMN = "a`b /* c */ \\";

  static final String HOSTILE_INDEX = "i\"; DROP TABLE pg_sentinel; --";

  private TestDatabase source;
  private final List<TestDatabase> targets = new ArrayList<>();
  @TempDir Path dir;

  @BeforeAll
  void createSource() throws SQLException {
    source = TestServers.mysql().createDatabase("hostile_src");
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE my_sentinel (id INT PRIMARY KEY)");
      st.execute("INSERT INTO my_sentinel VALUES (1)");
      st.execute(
          "CREATE TABLE `order` (`id` INT PRIMARY KEY, `user` VARCHAR(20), `group` INT, `desc`"
              + " TEXT, `limit` INT, `select` VARCHAR(5), KEY `limit` (`limit`))");
      st.execute(
          "INSERT INTO `order` VALUES (1, 'u1', 1, 'first', 10, 'a'), (2, 'u2', 2, 'second', 20,"
              + " 'b'), (3, NULL, NULL, NULL, NULL, NULL)");
      st.execute(
          "CREATE TABLE `MixedCase` (`Id` INT PRIMARY KEY, `CamelCol` VARCHAR(10), `UPPER` INT,"
              + " KEY `IdxCamel` (`CamelCol`))");
      st.execute("INSERT INTO `MixedCase` VALUES (1, 'One', 1), (2, 'Two', 2)");
      st.execute(
          "CREATE TABLE "
              + my(HOSTILE_TABLE)
              + " ("
              + my(HOSTILE_KEY)
              + " INT PRIMARY KEY, "
              + my(HOSTILE_COLUMN)
              + " VARCHAR(40), `n` INT, KEY "
              + my(HOSTILE_INDEX)
              + " (`n`))");
      st.execute(
          "INSERT INTO "
              + my(HOSTILE_TABLE)
              + " VALUES (1, '''; DROP TABLE pg_sentinel; --', 1), (2, '\\\\.\\n', 2), (3,"
              + " '\"q\"', 3)");
    }
  }

  @AfterEach
  void dropTargets() throws SQLException {
    for (TestDatabase t : targets) {
      t.close();
    }
    targets.clear();
  }

  @AfterAll
  void dropSource() throws SQLException {
    if (source != null) {
      source.close();
    }
  }

  private TestDatabase target(String... ddl) throws SQLException {
    TestDatabase t = TestServers.postgresql().createDatabase("hostile_tgt");
    targets.add(t);
    try (Connection c = t.connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE pg_sentinel (id int PRIMARY KEY)");
      st.execute("INSERT INTO pg_sentinel VALUES (1)");
      for (String sql : ddl) {
        st.execute(sql);
      }
    }
    return t;
  }

  private CliRun run(TestDatabase target, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--source",
                source.uri(),
                "--target",
                target.uri(),
                "--exclude",
                "my_sentinel",
                "--rebuild-indexes-from",
                "0",
                "--chunk-rows",
                "1",
                "--rejects-dir",
                dir.toString()));
    args.addAll(List.of(options));
    if (!args.contains("--schema-mode")) {
      args.addAll(List.of("--schema-mode", "create")); // the target holds only the sentinels
    }
    return CliRun.inProcess(
        Map.of("MM_SOURCE_PASSWORD", source.password(), "MM_TARGET_PASSWORD", target.password()),
        args.toArray(String[]::new));
  }

  @Test
  void createdTablesKeepEveryNameAndEveryValue() throws Exception {
    TestDatabase target = target();
    CliRun run = run(target);
    assertEquals(ExitCodes.OK, run.exitCode(), run.transcript());
    assertEveryCellArrived(target);
    assertEquals(
        List.of("IdxCamel", HOSTILE_INDEX, "limit"),
        column(
            target,
            "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE"
                + " '%pkey' ORDER BY indexname COLLATE \"C\""));
    assertSentinelsSurvived(target);
  }

  @Test
  void installerMadeTablesAreLoadedThroughTheSameNames() throws Exception {
    TestDatabase target =
        target(
            "CREATE TABLE \"order\" (id int PRIMARY KEY, \"user\" varchar(20), \"group\" int,"
                + " \"desc\" text, \"limit\" int, \"select\" varchar(5))",
            "CREATE INDEX \"limit\" ON \"order\" (\"limit\")",
            "CREATE TABLE \"MixedCase\" (\"Id\" int PRIMARY KEY, \"CamelCol\" varchar(10),"
                + " \"UPPER\" int)",
            "CREATE TABLE "
                + pg(HOSTILE_TABLE)
                + " ("
                + pg(HOSTILE_KEY)
                + " int PRIMARY KEY, "
                + pg(HOSTILE_COLUMN)
                + " varchar(40), n int)",
            "CREATE INDEX " + pg(HOSTILE_INDEX) + " ON " + pg(HOSTILE_TABLE) + " (n)");
    CliRun run = run(target, "--schema-mode", "data-only");
    assertEquals(ExitCodes.OK, run.exitCode(), run.transcript());
    assertEveryCellArrived(target);
    // The hostile index was dropped for the load and rebuilt under its own name.
    assertEquals(
        List.of(HOSTILE_INDEX),
        column(
            target,
            "SELECT indexname FROM pg_indexes WHERE tablename = '"
                + HOSTILE_TABLE.replace("'", "''")
                + "' AND indexname NOT LIKE '%pkey'"));
    assertSentinelsSurvived(target);
  }

  @Test
  void theChecksNameRowsByAHostileKeyWithoutRunningIt() throws Exception {
    TestDatabase target =
        target(
            "CREATE TABLE "
                + pg(HOSTILE_TABLE)
                + " ("
                + pg(HOSTILE_KEY)
                + " int PRIMARY KEY, "
                + pg(HOSTILE_COLUMN)
                + " varchar(5), n int)");
    CliRun check =
        CliRun.inProcess(
            Map.of(
                "MM_SOURCE_PASSWORD", source.password(), "MM_TARGET_PASSWORD", target.password()),
            "check",
            "--source",
            source.uri(),
            "--target",
            target.uri(),
            "--include",
            ".*DROP.*",
            "--schema-mode",
            "data-only");
    assertEquals(ExitCodes.REFUSED, check.exitCode(), check.transcript());
    assertTrue(
        check.out().contains("value-too-long") && check.out().contains(HOSTILE_KEY + "=1"),
        check.out());
    assertSentinelsSurvived(target);
  }

  private void assertEveryCellArrived(TestDatabase target) throws SQLException {
    try (Connection my = source.connect();
        Connection pg = target.connect()) {
      for (String[] t :
          List.of(
              new String[] {"order", "id"},
              new String[] {"MixedCase", "Id"},
              new String[] {HOSTILE_TABLE, HOSTILE_KEY})) {
        List<String> diff = CellComparison.differences(my, pg, "public", t[0], t[1]);
        assertTrue(diff.isEmpty(), String.join("\n", diff));
        assertEquals(
            List.of(t[0].equals("MixedCase") ? "2" : "3"),
            column(target, "SELECT count(*) FROM public." + pg(t[0])));
      }
    }
  }

  private void assertSentinelsSurvived(TestDatabase target) throws SQLException {
    assertEquals(List.of("1"), column(target, "SELECT count(*) FROM pg_sentinel"));
    try (Connection c = source.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM my_sentinel")) {
      rs.next();
      assertEquals(1, rs.getInt(1));
    }
  }

  private static List<String> column(TestDatabase db, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static String my(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private static String pg(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
