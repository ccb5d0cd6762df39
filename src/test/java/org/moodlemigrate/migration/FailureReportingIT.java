package org.moodlemigrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * Failures read once, and true; and nothing is hidden.
 *
 * <ul>
 *   <li>The target's disk fills up (every table's insert fails with SQLSTATE 53100 and PostgreSQL's
 *       hint, as a full disk makes it — raised by a trigger, so the server really says it): the run
 *       stops taking chunks; the log and the summary name the cause once, with the hint; the tables
 *       it never came to are "not started", not "failed"; {@code --resume} finishes them once the
 *       disk has room.
 *   <li>The journal cannot record a chunk's failure: the run fails and says so, in the summary and
 *       the report, rather than logging it and going on.
 *   <li>The reject files cannot be written: the run fails and says where the rows are instead.
 * </ul>
 */
class FailureReportingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TABLES = 30;

  @Test
  void aFullDiskIsOneMessageAndTheTablesNotReachedAreNotStarted(@TempDir Path dir)
      throws Exception {
    try (TestDatabase source = TestServers.mysql().createDatabase("full_src");
        TestDatabase target = TestServers.postgresql().createDatabase("full_tgt")) {
      try (Connection my = source.connect();
          Statement st = my.createStatement();
          Connection pg = target.connect();
          Statement pst = pg.createStatement()) {
        pst.execute(
            "CREATE FUNCTION full_disk() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE"
                + " EXCEPTION 'could not extend file \"base/16384/2619\": No space left on device'"
                + " USING ERRCODE = 'disk_full', HINT = 'Check free disk space.'; END $$");
        for (int i = 1; i <= TABLES; i++) {
          String t = String.format("t%02d", i);
          st.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, v INT)");
          st.execute("INSERT INTO " + t + " SELECT seq, seq FROM seq_1_to_20");
          pst.execute("CREATE TABLE " + t + " (id bigint PRIMARY KEY, v integer)");
          pst.execute(
              "CREATE TRIGGER disk_full BEFORE INSERT ON "
                  + t
                  + " FOR EACH ROW EXECUTE FUNCTION full_disk()");
        }
      }
      Map<String, String> env = CliRun.passwords(source, target);
      Path report = dir.resolve("report.json");
      String[] args = {
        "run",
        "--source",
        source.uri(),
        "--target",
        target.uri(),
        "--schema-mode",
        "data-only",
        "--parallelism",
        "2",
        "--report",
        report.toString(),
        "--rejects-dir",
        dir.toString()
      };
      CliRun run = CliRun.process(env, args);
      assertEquals(1, run.exitCode(), run.transcript());
      long hints = run.err().lines().filter(l -> l.contains("Check free disk space")).count();
      // The log line of the first failure and the summary's FAILED line; nothing else repeats it.
      assertTrue(hints <= 2, hints + " lines with the hint:\n" + run.transcript());
      assertTrue(run.err().contains("(hint: Check free disk space.)"), run.transcript());
      List<String> failedLines = run.err().lines().filter(l -> l.startsWith("FAILED")).toList();
      assertEquals(1, failedLines.size(), run.transcript());
      assertTrue(run.err().contains("NOT STARTED "), run.transcript());

      JsonNode json = JSON.readTree(Files.readString(report));
      int failed = json.get("totals").get("failed").asInt();
      int notStarted = json.get("totals").get("notStarted").asInt();
      assertEquals(TABLES, failed + notStarted, json.get("totals").toString());
      assertTrue(failed >= 1 && failed <= 2, "failed: " + failed + " (at most one per worker)");
      List<String> statuses = new ArrayList<>();
      json.get("tables").forEach(t -> statuses.add(t.get("status").asText()));
      assertTrue(statuses.stream().allMatch(s -> s.equals("failed") || s.equals("not-started")));

      try (Connection pg = target.connect();
          Statement st = pg.createStatement()) {
        st.execute("DROP FUNCTION full_disk() CASCADE");
      }
      CliRun resume = CliRun.process(env, withResume(args));
      assertEquals(0, resume.exitCode(), resume.transcript());
      assertEquals(20L * TABLES, rows(target));
    }
  }

  @Test
  void aFailureTheJournalCannotRecordFailsTheRunAndSaysSo(@TempDir Path dir) throws Exception {
    try (TestDatabase source = TestServers.mysql().createDatabase("unrec_src");
        TestDatabase target = TestServers.postgresql().createDatabase("unrec_tgt")) {
      try (Connection my = source.connect();
          Statement st = my.createStatement();
          Connection pg = target.connect();
          Statement pst = pg.createStatement()) {
        st.execute("CREATE TABLE fine (id INT PRIMARY KEY, v INT)");
        st.execute("INSERT INTO fine SELECT seq, seq FROM seq_1_to_20");
        st.execute("CREATE TABLE bad (id INT PRIMARY KEY, v INT)");
        st.execute("INSERT INTO bad SELECT seq, seq FROM seq_1_to_20");
        pst.execute("CREATE TABLE fine (id bigint PRIMARY KEY, v integer)");
        pst.execute("CREATE TABLE bad (id bigint PRIMARY KEY, v integer CHECK (v < 10))");
      }
      Map<String, String> env = CliRun.passwords(source, target);
      Path report = dir.resolve("report.json");
      String[] args = {
        "run",
        "--source",
        source.uri(),
        "--target",
        target.uri(),
        "--schema-mode",
        "data-only",
        "--include",
        "fine",
        "--report",
        report.toString(),
        "--rejects-dir",
        dir.toString()
      };
      assertEquals(0, CliRun.process(env, args).exitCode());
      // The journal exists now; from here on it refuses to record a failed chunk.
      try (Connection pg = target.connect();
          Statement st = pg.createStatement()) {
        st.execute(
            "CREATE FUNCTION moodle_migrate.refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.status = 'failed' THEN RAISE EXCEPTION 'the journal is read-only';"
                + " END IF; RETURN NEW; END $$");
        st.execute(
            "CREATE TRIGGER refuse BEFORE UPDATE ON moodle_migrate.run_chunk FOR EACH ROW"
                + " EXECUTE FUNCTION moodle_migrate.refuse()");
      }
      args[8] = "fine|bad";
      CliRun run = CliRun.process(env, args);
      assertEquals(1, run.exitCode(), run.transcript());
      assertTrue(
          run.err().contains("ERROR the journal could not record the failure of bad"),
          run.transcript());
      JsonNode json = JSON.readTree(Files.readString(report));
      assertEquals("failed", json.get("status").asText());
      assertTrue(
          json.get("problems").toString().contains("the journal is read-only"), json.toString());
    }
  }

  @Test
  void rejectFilesThatCannotBeWrittenFailTheRunAndSayWhereTheRowsAre(@TempDir Path dir)
      throws Exception {
    try (TestDatabase source = TestServers.mysql().createDatabase("rejdir_src");
        TestDatabase target = TestServers.postgresql().createDatabase("rejdir_tgt")) {
      try (Connection my = source.connect();
          Statement st = my.createStatement()) {
        st.execute("CREATE TABLE nul (id INT PRIMARY KEY, t VARCHAR(10))");
        st.execute("INSERT INTO nul VALUES (1, CONCAT('a', CHAR(0), 'b'))");
      }
      Path notADirectory = Files.writeString(dir.resolve("a-file"), "");
      Map<String, String> env = CliRun.passwords(source, target);
      CliRun run =
          CliRun.process(
              env,
              "run",
              "--source",
              source.uri(),
              "--target",
              target.uri(),
              "--schema-mode",
              "create",
              "--rejects-dir",
              notADirectory.resolve("rejects").toString());
      assertEquals(1, run.exitCode(), run.transcript());
      assertTrue(run.err().contains("ERROR cannot write the reject files"), run.transcript());
      assertTrue(run.err().contains("moodle_migrate.run_row_issue"), run.transcript());
    }
  }

  private static String[] withResume(String[] args) {
    List<String> out = new ArrayList<>(List.of(args));
    out.add("--resume");
    return out.toArray(String[]::new);
  }

  private static long rows(TestDatabase target) throws SQLException {
    long sum = 0;
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      for (int i = 1; i <= TABLES; i++) {
        try (ResultSet rs = st.executeQuery(String.format("SELECT count(*) FROM t%02d", i))) {
          rs.next();
          sum += rs.getLong(1);
        }
      }
    }
    return sum;
  }
}
