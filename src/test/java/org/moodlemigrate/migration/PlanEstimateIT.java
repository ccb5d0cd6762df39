package org.moodlemigrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * {@code plan} measures the per-table work on scratch copies in the target and the copy rate on a
 * sample, reports an estimate with a range and its basis, and leaves both servers as they were: the
 * target's catalogs (every schema, relation, sequence position and statistic) and the source's
 * tables and contents are compared before and after.
 */
class PlanEstimateIT {
  private static final String DIGITS =
      "(SELECT 0 n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4"
          + " UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL"
          + " SELECT 9)";

  private TestDatabase source;
  private TestDatabase target;

  @TempDir Path dir;

  @BeforeEach
  void databases() throws SQLException {
    source = TestServers.mysql().createDatabase("pe_src");
    target = TestServers.postgresql().createDatabase("pe_tgt");
    List<String> sourceDdl = new ArrayList<>();
    List<String> targetDdl = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      sourceDdl.add(
          "CREATE TABLE mdl_empty"
              + i
              + " (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, name"
              + " VARCHAR(20), KEY mdl_empty"
              + i
              + "_name_ix (name)) ENGINE=InnoDB");
      targetDdl.add("CREATE TABLE mdl_empty" + i + " (id BIGSERIAL PRIMARY KEY, name VARCHAR(20))");
      targetDdl.add("CREATE INDEX mdl_empty" + i + "_name_ix ON mdl_empty" + i + " (name)");
    }
    for (int i = 1; i <= 3; i++) {
      sourceDdl.add(
          "CREATE TABLE mdl_small"
              + i
              + " (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, name"
              + " VARCHAR(20)) ENGINE=InnoDB");
      sourceDdl.add("INSERT INTO mdl_small" + i + " (name) VALUES ('a'), ('b'), ('c')");
      sourceDdl.add("ANALYZE TABLE mdl_small" + i);
      targetDdl.add("CREATE TABLE mdl_small" + i + " (id BIGSERIAL PRIMARY KEY, name VARCHAR(20))");
    }
    sourceDdl.add(
        "CREATE TABLE mdl_log (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, course BIGINT NOT"
            + " NULL, info VARCHAR(255), KEY mdl_log_course_ix (course)) ENGINE=InnoDB");
    sourceDdl.add(
        "INSERT INTO mdl_log (course, info) SELECT a.n * 1000 + b.n * 100 + c.n * 10 + d.n,"
            + " REPEAT('x', 200) FROM "
            + DIGITS
            + " a, "
            + DIGITS
            + " b, "
            + DIGITS
            + " c, "
            + DIGITS
            + " d");
    sourceDdl.add("ANALYZE TABLE mdl_log");
    targetDdl.add(
        "CREATE TABLE mdl_log (id BIGSERIAL PRIMARY KEY, course BIGINT NOT NULL, info"
            + " VARCHAR(255))");
    targetDdl.add("CREATE INDEX mdl_log_course_ix ON mdl_log (course)");
    exec(source, sourceDdl);
    exec(target, targetDdl);
  }

  @AfterEach
  void drop() throws SQLException {
    if (source != null) {
      source.close();
    }
    if (target != null) {
      target.close();
    }
  }

  @Test
  void planReportsAMeasuredEstimateWithARangeAndLeavesBothServersAsTheyWere() throws Exception {
    List<String> targetBefore = targetCatalog();
    List<String> sourceBefore = sourceState();
    Path report = dir.resolve("plan.json");
    CliRun run =
        CliRun.inProcess(
            Map.of(
                "MM_SOURCE_PASSWORD", source.password(), "MM_TARGET_PASSWORD", target.password()),
            "plan",
            "--source",
            source.uri(),
            "--target",
            target.uri(),
            "--parallelism",
            "2",
            "--rebuild-indexes-from",
            "1000",
            "--report=" + report);
    assertEquals(0, run.exitCode(), run.transcript());
    assertEquals(targetBefore, targetCatalog(), "the target's catalogs are as before");
    assertEquals(sourceBefore, sourceState(), "the source is as before");

    JsonNode e = new ObjectMapper().readTree(Files.readString(report)).get("estimate");
    double seconds = e.get("seconds").asDouble();
    assertTrue(seconds > 0, e.toString());
    assertTrue(e.get("low").asDouble() < seconds, e.toString());
    assertTrue(e.get("high").asDouble() > seconds, e.toString());
    JsonNode phases = e.get("phases");
    double sum = 0;
    for (String phase :
        List.of(
            "startup", "checks", "bookkeeping", "copy", "indexes", "completion", "verification")) {
      assertNotNull(phases.get(phase), phase + " in " + phases);
      assertTrue(phases.get(phase).asDouble() >= 0, phases.toString());
      sum += phases.get(phase).asDouble();
    }
    assertEquals(seconds, sum, seconds * 1e-6, "the phases add up to the estimate");
    assertTrue(phases.get("copy").asDouble() > 0, phases.toString());
    assertTrue(phases.get("indexes").asDouble() > 0, "mdl_log's index is rebuilt: " + phases);
    JsonNode m = e.get("measured");
    // 6 empty and 3 small loaded tables: every one of them sampled
    assertEquals(9, m.get("tablesSampled").asInt(), m.toString());
    assertTrue(m.get("emptyChunkSeconds").asDouble() > 0, m.toString());
    assertTrue(m.get("loadedChunkSeconds").asDouble() > 0, m.toString());
    double workers = m.get("workers").asDouble();
    assertTrue(workers >= 1 && workers <= 2, m.toString());
    assertEquals(2, m.get("parallelism").asInt());
    assertEquals("mdl_log", m.get("sampleTable").asText(), m.toString());
    assertEquals(10_000, m.get("sampleRows").asLong(), m.toString());
    assertTrue(m.get("indexSecondsPerByte").asDouble() > 0, m.toString());
    assertTrue(e.get("basis").asText().contains("scratch copies"), e.toString());
    assertTrue(run.out().contains("estimated duration: about "), run.out());
    assertTrue(run.out().contains(", likely "), run.out());
  }

  /**
   * Every schema, relation (with its kind and owner), function and sequence position of the target
   * database, and each table's rows and statistics: what plan must not change. PostgreSQL's own
   * per-session temporary schemas are left out: the server makes one the first time a session uses
   * a temporary table (the copy-rate sample's) and keeps it, empty, for the next session.
   */
  private List<String> targetCatalog() throws SQLException {
    List<String> out = new ArrayList<>();
    out.addAll(
        rows(
            target,
            "SELECT 'schema ' || nspname || ' ' || pg_get_userbyid(nspowner) FROM pg_namespace"
                + " WHERE nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE"
                + " 'pg\\_toast\\_temp\\_%' ORDER BY 1"));
    out.addAll(
        rows(
            target,
            "SELECT 'relation ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' '"
                + " || pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n ON n.oid ="
                + " c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema',"
                + " 'pg_toast') ORDER BY 1"));
    out.addAll(
        rows(
            target,
            "SELECT 'function ' || n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace"
                + " n ON n.oid = p.pronamespace WHERE n.nspname NOT IN ('pg_catalog',"
                + " 'information_schema') ORDER BY 1"));
    out.addAll(
        rows(
            target,
            "SELECT 'sequence ' || schemaname || '.' || sequencename || ' ' ||"
                + " COALESCE(last_value::text, 'unused') FROM pg_sequences ORDER BY 1"));
    out.addAll(
        rows(
            target,
            "SELECT 'stats ' || relname || ' ' || n_live_tup || ' ' || COALESCE(last_analyze::text,"
                + " 'never') || ' ' || n_tup_ins FROM pg_stat_user_tables ORDER BY 1"));
    return out;
  }

  /** The source's tables, their checksums and AUTO_INCREMENTs, views and routines. */
  private List<String> sourceState() throws SQLException {
    List<String> out = new ArrayList<>();
    out.addAll(
        rows(
            source,
            "SELECT CONCAT(table_name, ' ', table_type, ' ', COALESCE(auto_increment, 0)) FROM"
                + " information_schema.tables WHERE table_schema = DATABASE() ORDER BY 1"));
    for (String table :
        rows(
            source,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                + " ORDER BY 1")) {
      out.addAll(rows(source, "CHECKSUM TABLE `" + table + "`", 2));
    }
    out.addAll(
        rows(
            source,
            "SELECT routine_name FROM information_schema.routines WHERE routine_schema ="
                + " DATABASE() ORDER BY 1"));
    return out;
  }

  private static void exec(TestDatabase db, List<String> statements) throws SQLException {
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  private static List<String> rows(TestDatabase db, String sql) throws SQLException {
    return rows(db, sql, 1);
  }

  private static List<String> rows(TestDatabase db, String sql, int column) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1) + (column > 1 ? " " + rs.getString(column) : ""));
      }
    }
    return out;
  }
}
