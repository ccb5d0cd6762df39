package org.moodlemigrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/** Small hand-made sources through the real command line (in-process): values and refusals. */
class DataOnlyLoadIT {
  private TestDatabase source;
  private TestDatabase target;

  @BeforeEach
  void databases() throws SQLException {
    source = TestServers.mysql().createDatabase("dol_src");
    target = TestServers.postgresql().createDatabase("dol_tgt");
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

  private static void exec(TestDatabase db, String... statements) throws SQLException {
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
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

  private CliRun run(String... extra) {
    List<String> args =
        new ArrayList<>(List.of("run", "--source", source.uri(), "--target", target.uri()));
    args.addAll(List.of(extra));
    return CliRun.inProcess(
        Map.of("MM_SOURCE_PASSWORD", source.password(), "MM_TARGET_PASSWORD", target.password()),
        args.toArray(String[]::new));
  }

  @Test
  void tinyintOneKeepsTwoMinusOneOneTwentySevenAndNull() throws Exception {
    exec(
        source,
        "CREATE TABLE mdl_flags (id BIGINT(10) NOT NULL AUTO_INCREMENT, flag TINYINT(1) DEFAULT 0,"
            + " digest TINYINT(1) NOT NULL DEFAULT -1, PRIMARY KEY (id)) ENGINE=InnoDB",
        "INSERT INTO mdl_flags (id, flag, digest) VALUES (1, 2, -1), (2, -1, 0), (3, 127, 1), (4,"
            + " NULL, 2), (5, 0, -128), (6, 1, 127)");
    exec(
        target,
        "CREATE TABLE mdl_flags (id BIGSERIAL PRIMARY KEY, flag SMALLINT DEFAULT 0, digest SMALLINT"
            + " NOT NULL DEFAULT -1)",
        "INSERT INTO mdl_flags (flag) VALUES (9)");
    CliRun run = run();
    assertEquals(0, run.exitCode(), run.transcript());
    assertEquals(
        List.of("1 2 -1", "2 -1 0", "3 127 1", "4 null 2", "5 0 -128", "6 1 127"),
        column(
            target,
            "SELECT id || ' ' || COALESCE(flag::text, 'null') || ' ' || digest FROM mdl_flags ORDER"
                + " BY id"));
    assertEquals(
        List.of("smallint", "smallint"),
        column(
            target,
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'mdl_flags' AND"
                + " column_name IN ('flag', 'digest')"));
    assertEquals(List.of("7"), column(target, "SELECT nextval('mdl_flags_id_seq')"));
  }

  @Test
  void aSourceColumnMissingInTheTargetStopsTheRunBeforeAnythingIsWritten() throws Exception {
    exec(
        source,
        "CREATE TABLE mdl_a (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(10), lost"
            + " VARCHAR(10))",
        "INSERT INTO mdl_a (name, lost) VALUES ('x', 'precious')",
        "CREATE TABLE mdl_b (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY)",
        "INSERT INTO mdl_b VALUES (1), (2)");
    exec(
        target,
        "CREATE TABLE mdl_a (id BIGSERIAL PRIMARY KEY, name VARCHAR(10))",
        "CREATE TABLE mdl_b (id BIGSERIAL PRIMARY KEY)",
        "INSERT INTO mdl_a (name) VALUES ('sentinel')",
        "INSERT INTO mdl_b VALUES (42)");
    CliRun run = run();
    assertEquals(ExitCodes.REFUSED, run.exitCode(), run.transcript());
    assertTrue(run.err().contains("mdl_a.lost"), run.err());
    assertTrue(run.err().contains("would be lost"), run.err());
    assertEquals(
        List.of("sentinel"), column(target, "SELECT name FROM mdl_a"), "nothing was truncated");
    assertEquals(
        List.of("42"), column(target, "SELECT id::text FROM mdl_b"), "not even the valid table");
    assertEquals(
        List.of("0"),
        column(target, "SELECT count(*)::text FROM pg_namespace WHERE nspname = 'moodle_migrate'"),
        "the journal schema is not created either");
    assertTrue(run.out().contains("refused"), run.out());
  }

  @Test
  void aTargetTableMissingFromTheTargetIsNamedAndCanBeExcluded() throws Exception {
    exec(
        source,
        "CREATE TABLE mdl_keep (id BIGINT NOT NULL PRIMARY KEY)",
        "CREATE TABLE mdl_local_plugin (id BIGINT NOT NULL PRIMARY KEY)",
        "CREATE VIEW mdl_view AS SELECT id FROM mdl_keep",
        "INSERT INTO mdl_keep VALUES (1)");
    exec(target, "CREATE TABLE mdl_keep (id BIGINT PRIMARY KEY)");
    CliRun refused = run("--schema-mode", "data-only");
    assertEquals(ExitCodes.REFUSED, refused.exitCode(), refused.transcript());
    assertTrue(refused.err().contains("mdl_local_plugin"), refused.err());
    assertFalse(refused.err().contains("mdl_view"), "views are never copied: " + refused.err());

    CliRun excluded = run("--schema-mode", "data-only", "--exclude", "mdl_local_.*");
    assertEquals(0, excluded.exitCode(), excluded.transcript());
    assertEquals(List.of("1"), column(target, "SELECT id::text FROM mdl_keep"));
    assertTrue(excluded.out().contains("1 copied, 0 failed, 2 skipped"), excluded.out());

    CliRun auto = run();
    assertEquals(0, auto.exitCode(), auto.transcript());
    assertTrue(auto.out().contains("1 loaded into existing tables, 1 created"), auto.out());
    assertEquals(
        List.of("bigint"),
        column(
            target,
            "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid ="
                + " 'mdl_local_plugin'::regclass AND attname = 'id'"));
  }

  @Test
  void aValueTheTargetCannotHoldFailsItsTableNamingTheRowAndTheOthersGoOn() throws Exception {
    exec(
        source,
        "CREATE TABLE mdl_big (id BIGINT NOT NULL PRIMARY KEY, n INT UNSIGNED)",
        "INSERT INTO mdl_big VALUES (1, 5), (2, 4000000000), (3, 7)",
        "CREATE TABLE mdl_fine (id BIGINT NOT NULL PRIMARY KEY, n INT)",
        "INSERT INTO mdl_fine VALUES (1, 1)");
    exec(
        target,
        "CREATE TABLE mdl_big (id BIGINT PRIMARY KEY, n INTEGER)",
        "INSERT INTO mdl_big VALUES (99, 99)",
        "CREATE TABLE mdl_fine (id BIGINT PRIMARY KEY, n INTEGER)");
    CliRun refused = run();
    assertEquals(ExitCodes.REFUSED, refused.exitCode(), refused.transcript());
    assertTrue(refused.err().contains("value-out-of-range"), refused.err());
    assertTrue(refused.err().contains("mdl_big.n"), refused.err());
    assertEquals(
        List.of("99"), column(target, "SELECT id::text FROM mdl_big"), "refused: nothing written");

    // Past the checks, the copy itself refuses the row and names it; the other tables go on.
    CliRun run = run("--skip-checks");
    assertEquals(ExitCodes.FAILED, run.exitCode(), run.transcript());
    assertTrue(run.err().contains("FAILED mdl_big"), run.err());
    assertTrue(run.err().contains("id=2"), run.err());
    assertTrue(run.err().contains("column n"), run.err());
    assertTrue(run.err().contains("4000000000"), run.err());
    assertFalse(run.err().contains("FAILED mdl_fine"), run.err());
    assertEquals(List.of("1"), column(target, "SELECT n::text FROM mdl_fine"));
    assertEquals(
        List.of("99"),
        column(target, "SELECT id::text FROM mdl_big"),
        "a failed one-chunk table keeps what it had: its truncate rolled back with its COPY");
  }

  @Test
  void splitTablesAreCopiedChunkByChunkWithoutLossOrDuplicates() throws Exception {
    exec(
        source,
        "CREATE TABLE mdl_log (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20))"
            + " ENGINE=InnoDB");
    StringBuilder insert = new StringBuilder("INSERT INTO mdl_log (id, v) VALUES ");
    for (int i = 1; i <= 5000; i++) {
      insert
          .append(i == 1 ? "" : ",")
          .append('(')
          .append(i * 3)
          .append(", 'row ")
          .append(i)
          .append("')");
    }
    exec(
        source,
        insert.toString(),
        "ANALYZE TABLE mdl_log",
        "ALTER TABLE mdl_log AUTO_INCREMENT = 20000");
    exec(
        target,
        "CREATE TABLE mdl_log (id BIGSERIAL PRIMARY KEY, v VARCHAR(20))",
        "INSERT INTO mdl_log (v) VALUES ('old')");
    CliRun run = run("--chunk-rows", "700", "--parallelism", "3");
    {
      assertEquals(0, run.exitCode(), run.transcript());
      assertEquals(
          List.of("5000 5000 3 15000"),
          column(
              target,
              "SELECT count(*) || ' ' || count(DISTINCT id) || ' ' || min(id) || ' ' || max(id)"
                  + " FROM mdl_log"));
      assertEquals(List.of("20000"), column(target, "SELECT nextval('mdl_log_id_seq')::text"));
      List<String> chunks =
          column(
              target,
              "SELECT count(*)::text FROM moodle_migrate.run_chunk WHERE table_name = 'mdl_log' AND"
                  + " status = 'done'");
      assertTrue(Integer.parseInt(chunks.get(0)) >= 5, "split into chunks: " + chunks);
    }
  }

  @Test
  void secondaryIndexesOfBigTablesAreRebuiltExactlyAndNeverLost() throws Exception {
    exec(
        source,
        "CREATE TABLE mdl_log (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, userid BIGINT, name"
            + " VARCHAR(20), t BIGINT)",
        "INSERT INTO mdl_log (userid, name, t) VALUES (1, 'a', 10), (2, 'B', 20), (2, 'c', 30)");
    exec(
        target,
        "CREATE TABLE mdl_log (id BIGSERIAL PRIMARY KEY, userid BIGINT, name VARCHAR(20), t"
            + " BIGINT)",
        "CREATE INDEX mdl_log_use_ix ON mdl_log (userid)",
        "CREATE INDEX mdl_log_lower_ix ON mdl_log (lower(name) varchar_pattern_ops)",
        "CREATE INDEX mdl_log_partial_ix ON mdl_log (t) WHERE t > 15",
        "CREATE UNIQUE INDEX mdl_log_nam_uix ON mdl_log (name)",
        "COMMENT ON INDEX mdl_log_use_ix IS 'who did it'");
    String definitions =
        "SELECT indexdef || ' ' || COALESCE(obj_description(indexname::regclass, 'pg_class'), '-')"
            + " FROM pg_indexes WHERE tablename = 'mdl_log' ORDER BY indexname";
    List<String> before = column(target, definitions);
    String oids =
        "SELECT indexname || ' ' || indexname::regclass::oid FROM pg_indexes WHERE tablename ="
            + " 'mdl_log' ORDER BY 1";
    List<String> oidsBefore = column(target, oids);

    CliRun run = run("--rebuild-indexes-from", "0");
    assertEquals(0, run.exitCode(), run.transcript());
    assertTrue(run.out().contains("3 indexes rebuilt"), run.out());
    assertEquals(before, column(target, definitions), "same names, definitions and comments");
    List<String> oidsAfter = column(target, oids);
    assertTrue(
        oidsAfter.stream().anyMatch(o -> o.startsWith("mdl_log_nam_uix") && oidsBefore.contains(o)),
        "the unique index was left alone");
    assertTrue(
        oidsAfter.stream().anyMatch(o -> o.startsWith("mdl_log_use_ix") && !oidsBefore.contains(o)),
        "the plain index was dropped and rebuilt");
    assertEquals(
        List.of("3 done"),
        column(
            target,
            "SELECT count(*) || ' ' || string_agg(DISTINCT status, ',') FROM"
                + " moodle_migrate.run_index"));

    // A run that died between dropping and rebuilding leaves the definition in the journal; the
    // next run builds the index again, even for a table it no longer loads.
    exec(
        target,
        "DROP INDEX mdl_log_partial_ix",
        "UPDATE moodle_migrate.run_index SET status = 'pending' WHERE index_name ="
            + " 'mdl_log_partial_ix'");
    CliRun next = run("--exclude", "mdl_log");
    assertEquals(0, next.exitCode(), next.transcript());
    assertTrue(next.out().contains("1 indexes rebuilt"), next.out());
    assertEquals(before, column(target, definitions));
  }
}
