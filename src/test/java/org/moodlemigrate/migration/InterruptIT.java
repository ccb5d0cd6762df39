package org.moodlemigrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * Ctrl-C and SIGTERM on a real run, in a process of its own through the launcher: the run stops
 * cleanly — the chunks in flight roll back (the target holds exactly the rows of the chunks the
 * journal has done), nothing is recorded as failed, the journal and the report say {@code
 * interrupted}, the summary names the command that resumes it, exit 130 / 143 — and that command,
 * run as printed, completes the copy, which then verifies value for value.
 */
class InterruptIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROWS = 1_000_000;

  @Test
  void sigintAndSigtermStopCleanlyAndThePrintedCommandResumes(@TempDir Path dir) throws Exception {
    try (TestDatabase source = TestServers.mysql().createDatabase("intr_src");
        TestDatabase target = TestServers.postgresql().createDatabase("intr_tgt")) {
      try (Connection my = source.connect();
          Statement st = my.createStatement()) {
        st.execute("CREATE TABLE big (id INT PRIMARY KEY, a INT, b VARCHAR(200))");
        st.execute(
            "INSERT INTO big SELECT seq, seq % 977, REPEAT(MD5(seq), 3) FROM seq_1_to_" + ROWS);
        st.execute("CREATE TABLE small (id INT PRIMARY KEY, v VARCHAR(20))");
        st.execute("INSERT INTO small SELECT seq, 'x' FROM seq_1_to_500");
        st.execute("ANALYZE TABLE big, small");
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
        "create",
        "--chunk-rows",
        "20000",
        "--parallelism",
        "2",
        "--report",
        report.toString()
      };

      CliRun first = interrupt(CliRun.start(env, args), "INT", target, 2);
      assertEquals(130, first.exitCode(), first.transcript());
      String resume = assertInterrupted(first, "SIGINT", report, target);
      String[] resumeArgs = argumentsOf(resume);
      assertTrue(Arrays.asList(resumeArgs).contains("--resume"), resume);

      long doneBefore = doneChunks(target);
      CliRun second = interrupt(CliRun.start(env, resumeArgs), "TERM", target, doneBefore + 2);
      assertEquals(143, second.exitCode(), second.transcript());
      assertEquals(resume, assertInterrupted(second, "SIGTERM", report, target));

      List<String> last = new ArrayList<>(Arrays.asList(resumeArgs));
      last.addAll(List.of("--verify", "checksums"));
      CliRun done = CliRun.process(env, last.toArray(String[]::new));
      assertEquals(0, done.exitCode(), done.transcript());
      assertEquals(ROWS, target.queryLong("SELECT count(*) FROM public.big"));
      assertEquals(500, target.queryLong("SELECT count(*) FROM public.small"));
      assertTrue(done.out().contains("verify  checksums: passed"), done.transcript());
      assertEquals(
          "succeeded",
          JSON.readTree(Files.readString(report)).get("status").asText(),
          done.transcript());
    }
  }

  /** Waits until the run has {@code chunks} chunks done, then sends the signal, then waits. */
  private static CliRun interrupt(
      CliRun.Running running, String signal, TestDatabase target, long chunks) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (doneChunks(target) < chunks) {
      if (!running.process().isAlive()) {
        throw new AssertionError(
            "the run ended before it could be interrupted:\n" + running.errSoFar());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + chunks + " chunks done in 5 min:\n" + running.errSoFar());
      }
      Thread.sleep(100);
    }
    running.signal(signal);
    return running.await(3, TimeUnit.MINUTES);
  }

  /** Checks what an interrupted run leaves; returns the resume command it printed. */
  private static String assertInterrupted(
      CliRun run, String signal, Path report, TestDatabase target) throws Exception {
    assertTrue(run.out().contains(": interrupted"), run.transcript());
    assertTrue(run.err().contains(signal + ": stopping the run"), run.transcript());
    String line =
        run.err()
            .lines()
            .filter(l -> l.startsWith("INTERRUPTED interrupted by " + signal))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no INTERRUPTED line:\n" + run.transcript()));
    assertTrue(line.contains("Resume with: moodle-migrate run "), line);
    assertTrue(!run.err().contains("Exception"), run.transcript());

    JsonNode json = JSON.readTree(Files.readString(report));
    assertEquals("interrupted", json.get("status").asText());
    assertTrue(json.get("problems").get(0).asText().contains("Resume with:"));
    assertEquals(
        0,
        target.queryLong("SELECT count(*) FROM moodle_migrate.run_chunk WHERE status = 'failed'"),
        "no chunk is recorded as failed");
    assertEquals(
        "interrupted",
        stringOf(target, "SELECT status FROM moodle_migrate.run ORDER BY run_id DESC LIMIT 1"));
    long done = doneChunks(target);
    long total = target.queryLong("SELECT count(*) FROM moodle_migrate.run_chunk");
    assertTrue(done < total, done + " of " + total + " chunks done: the run was not interrupted");
    // The chunks in flight rolled back: the target holds the rows of the done chunks, no more.
    assertEquals(
        target.queryLong(
            "SELECT COALESCE(sum(rows_written), 0) FROM moodle_migrate.run_chunk WHERE status ="
                + " 'done'"),
        target.queryLong(
            "SELECT (SELECT count(*) FROM public.big) + (SELECT count(*) FROM public.small)"));
    return line.substring(line.indexOf("Resume with: ") + "Resume with: ".length()).trim();
  }

  private static long doneChunks(TestDatabase target) {
    try {
      return target.queryLong(
          "SELECT count(*) FROM moodle_migrate.run_chunk WHERE status = 'done'");
    } catch (java.sql.SQLException e) {
      return 0; // the journal is not made yet
    }
  }

  private static String stringOf(TestDatabase db, String sql) throws Exception {
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        var rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** The words of a printed command after {@code moodle-migrate} (the test's hold no spaces). */
  private static String[] argumentsOf(String command) {
    String[] words = command.split(" ");
    assertEquals("moodle-migrate", words[0], command);
    return Arrays.copyOfRange(words, 1, words.length);
  }
}
