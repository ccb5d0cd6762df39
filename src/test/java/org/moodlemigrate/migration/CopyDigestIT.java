package org.moodlemigrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * The copy digest catches what row counts cannot: a value that PostgreSQL stores differently from
 * what the source holds. A trigger on the target changes one value of one row as it is inserted —
 * the row count stays right, which is all the end-of-run count compares. With the digest the chunk
 * is not committed, the table fails and the message names the row; without it ({@code
 * --no-copy-digest}) the run passes, as it did before the digest existed. Rows the run changed on
 * purpose (a NUL stripped) do not trip it, and columns it cannot compare are named.
 */
class CopyDigestIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static void fill(TestDatabase source, TestDatabase target) throws SQLException {
    try (Connection my = source.connect();
        Statement st = my.createStatement();
        Connection pg = target.connect();
        Statement pst = pg.createStatement()) {
      st.execute(
          "CREATE TABLE mdl_page (id BIGINT PRIMARY KEY, content LONGTEXT, grade DOUBLE,"
              + " timemodified BIGINT) CHARSET utf8mb4");
      st.execute(
          "INSERT INTO mdl_page SELECT seq, CONCAT('<p>page ', seq, '</p>'), seq / 3, 1700000000"
              + " + seq FROM seq_1_to_3000");
      st.execute("UPDATE mdl_page SET content = CONCAT('nul', CHAR(0), 'here') WHERE id = 7");
      pst.execute(
          "CREATE TABLE mdl_page (id bigint PRIMARY KEY, content text, grade double precision,"
              + " timemodified bigint)");
    }
  }

  private static void corruptRow(TestDatabase target, long id) throws SQLException {
    try (Connection pg = target.connect();
        Statement st = pg.createStatement()) {
      st.execute(
          "CREATE FUNCTION bitrot() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.id = "
              + id
              + " THEN NEW.content := NEW.content || ' '; END IF; RETURN NEW; END $$");
      st.execute(
          "CREATE TRIGGER bitrot BEFORE INSERT ON mdl_page FOR EACH ROW EXECUTE FUNCTION"
              + " bitrot()");
    }
  }

  private static CliRun run(
      TestDatabase source, TestDatabase target, Path dir, Path report, String... extra)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--source",
                source.uri(),
                "--target",
                target.uri(),
                "--schema-mode",
                "data-only",
                "--chunk-rows",
                "1000",
                "--report",
                report.toString(),
                "--rejects-dir",
                dir.toString()));
    args.addAll(List.of(extra));
    return CliRun.process(CliRun.passwords(source, target), args.toArray(String[]::new));
  }

  @Test
  void aValueStoredOtherwiseThanReadFailsItsChunkNamingTheRow(@TempDir Path dir) throws Exception {
    try (TestDatabase source = TestServers.mysql().createDatabase("digest_src");
        TestDatabase target = TestServers.postgresql().createDatabase("digest_tgt")) {
      fill(source, target);
      corruptRow(target, 1234);
      Path report = dir.resolve("report.json");
      CliRun run = run(source, target, dir, report);
      assertEquals(1, run.exitCode(), run.transcript());
      assertTrue(
          run.err().contains("what PostgreSQL stored is not what was read"), run.transcript());
      assertTrue(run.err().contains("id=1234 differs"), run.transcript());
      // Nothing of that chunk was committed; the other chunks were, and were digested.
      assertEquals(
          0, target.queryLong("SELECT count(*) FROM mdl_page WHERE id BETWEEN 1001 AND 2000"));
      assertEquals(2000, target.queryLong("SELECT count(*) FROM mdl_page"));
      JsonNode json = JSON.readTree(Files.readString(report));
      assertEquals(1999, json.get("totals").get("rowsDigested").asLong(), json.toString());
    }
  }

  @Test
  void withoutTheDigestTheSameRunPassesOnCounts(@TempDir Path dir) throws Exception {
    try (TestDatabase source = TestServers.mysql().createDatabase("nodigest_src");
        TestDatabase target = TestServers.postgresql().createDatabase("nodigest_tgt")) {
      fill(source, target);
      corruptRow(target, 1234);
      CliRun run = run(source, target, dir, dir.resolve("r.json"), "--no-copy-digest");
      assertEquals(0, run.exitCode(), run.transcript());
      assertEquals(3000, target.queryLong("SELECT count(*) FROM mdl_page"));
    }
  }

  @Test
  void aCleanRunIsDigestedButForTheRowsItChangedAndNamesWhatItCannotCompare(@TempDir Path dir)
      throws Exception {
    try (TestDatabase source = TestServers.mysql().createDatabase("clean_src");
        TestDatabase target = TestServers.postgresql().createDatabase("clean_tgt")) {
      fill(source, target);
      Path report = dir.resolve("report.json");
      CliRun run = run(source, target, dir, report);
      assertEquals(0, run.exitCode(), run.transcript());
      JsonNode json = JSON.readTree(Files.readString(report));
      assertEquals(3000, json.get("totals").get("rowsWritten").asLong());
      // Row 7 had its NUL removed, on purpose: it is left out of the digest on both sides.
      assertEquals(2999, json.get("totals").get("rowsDigested").asLong(), json.toString());
      assertTrue(
          run.out().contains("2,999 of 3,000 rows written: as read and as stored, hashed alike"),
          run.transcript());
      assertTrue(json.get("findings").toString().contains("copy-digest-columns"), json.toString());
      assertTrue(json.get("findings").toString().contains("mdl_page.grade"), json.toString());
    }
  }
}
