package org.moodlemigrate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.Fixtures;
import org.moodlemigrate.testing.MySqlDumpLoader;
import org.moodlemigrate.testing.PgDumpLoader;
import org.moodlemigrate.testing.RequiresFixtures;
import org.moodlemigrate.testing.TableContents;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * The real Moodle 4.5 fixture, migrated by the real command line (a separate JVM running the built
 * jar) from a MariaDB database loaded from the site's dump into a PostgreSQL database made from the
 * schema Moodle's installer created, with {@code --owner}. Then checked the way an administrator
 * would check a cutover.
 */
@RequiresFixtures
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MoodleFixtureMigrationIT {
  private TestDatabase source;
  private TestDatabase target;
  private TestDatabase pristine;
  private String owner;
  private CliRun firstRun;
  private Path report;

  @TempDir Path dir;

  @BeforeAll
  void migrateTheFixture(@TempDir Path reportDir) throws Exception {
    source = TestServers.mysql().createDatabase("e2e_src");
    MySqlDumpLoader.load(Fixtures.mariadbDump(), source);
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      // As a site's history leaves them: the last log rows were purged, and questions were
      // created and deleted again. Their ids must not be handed out again after the cutover.
      st.execute("ALTER TABLE mdl_logstore_standard_log AUTO_INCREMENT = 100000");
      st.execute("ALTER TABLE mdl_question AUTO_INCREMENT = 57");
    }
    target = TestServers.postgresql().createDatabase("e2e_tgt");
    PgDumpLoader.load(Fixtures.pgSchema(), target);
    pristine = TestServers.postgresql().createDatabase("e2e_pristine");
    PgDumpLoader.load(Fixtures.pgSchema(), pristine);
    owner = "mmt_owner_" + Long.toHexString(System.nanoTime());
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE ROLE \"" + owner + "\" NOLOGIN");
    }
    report = reportDir.resolve("report.json");
    firstRun = run(report);
    assertEquals(0, firstRun.exitCode(), firstRun.transcript());
  }

  private CliRun run(Path reportFile, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--source",
                source.uri(),
                "--target",
                target.uri(),
                "--owner",
                owner,
                "--report",
                reportFile.toString()));
    args.addAll(List.of(extra));
    return CliRun.process(
        Map.of("MM_SOURCE_PASSWORD", source.password(), "MM_TARGET_PASSWORD", target.password()),
        args.toArray(String[]::new));
  }

  @AfterAll
  void dropEverything() throws Exception {
    if (target != null) {
      target.close();
      try (Connection c = pristine.connect();
          Statement st = c.createStatement()) {
        st.execute("DROP ROLE IF EXISTS \"" + owner + "\"");
      }
    }
    if (pristine != null) {
      pristine.close();
    }
    if (source != null) {
      source.close();
    }
  }

  private Map<String, Long> sourceCounts() throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND"
                  + " table_type = 'BASE TABLE'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String t : tables) {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM `" + t + "`")) {
          rs.next();
          counts.put(t, rs.getLong(1));
        }
      }
    }
    return counts;
  }

  private Map<String, Long> targetCounts() throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String t : tables) {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM public.\"" + t + "\"")) {
          rs.next();
          counts.put(t, rs.getLong(1));
        }
      }
    }
    return counts;
  }

  @Test
  @Order(1)
  void everyTableHasTheSourcesRowCount() throws Exception {
    Map<String, Long> expected = sourceCounts();
    assertEquals(494, expected.size());
    assertEquals(12_165L, expected.values().stream().mapToLong(Long::longValue).sum());
    assertEquals(expected, targetCounts());
  }

  @Test
  @Order(3)
  void everyValueEqualsTheKnownGoodPgloaderResult() throws Exception {
    Map<String, List<String>> reference = TableContents.ofDump(Fixtures.pgloaderDataOnly());
    int nonEmpty = 0;
    try (Connection c = target.connect()) {
      for (String table : targetCounts().keySet()) {
        List<String> expected = reference.getOrDefault(table, List.of());
        List<String> actual = TableContents.of(c, "public", table);
        if (!expected.equals(actual)) {
          int shown = 0;
          StringBuilder diff = new StringBuilder();
          for (String line : expected) {
            if (!actual.contains(line) && shown++ < 3) {
              diff.append("\n  missing: ").append(line);
            }
          }
          for (String line : actual) {
            if (!expected.contains(line) && shown++ < 6) {
              diff.append("\n  unexpected: ").append(line);
            }
          }
          throw new AssertionError(table + " differs from the pgloader result:" + diff);
        }
        nonEmpty += actual.isEmpty() ? 0 : 1;
      }
    }
    assertEquals(79, nonEmpty, "the fixture has 79 non-empty tables");
  }

  @Test
  @Order(4)
  void tinyintValuesStayNumbers() throws Exception {
    Map<Integer, Long> sourceLevels = new HashMap<>();
    try (Connection c = source.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT edulevel, COUNT(*) FROM mdl_logstore_standard_log GROUP BY edulevel")) {
      while (rs.next()) {
        sourceLevels.put(rs.getInt(1), rs.getLong(2));
      }
    }
    assertTrue(sourceLevels.getOrDefault(2, 0L) > 0, "the fixture's log has edulevel 2");
    Map<Integer, Long> targetLevels = new HashMap<>();
    try (Connection c = target.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT edulevel, count(*) FROM mdl_logstore_standard_log GROUP BY edulevel")) {
      while (rs.next()) {
        targetLevels.put(rs.getInt(1), rs.getLong(2));
      }
    }
    assertEquals(sourceLevels, targetLevels);
  }

  @Test
  @Order(5)
  void everySequenceHandsOutAnIdAboveMaxAndAutoIncrement() throws Exception {
    Map<String, Long> autoIncrement = new HashMap<>();
    try (Connection c = source.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT table_name, auto_increment FROM information_schema.tables WHERE"
                    + " table_schema = DATABASE() AND auto_increment IS NOT NULL")) {
      while (rs.next()) {
        autoIncrement.put(rs.getString(1), rs.getLong(2));
      }
    }
    int checked = 0;
    int aboveMax = 0;
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      List<String[]> sequences = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT t.relname, a.attname, s.relname FROM pg_depend d JOIN pg_class s ON s.oid ="
                  + " d.objid AND s.relkind = 'S' JOIN pg_class t ON t.oid = d.refobjid JOIN"
                  + " pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid JOIN"
                  + " pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public' AND"
                  + " d.deptype = 'a'")) {
        while (rs.next()) {
          sequences.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        }
      }
      assertEquals(493, sequences.size());
      for (String[] s : sequences) {
        long max;
        try (ResultSet rs =
            st.executeQuery(
                "SELECT COALESCE(max(\"" + s[1] + "\"), 0) FROM public.\"" + s[0] + "\"")) {
          rs.next();
          max = rs.getLong(1);
        }
        long next;
        try (ResultSet rs =
            st.executeQuery("SELECT last_value, is_called FROM public.\"" + s[2] + "\"")) {
          rs.next();
          next = rs.getBoolean(2) ? rs.getLong(1) + 1 : rs.getLong(1);
        }
        long expected = Math.max(max + 1, autoIncrement.getOrDefault(s[0], 1L));
        assertEquals(expected, next, "next value of " + s[2]);
        aboveMax += expected > max + 1 ? 1 : 0;
        checked++;
      }
    }
    assertEquals(493, checked);
    // At least the two moved above; servers differ in what a restored dump leaves (MariaDB 10.11.5:
    // 17).
    assertTrue(aboveMax >= 2, "tables whose AUTO_INCREMENT is above max(id) + 1: " + aboveMax);
    try (Connection c = target.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT nextval('mdl_logstore_standard_log_id_seq'),"
                    + " nextval('mdl_question_id_seq')")) {
      rs.next();
      assertEquals(100_000, rs.getLong(1));
      assertEquals(57, rs.getLong(2));
    }
  }

  @Test
  @Order(6)
  void theOwnerRoleOwnsTheSchemaTablesAndSequences() throws Exception {
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      try (ResultSet rs =
          st.executeQuery(
              "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public'")) {
        rs.next();
        assertEquals(owner, rs.getString(1));
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT c.relkind, count(*), count(*) FILTER (WHERE pg_get_userbyid(c.relowner) = '"
                  + owner
                  + "') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE"
                  + " n.nspname = 'public' AND c.relkind IN ('r', 'S', 'i') GROUP BY c.relkind"
                  + " ORDER BY c.relkind")) {
        Map<String, long[]> byKind = new HashMap<>();
        while (rs.next()) {
          byKind.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
        }
        assertEquals(494, byKind.get("r")[0]);
        assertEquals(493, byKind.get("S")[0]);
        byKind.forEach(
            (kind, n) ->
                assertEquals(n[0], n[1], "objects of kind " + kind + " owned by " + owner));
      }
    }
  }

  @Test
  @Order(7)
  void tablesAreInPublicAndNoSchemaIsNamedAfterTheSource() throws Exception {
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      try (ResultSet rs =
          st.executeQuery(
              "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%'"
                  + " AND nspname <> 'information_schema' ORDER BY 1")) {
        List<String> schemas = new ArrayList<>();
        while (rs.next()) {
          schemas.add(rs.getString(1));
        }
        assertEquals(
            List.of("moodle_migrate", "public"), schemas, "only Moodle's schema and the journal");
        assertFalse(schemas.contains(source.name()));
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'mdl\\_%' AND schemaname <>"
                  + " 'public'")) {
        rs.next();
        assertEquals(0, rs.getLong(1));
      }
    }
  }

  @Test
  @Order(8)
  void columnTypesDefaultsAndCommentsAreTheInstallers() throws Exception {
    String catalog =
        "SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' '"
            + " || a.attnotnull || ' ' || COALESCE(pg_get_expr(d.adbin, d.adrelid), '-') || ' '"
            + " || COALESCE(obj_description(c.oid, 'pg_class'), '-')"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            + " LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum"
            + " WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1";
    assertEquals(lines(pristine, catalog), lines(target, catalog));
    String indexes = "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1";
    List<String> pristineIndexes = lines(pristine, indexes);
    assertEquals(1609, pristineIndexes.size());
    assertEquals(pristineIndexes, lines(target, indexes));
  }

  @Test
  @Order(9)
  void theReportTellsWhatHappened() throws Exception {
    JsonNode json = new ObjectMapper().readTree(Files.readString(report));
    assertEquals("succeeded", json.get("status").asText());
    assertEquals(494, json.get("totals").get("copied").asInt());
    assertEquals(12_165, json.get("totals").get("rowsWritten").asLong());
    assertEquals(494, json.get("tables").size());
    JsonNode log = null;
    for (JsonNode t : json.get("tables")) {
      if (t.get("name").asText().equals("mdl_logstore_standard_log")) {
        log = t;
      }
    }
    assertEquals("loaded", log.get("mode").asText());
    assertEquals("copied", log.get("status").asText());
    assertEquals(log.get("rowsRead").asLong(), log.get("rowsWritten").asLong());
    assertTrue(log.get("rowsWritten").asLong() > 0);
    assertTrue(firstRun.out().contains("494 copied, 0 failed"), firstRun.out());
    assertEquals("counts", json.get("verification").get("level").asText());
    assertTrue(json.get("verification").get("passed").asBoolean());
    assertEquals(494, json.get("verification").get("tablesChecked").asInt());
    assertTrue(firstRun.out().contains("verify  counts: passed, 494 tables"), firstRun.out());
    assertTrue(firstRun.out().contains("12,165 written"), firstRun.out());
    // Where the time went: each phase that ran took time, and they add up to the run's own seconds
    // and the JVM's startup (and the closing of the pools after the report's end, a moment).
    JsonNode phases = json.get("phases");
    double sum = 0;
    for (String p :
        List.of(
            "startup", "checks", "prepare", "copy", "indexes", "complete", "sandbox", "verify")) {
      assertTrue(phases.get(p).asDouble() >= 0, p);
      sum += phases.get(p).asDouble();
    }
    for (String p : List.of("startup", "checks", "prepare", "copy", "complete", "verify")) {
      assertTrue(phases.get(p).asDouble() > 0, p + " took no time: " + phases);
    }
    assertEquals(0, phases.get("sandbox").asDouble(), "no sandbox steps in a cutover");
    double runSeconds = json.get("seconds").asDouble();
    assertTrue(
        sum >= runSeconds - 0.1 && sum <= runSeconds + phases.get("startup").asDouble() + 1.5,
        "phases " + phases + " against the run's " + runSeconds + " s");
    assertTrue(firstRun.out().contains("  phases  startup "), firstRun.out());
  }

  @Test
  @Order(3)
  void verifyComparesEveryValueAndPasses() throws Exception {
    CliRun verify =
        CliRun.process(
            Map.of(
                "MM_SOURCE_PASSWORD", source.password(), "MM_TARGET_PASSWORD", target.password()),
            "verify",
            "--source",
            source.uri(),
            "--target",
            target.uri());
    assertEquals(0, verify.exitCode(), verify.transcript());
    assertTrue(
        verify.out().matches("(?s).*verify \\(checksums\\) against run \\d+: passed.*"),
        verify.out());
    assertTrue(verify.out().contains("494 tables"), verify.out());
    try (Connection c = target.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT level, passed, tables_checked FROM moodle_migrate.run_verification"
                    + " ORDER BY verification_id DESC LIMIT 1")) {
      assertTrue(rs.next());
      assertEquals("checksums", rs.getString(1));
      assertTrue(rs.getBoolean(2));
      assertEquals(494, rs.getInt(3));
    }
  }

  @Test
  @Order(10)
  void moodleCanInsertRowsAfterTheCutover() throws Exception {
    // Without a sequence reset this fails with: duplicate key value violates unique constraint
    // "mdl_user_id_pk".
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO mdl_user (username, password, firstname, lastname, email, mnethostid,"
              + " confirmed) VALUES ('after-cutover', '', 'A', 'B', 'a@example.org', 1, 1)");
      st.execute(
          "INSERT INTO mdl_logstore_standard_log (eventname, component, action, target, crud,"
              + " edulevel, contextid, contextlevel, contextinstanceid, userid, anonymous,"
              + " timecreated) VALUES ('\\core\\event\\user_created', 'core', 'created', 'user',"
              + " 'c', 0, 1, 10, 0, 2, 0, 0)");
    }
  }

  @Test
  @Order(2)
  void runningAgainLeavesTheSameTarget() throws Exception {
    String everything =
        "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class c JOIN pg_namespace n ON"
            + " n.oid = c.relnamespace WHERE n.nspname = 'public' AND relkind = 'r'";
    List<String> before = snapshot();
    // The second run also drops and rebuilds every droppable index of every table, so that the
    // checks below (types, defaults, comments, all 1,609 index definitions) cover the rebuild.
    CliRun second = run(dir.resolve("again.json"), "--rebuild-indexes-from", "0");
    assertEquals(0, second.exitCode(), second.transcript());
    assertTrue(second.out().contains("indexes rebuilt"), second.out());
    assertEquals(before, snapshot());
    assertEquals(lines(pristine, everything), lines(target, everything), "no table added or lost");
  }

  /** Every table's contents, and every sequence's position. */
  private List<String> snapshot() throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = target.connect()) {
      for (String table : targetCounts().keySet()) {
        out.add(table + "=" + TableContents.of(c, "public", table).hashCode());
      }
    }
    out.addAll(
        lines(
            target,
            "SELECT sequencename || '=' || COALESCE(last_value, 0) FROM pg_sequences WHERE"
                + " schemaname = 'public' ORDER BY 1"));
    return out;
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
