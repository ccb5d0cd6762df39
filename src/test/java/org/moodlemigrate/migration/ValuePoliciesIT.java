package org.moodlemigrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * The value policy and rejects through real servers: NUL characters stripped, replaced or refused;
 * zero dates written as NULL or refused; rows the converters refuse and rows PostgreSQL itself
 * refuses, skipped within {@code --max-rejects} and listed in the reject files; and exit statuses
 * that tell the truth (0, 1, 5).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValuePoliciesIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestDatabase source;
  private final List<TestDatabase> targets = new ArrayList<>();
  @TempDir Path dir;

  /** One run: its exit status, output, report and reject files. */
  record Result(CliRun run, JsonNode report, Map<String, JsonNode> tables) {
    JsonNode table(String name) {
      return tables.get(name);
    }

    List<String> rejectLines(String table) throws Exception {
      JsonNode file = table(table).get("rejectsFile");
      assertFalse(file.isNull(), table + " has a reject file: " + table(table));
      List<String> lines = Files.readAllLines(Path.of(file.asText()));
      assertEquals("kind,key,column,reason,value", lines.get(0));
      return lines.subList(1, lines.size());
    }
  }

  @BeforeAll
  void createSource() throws Exception {
    source = TestServers.mysql().createDatabase("policy_src");
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      st.execute("SET SESSION sql_mode = ''"); // zero dates, as legacy sites have them
      st.execute("CREATE TABLE p_nul (id INT PRIMARY KEY, t VARCHAR(50), x TEXT)");
      st.execute(
          "INSERT INTO p_nul VALUES (1, 'ok', 'ok'), (2, CONCAT('a', CHAR(0), 'b'), 'ok'),"
              + " (3, 'ok', CONCAT(CHAR(0), 'x', CHAR(0))), (4, NULL, NULL)");
      st.execute("CREATE TABLE p_zero (id INT PRIMARY KEY, d DATE, dt DATETIME)");
      st.execute(
          "INSERT INTO p_zero VALUES (1, '2024-01-01', '2024-01-01 10:00:00'),"
              + " (2, '0000-00-00', '2024-01-01 10:00:00'), (3, '2024-01-01', '2024-00-10"
              + " 10:00:00')");
      st.execute("CREATE TABLE p_range (id INT PRIMARY KEY, v INT UNSIGNED)");
      for (int i = 1; i <= 10; i++) {
        st.execute(
            "INSERT INTO p_range VALUES (" + i + ", " + (i == 4 || i == 8 ? 4294967295L : i) + ")");
      }
      st.execute("CREATE TABLE p_check (id INT PRIMARY KEY, v VARCHAR(10))");
      st.execute(
          "INSERT INTO p_check VALUES (1, 'a'), (2, 'bad'), (3, 'c'), (4, 'd'), (5, 'bad'), (6,"
              + " 'f')");
      st.execute("CREATE TABLE p_json (id INT PRIMARY KEY, j JSON)");
      st.execute(
          "INSERT INTO p_json VALUES (1, '{\"a\": 1}'), (2, '{\"a\": \"\\\\u0000\"}'), (3, '[]')");
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
    TestDatabase t = TestServers.postgresql().createDatabase("policy_tgt");
    targets.add(t);
    try (Connection c = t.connect();
        Statement st = c.createStatement()) {
      for (String sql : ddl) {
        st.execute(sql);
      }
    }
    return t;
  }

  private Result run(TestDatabase target, String include, String... options) throws Exception {
    Path report = Files.createTempFile(dir, "report", ".json");
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--source",
                source.uri(),
                "--target",
                target.uri(),
                "--include",
                include,
                "--report",
                report.toString(),
                "--rejects-dir",
                dir.resolve("rejects").toString()));
    args.addAll(List.of(options));
    if (!args.contains("--schema-mode")) {
      args.addAll(List.of("--schema-mode", "create")); // the targets start empty
    }
    CliRun run =
        CliRun.inProcess(
            Map.of(
                "MM_SOURCE_PASSWORD", source.password(), "MM_TARGET_PASSWORD", target.password()),
            args.toArray(String[]::new));
    JsonNode json = JSON.readTree(Files.readString(report));
    Map<String, JsonNode> tables = new HashMap<>();
    json.get("tables").forEach(t -> tables.put(t.get("name").asText(), t));
    return new Result(run, json, tables);
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

  @Test
  void byDefaultNulsAreStrippedAndZeroDatesBecomeNullEachRowReported() throws Exception {
    TestDatabase target = target();
    Result r = run(target, "p_nul|p_zero");
    assertEquals(ExitCodes.OK, r.run().exitCode(), r.run().transcript());
    assertEquals("succeeded", r.report().get("status").asText());
    assertEquals(
        List.of("ok", "ab", "ok", "null"),
        column(target, "SELECT coalesce(t, 'null') FROM p_nul ORDER BY id"));
    assertEquals(
        List.of("ok", "ok", "x", "null"),
        column(target, "SELECT coalesce(x, 'null') FROM p_nul ORDER BY id"));
    assertEquals(
        List.of("2024-01-01", "null", "2024-01-01"),
        column(target, "SELECT coalesce(d::text, 'null') FROM p_zero ORDER BY id"));
    assertEquals(
        List.of("2024-01-01 10:00:00", "2024-01-01 10:00:00", "null"),
        column(target, "SELECT coalesce(dt::text, 'null') FROM p_zero ORDER BY id"));

    assertEquals(2, r.table("p_nul").get("valuesChanged").asInt());
    assertEquals(
        List.of(
            "changed,\"id=2\",\"t\",\"removed 1 NUL character(s)\",\"a\\0b\"",
            "changed,\"id=3\",\"x\",\"removed 2 NUL character(s)\",\"\\0x\\0\""),
        r.rejectLines("p_nul"));
    assertEquals(
        List.of(
            "changed,\"id=2\",\"d\",\"zero date '0000-00-00' written as NULL\",\"0000-00-00\"",
            "changed,\"id=3\",\"dt\",\"zero date '2024-00-10 10:00:00' written as"
                + " NULL\",\"2024-00-10 10:00:00\""),
        r.rejectLines("p_zero"));
    assertTrue(
        r.run().err().contains("CHANGED p_nul: 0 rows rejected, 2 values changed"), r.run().err());
    assertEquals(4, r.report().get("totals").get("valuesChanged").asInt());
    // The journal holds the same, committed with the chunks.
    assertEquals(
        List.of("4"),
        column(target, "SELECT count(*) FROM moodle_migrate.run_row_issue WHERE kind = 'changed'"));
    // Excerpts of site data: readable by the owner only.
    Path file = Path.of(r.table("p_nul").get("rejectsFile").asText());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void nulsCanBeReplacedOrRefused() throws Exception {
    TestDatabase replaced = target();
    Result r = run(replaced, "p_nul", "--on-nul", "replace:U+FFFD");
    assertEquals(ExitCodes.OK, r.run().exitCode(), r.run().transcript());
    assertEquals(
        List.of("ok", "a\uFFFDb", "ok", "null"),
        column(replaced, "SELECT coalesce(t, 'null') FROM p_nul ORDER BY id"));
    assertTrue(r.rejectLines("p_nul").get(0).contains("replaced 1 NUL character(s) with U+FFFD"));

    TestDatabase refused = target();
    Result f = run(refused, "p_nul", "--on-nul", "fail");
    assertEquals(ExitCodes.FAILED, f.run().exitCode(), f.run().transcript());
    JsonNode t = f.table("p_nul");
    assertEquals("failed", t.get("status").asText());
    assertTrue(
        t.get("error").asText().contains("row id=2, column t: text holds 1 NUL character(s)"),
        t.toString());
    assertEquals(
        List.of(
            "rejected,\"id=2\",\"t\",\"text holds 1 NUL character(s), the first at character 1;"
                + " PostgreSQL text cannot store them (--on-nul fail)\",\"a\\0b\""),
        f.rejectLines("p_nul"));
  }

  @Test
  void zeroDatesCanBeRefusedAndNeverBecomeNullInANotNullColumn() throws Exception {
    TestDatabase refused = target();
    Result f = run(refused, "p_zero", "--on-zero-date", "fail", "--skip-checks");
    assertEquals(ExitCodes.FAILED, f.run().exitCode(), f.run().transcript());
    assertTrue(
        f.table("p_zero").get("error").asText().contains("row id=2, column d: zero date"),
        f.table("p_zero").toString());

    TestDatabase notNull =
        target("CREATE TABLE p_zero (id int PRIMARY KEY, d date NOT NULL, dt timestamp)");
    Result checked = run(notNull, "p_zero", "--schema-mode", "data-only");
    assertEquals(ExitCodes.REFUSED, checked.run().exitCode(), checked.run().transcript());
    assertTrue(
        checked.run().err().contains("ERROR value-zero-date: p_zero.d: 1 row(s)")
            && checked.run().err().contains("NOT NULL"),
        checked.run().err());
    Result n = run(notNull, "p_zero", "--schema-mode", "data-only", "--skip-checks");
    assertEquals(ExitCodes.FAILED, n.run().exitCode(), n.run().transcript());
    assertTrue(
        n.table("p_zero").get("error").asText().contains("the target column is NOT NULL"),
        n.table("p_zero").toString());
  }

  @Test
  void theChecksWarnOfZeroDatesTheRunWillWriteAsNullAndRefuseThoseItWouldFailOn() throws Exception {
    TestDatabase target = target();
    Map<String, String> env =
        Map.of("MM_SOURCE_PASSWORD", source.password(), "MM_TARGET_PASSWORD", target.password());
    CliRun warn =
        CliRun.inProcess(
            env,
            "check",
            "--source",
            source.uri(),
            "--target",
            target.uri(),
            "--schema-mode",
            "create",
            "--include",
            "p_zero");
    assertEquals(0, warn.exitCode(), warn.transcript());
    assertTrue(warn.out().contains("WARNING value-zero-date: p_zero.d: 1 row(s)"), warn.out());
    CliRun error =
        CliRun.inProcess(
            env,
            "check",
            "--source",
            source.uri(),
            "--target",
            target.uri(),
            "--schema-mode",
            "create",
            "--include",
            "p_zero",
            "--on-zero-date",
            "fail");
    assertEquals(ExitCodes.REFUSED, error.exitCode(), error.transcript());
    assertTrue(error.out().contains("ERROR   value-zero-date: p_zero.d: 1 row(s)"), error.out());
  }

  @Test
  void rowsWithinMaxRejectsAreSkippedListedAndTheExitStatusSaysSo() throws Exception {
    TestDatabase target = target("CREATE TABLE p_range (id int PRIMARY KEY, v integer)");
    Result r =
        run(
            target,
            "p_range",
            "--schema-mode",
            "data-only",
            "--skip-checks",
            "--max-rejects",
            "2",
            "--chunk-rows",
            "3");
    assertEquals(ExitCodes.REJECTS, r.run().exitCode(), r.run().transcript());
    assertEquals("succeeded-with-rejects", r.report().get("status").asText());
    JsonNode t = r.table("p_range");
    assertEquals("copied", t.get("status").asText(), t.toString());
    assertTrue(t.get("chunks").asInt() > 1, t.toString());
    assertEquals(10, t.get("rowsRead").asInt());
    assertEquals(8, t.get("rowsWritten").asInt());
    assertEquals(2, t.get("rowsRejected").asInt());
    assertEquals(
        List.of("1", "2", "3", "5", "6", "7", "9", "10"),
        column(target, "SELECT id FROM p_range ORDER BY id"));
    List<String> lines = r.rejectLines("p_range");
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("rejected,\"id=4\",\"v\",\"value 4294967295 does not fit"));
    assertTrue(lines.get(0).endsWith(",\"4294967295\""), lines.get(0));
    assertTrue(lines.get(1).startsWith("rejected,\"id=8\",\"v\","), lines.get(1));
    assertTrue(r.run().err().contains("REJECTED p_range: 2 rows rejected"), r.run().err());
  }

  @Test
  void oneRejectMoreThanAllowedFailsTheTable() throws Exception {
    String ddl = "CREATE TABLE p_range (id int PRIMARY KEY, v integer)";
    TestDatabase acrossChunks = target(ddl);
    Result r =
        run(
            acrossChunks,
            "p_range",
            "--schema-mode",
            "data-only",
            "--skip-checks",
            "--max-rejects",
            "1",
            "--chunk-rows",
            "3");
    assertEquals(ExitCodes.FAILED, r.run().exitCode(), r.run().transcript());
    JsonNode t = r.table("p_range");
    assertEquals("failed", t.get("status").asText());
    // --max-rejects is the table's, across chunks: the second chunk with a bad row fails, and the
    // table never loses more than the one row allowed (the failed chunk is simply not there yet).
    // Which of the two chunks fails, and whether while streaming or when it commits (two chunks
    // copied at once each see the budget untouched), depends on timing; the outcome does not.
    String error = t.get("error").asText();
    assertTrue(
        error.contains("row 2 rejected in the table; --max-rejects 1")
            || error.contains("2 rows rejected (1 in chunks already copied, 1 in p_range["),
        t.toString());
    assertEquals(List.of("6"), column(acrossChunks, "SELECT count(*) FROM p_range"));
    // What the refused table left, --resume finishes: here with a budget that allows both rows.
    Result resumed =
        run(
            acrossChunks,
            "p_range",
            "--schema-mode",
            "data-only",
            "--skip-checks",
            "--max-rejects",
            "2",
            "--chunk-rows",
            "3",
            "--resume");
    assertEquals(ExitCodes.REJECTS, resumed.run().exitCode(), resumed.run().transcript());
    assertEquals(
        List.of("1", "2", "3", "5", "6", "7", "9", "10"),
        column(acrossChunks, "SELECT id FROM p_range ORDER BY id"));
    assertEquals(2, resumed.rejectLines("p_range").size());

    TestDatabase oneChunk = target(ddl);
    Result one =
        run(
            oneChunk,
            "p_range",
            "--schema-mode",
            "data-only",
            "--skip-checks",
            "--max-rejects",
            "1");
    assertEquals(ExitCodes.FAILED, one.run().exitCode(), one.run().transcript());
    assertTrue(
        one.table("p_range").get("error").asText().contains("row id=8, column v"),
        one.table("p_range").toString());
    assertTrue(
        one.table("p_range").get("error").asText().contains("--max-rejects 1"),
        one.table("p_range").toString());
    assertEquals(2, one.rejectLines("p_range").size());
    assertEquals(List.of("0"), column(oneChunk, "SELECT count(*) FROM p_range"));
  }

  @Test
  void rowsPostgresRefusesAreRejectedByKeyAndTheRestOfTheirChunkArrives() throws Exception {
    String[] ddl = {
      "CREATE TABLE p_check (id int PRIMARY KEY, v varchar(10) CHECK (v <> 'bad'))",
      "CREATE TABLE p_json (id int PRIMARY KEY, j jsonb)"
    };
    TestDatabase target = target(ddl);
    Result r = run(target, "p_check|p_json", "--schema-mode", "data-only", "--max-rejects", "5");
    assertEquals(ExitCodes.REJECTS, r.run().exitCode(), r.run().transcript());
    assertEquals(List.of("1", "3", "4", "6"), column(target, "SELECT id FROM p_check ORDER BY id"));
    assertEquals(List.of("1", "3"), column(target, "SELECT id FROM p_json ORDER BY id"));
    List<String> check = r.rejectLines("p_check");
    assertEquals(2, check.size(), check.toString());
    assertTrue(check.get(0).startsWith("rejected,\"id=2\","), check.get(0));
    assertTrue(check.get(0).contains("refused by PostgreSQL"), check.get(0));
    assertTrue(check.get(0).contains("check constraint"), check.get(0));
    assertTrue(check.get(1).startsWith("rejected,\"id=5\","), check.get(1));
    List<String> json = r.rejectLines("p_json");
    assertEquals(1, json.size(), json.toString());
    assertTrue(json.get(0).startsWith("rejected,\"id=2\",\"j\","), json.get(0));
    assertTrue(json.get(0).contains("\\\\u0000"), json.get(0));

    TestDatabase strict = target(ddl);
    Result f = run(strict, "p_check", "--schema-mode", "data-only");
    assertEquals(ExitCodes.FAILED, f.run().exitCode(), f.run().transcript());
    String error = f.table("p_check").get("error").asText();
    assertTrue(error.contains("check constraint") && error.contains("row id=2"), error);
    assertEquals(1, f.rejectLines("p_check").size());
  }

  @Test
  void aRunWithoutIssuesWritesNoRejectFiles() throws Exception {
    TestDatabase target = target();
    Result r = run(target, "p_check");
    assertEquals(ExitCodes.OK, r.run().exitCode(), r.run().transcript());
    assertNull(r.table("p_check").get("rejectsFile").textValue());
    assertTrue(r.report().get("totals").get("rejectsDir").isNull());
  }
}
