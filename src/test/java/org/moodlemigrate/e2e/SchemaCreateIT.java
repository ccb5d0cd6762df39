package org.moodlemigrate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.moodlemigrate.migration.ExitCodes;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.Fixtures;
import org.moodlemigrate.testing.MySqlDumpLoader;
import org.moodlemigrate.testing.PgDumpLoader;
import org.moodlemigrate.testing.RequiresFixtures;
import org.moodlemigrate.testing.TableContents;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * {@code --schema-mode create}: the whole Moodle fixture built from the MariaDB catalog alone into
 * an empty database, then compared with the schema Moodle's own installer made on PostgreSQL. Every
 * column's type and nullability must be the installer's; a default may differ only in spelling of
 * the same value, and every such column must be named in {@code docs/cast-rules.md}.
 */
@RequiresFixtures
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaCreateIT {
  private static final String COLUMNS =
      "SELECT c.relname || '.' || a.attname, format_type(a.atttypid, a.atttypmod),"
          + " a.attnotnull::text, COALESCE(pg_get_expr(d.adbin, d.adrelid), '') FROM pg_attribute a"
          + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE"
          + " n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped";

  private TestDatabase source;
  private TestDatabase installed;
  private TestDatabase created;
  private CliRun run;

  @BeforeAll
  void createFromTheSourceCatalog() throws Exception {
    source = TestServers.mysql().createDatabase("create_src");
    MySqlDumpLoader.load(Fixtures.mariadbDump(), source);
    installed = TestServers.postgresql().createDatabase("create_installed");
    PgDumpLoader.load(Fixtures.pgSchema(), installed);
    created = TestServers.postgresql().createDatabase("create_tgt");
    run = run("--schema-mode", "create");
    assertEquals(0, run.exitCode(), run.transcript());
  }

  private CliRun run(String... extra) {
    List<String> args =
        new ArrayList<>(List.of("run", "--source", source.uri(), "--target", created.uri()));
    args.addAll(List.of(extra));
    return CliRun.inProcess(
        Map.of("MM_SOURCE_PASSWORD", source.password(), "MM_TARGET_PASSWORD", created.password()),
        args.toArray(String[]::new));
  }

  @AfterAll
  void drop() throws SQLException {
    for (TestDatabase db : new TestDatabase[] {source, installed, created}) {
      if (db != null) {
        db.close();
      }
    }
  }

  private static Map<String, String[]> columns(TestDatabase db) throws SQLException {
    Map<String, String[]> out = new TreeMap<>();
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(COLUMNS)) {
      while (rs.next()) {
        out.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
      }
    }
    return out;
  }

  @Test
  @Order(1)
  void everyColumnHasTheInstallersTypeNullabilityAndDefault() throws Exception {
    Map<String, String[]> expected = columns(installed);
    Map<String, String[]> actual = columns(created);
    assertEquals(expected.keySet(), actual.keySet(), "the same 494 tables with the same columns");
    assertEquals(4484, expected.size());
    List<String> spelling = new ArrayList<>();
    try (Connection c = created.connect();
        Statement st = c.createStatement()) {
      for (var e : expected.entrySet()) {
        String[] want = e.getValue();
        String[] got = actual.get(e.getKey());
        assertEquals(want[0], got[0], "type of " + e.getKey());
        assertEquals(want[1], got[1], "nullability of " + e.getKey());
        if (!want[2].equals(got[2])) {
          try (ResultSet rs =
              st.executeQuery(
                  "SELECT (" + want[2] + ")::" + want[0] + " = (" + got[2] + ")::" + want[0])) {
            rs.next();
            assertTrue(
                rs.getBoolean(1),
                "default of " + e.getKey() + ": installer " + want[2] + ", created " + got[2]);
          }
          spelling.add(e.getKey());
        }
      }
    }
    String docs = Files.readString(Path.of("docs/cast-rules.md"));
    for (String column : spelling) {
      assertTrue(
          docs.contains(column),
          column + " differs in the spelling of its default; explain it in docs/cast-rules.md");
    }
    assertTrue(spelling.size() <= 3, "only the documented spellings differ: " + spelling);
  }

  @Test
  @Order(2)
  void indexesAreTheInstallersButForItsPostgresOnlyHint() throws Exception {
    String sql =
        "SELECT regexp_replace(indexdef, 'INDEX \\S+ ON', 'INDEX ON') FROM pg_indexes WHERE"
            + " schemaname = 'public'";
    List<String> expected = lines(installed, sql);
    List<String> actual = lines(created, sql);
    expected.sort(null);
    actual.sort(null);
    expected.remove("CREATE INDEX ON public.mdl_context USING btree (path varchar_pattern_ops)");
    assertEquals(expected, actual);
  }

  @Test
  @Order(3)
  void theDataIsTheKnownGoodResultAndSequencesWork() throws Exception {
    Map<String, List<String>> reference = TableContents.ofDump(Fixtures.pgloaderDataOnly());
    try (Connection c = created.connect()) {
      for (String table : reference.keySet()) {
        assertEquals(reference.get(table), TableContents.of(c, "public", table), table);
      }
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "INSERT INTO mdl_config (name, value) VALUES ('created', 'yes') RETURNING id")) {
        rs.next();
        assertTrue(rs.getLong(1) > 400, "the sequence continues after the copied ids");
      }
    }
  }

  @Test
  @Order(4)
  void createModeRefusesANonEmptyTargetAndReplacesItOnlyWhenAsked() throws Exception {
    CliRun refused = run("--schema-mode", "create");
    assertEquals(ExitCodes.REFUSED, refused.exitCode(), refused.transcript());
    assertTrue(
        refused.err().contains("target-table-exists") || refused.err().contains("exists"),
        refused.err());
    assertEquals(
        List.of("1"),
        lines(created, "SELECT count(*)::text FROM mdl_config WHERE name = 'created'"),
        "nothing written");

    CliRun replaced = run("--schema-mode", "create", "--drop-existing");
    assertEquals(0, replaced.exitCode(), replaced.transcript());
    assertEquals(
        List.of("0"),
        lines(created, "SELECT count(*)::text FROM mdl_config WHERE name = 'created'"));
    assertEquals(columns(installed).size(), columns(created).size());
  }

  private static List<String> lines(TestDatabase db, String sql) throws SQLException {
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
}
