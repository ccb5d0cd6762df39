package org.moodlemigrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
import org.moodlemigrate.testing.CliProcess;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * Faults against the real servers, the tool running as a separate process: killed with SIGKILL in
 * the middle of a multi-chunk table and resumed; its COPY backend terminated on the target; its
 * reading connection killed on the source. Each time the end state is the same as an undisturbed
 * run's: every row once, verified.
 */
class FaultToleranceIT {
  /** 200,000 rows of about 520 bytes: long enough a copy (seconds) to be caught half-way. */
  private static final int BIG_ROWS = 200_000;

  private static final int CHUNK_ROWS = 4_000;

  private TestDatabase source;
  private TestDatabase target;
  @TempDir Path rejects;

  @BeforeEach
  void databases() throws SQLException {
    source = TestServers.mysql().createDatabase("ft_src");
    target = TestServers.postgresql().createDatabase("ft_tgt");
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE big (id BIGINT NOT NULL PRIMARY KEY, n INT NOT NULL, payload TEXT NOT"
              + " NULL, KEY big_n (n)) CHARACTER SET utf8mb4");
      // Rows in batches: MariaDB's sequence engine makes them without a client loop.
      for (int from = 1; from <= BIG_ROWS; from += 50_000) {
        st.execute(
            "INSERT INTO big SELECT seq, seq % 977, REPEAT(MD5(seq), 16) FROM seq_"
                + from
                + "_to_"
                + (from + 49_999));
      }
      st.execute("CREATE TABLE small (id INT PRIMARY KEY, name VARCHAR(20))");
      st.execute("INSERT INTO small SELECT seq, CONCAT('n', seq) FROM seq_1_to_500");
      st.execute("CREATE TABLE other (id INT PRIMARY KEY, v DECIMAL(10,2))");
      st.execute("INSERT INTO other SELECT seq, seq / 7 FROM seq_1_to_3000");
    }
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

  private Map<String, String> env() {
    return Map.of("MM_SOURCE_PASSWORD", source.password(), "MM_TARGET_PASSWORD", target.password());
  }

  private String[] args(String command, String... more) {
    List<String> a = new ArrayList<>();
    a.add(command);
    a.addAll(List.of("--source", source.uri(), "--target", target.uri()));
    if (!command.equals("verify")) {
      a.addAll(List.of("--rejects-dir", rejects.toString()));
    }
    a.addAll(List.of("--schema-mode", "create", "--chunk-rows", "" + CHUNK_ROWS));
    a.addAll(List.of("--parallelism", "2"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  private String[] journalArgs(String command, String... more) {
    List<String> a = new ArrayList<>(List.of(command, "--target", target.uri()));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void killedHalfWayThroughATableThenResumed() throws Exception {
    try (CliProcess run = CliProcess.start(env(), args("run"))) {
      long[] progress = waitForProgress(run, 3);
      assertTrue(
          progress[0] < progress[1],
          "the run finished before it could be killed: " + progress[0] + " of " + progress[1]);
      run.kill();
    }
    long[] atKill = bigChunks();
    assertTrue(atKill[0] > 0 && atKill[0] < atKill[1], "chunks done at the kill: " + atKill[0]);

    CliRun status = CliRun.process(env(), journalArgs("status"));
    assertEquals(1, status.exitCode(), status.transcript());
    assertTrue(status.out().contains("running"), status.transcript());
    assertTrue(status.out().contains("to do"), status.transcript());

    CliRun resumed = CliRun.process(env(), args("run", "--resume"));
    assertEquals(0, resumed.exitCode(), resumed.transcript());
    assertTrue(resumed.err().contains("Resuming run 1"), resumed.transcript());
    assertTrue(
        resumed.err().contains(atKill[0] + " of ") && resumed.err().contains("are not copied"),
        resumed.transcript());

    assertEquals(BIG_ROWS, count("SELECT count(*) FROM public.big"));
    assertEquals(0, count("SELECT count(*) - count(DISTINCT id) FROM public.big"));
    assertEquals(500, count("SELECT count(*) FROM public.small"));
    assertEquals(3000, count("SELECT count(*) FROM public.other"));
    // The keys and indexes of the created tables were built by the resumed run.
    assertEquals(
        1,
        count(
            "SELECT count(*) FROM pg_constraint WHERE conrelid = 'public.big'::regclass AND contype"
                + " = 'p'"));
    assertEquals(
        2,
        count("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'big'"));
    assertEquals(1, count("SELECT count(*) FROM moodle_migrate.run"));
    assertEquals(1, count("SELECT resumes FROM moodle_migrate.run"));
    assertEquals(0, count("SELECT count(*) FROM moodle_migrate.run_chunk WHERE status <> 'done'"));

    CliRun verify = CliRun.process(env(), args("verify"));
    assertEquals(0, verify.exitCode(), verify.transcript());

    // Resuming a finished run does nothing.
    String journalBefore = journalState();
    CliRun again = CliRun.process(env(), args("run", "--resume"));
    assertEquals(0, again.exitCode(), again.transcript());
    assertTrue(again.err().contains("nothing to resume"), again.transcript());
    assertEquals(journalBefore, journalState());

    CliRun status2 = CliRun.process(env(), journalArgs("status"));
    assertEquals(0, status2.exitCode(), status2.transcript());
    assertTrue(status2.out().contains("succeeded"), status2.transcript());

    // cleanup leaves no trace of the journal.
    CliRun cleanup = CliRun.process(env(), journalArgs("cleanup"));
    assertEquals(0, cleanup.exitCode(), cleanup.transcript());
    assertEquals(0, count("SELECT count(*) FROM pg_namespace WHERE nspname = 'moodle_migrate'"));
    assertEquals(
        0,
        count(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE"
                + " n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'public')"));
    assertEquals(
        3,
        count("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"),
        "Moodle's tables stay");
  }

  @Test
  void targetBackendTerminatedDuringCopyIsRetried() throws Exception {
    CliRun run;
    try (CliProcess process = CliProcess.start(env(), args("run"))) {
      int terminated = 0;
      while (terminated == 0 && process.isAlive()) {
        terminated = terminateCopyBackends();
        Thread.sleep(10);
      }
      assertTrue(terminated > 0, "no COPY backend was caught: " + process.transcript());
      run = process.await();
    }
    assertEquals(0, run.exitCode(), run.transcript());
    assertTrue(run.err().contains("trying the chunk again"), run.transcript());
    assertTrue(count("SELECT sum(attempts) - count(*) FROM moodle_migrate.run_chunk") > 0);
    assertEquals(BIG_ROWS, count("SELECT count(*) FROM public.big"));
    assertEquals(0, count("SELECT count(*) - count(DISTINCT id) FROM public.big"));
    CliRun verify = CliRun.process(env(), args("verify"));
    assertEquals(0, verify.exitCode(), verify.transcript());
  }

  @Test
  void sourceConnectionKilledDuringCopyIsRetried() throws Exception {
    CliRun run;
    try (CliProcess process = CliProcess.start(env(), args("run"))) {
      int killed = 0;
      while (killed == 0 && process.isAlive()) {
        killed = killSourceReaders();
        Thread.sleep(10);
      }
      assertTrue(killed > 0, "no source reader was caught: " + process.transcript());
      run = process.await();
    }
    assertEquals(0, run.exitCode(), run.transcript());
    assertTrue(run.err().contains("trying the chunk again"), run.transcript());
    assertEquals(BIG_ROWS, count("SELECT count(*) FROM public.big"));
    assertEquals(0, count("SELECT count(*) - count(DISTINCT id) FROM public.big"));
    CliRun verify = CliRun.process(env(), args("verify"));
    assertEquals(0, verify.exitCode(), verify.transcript());
  }

  @Test
  void aChunkThatKeepsFailingFailsItsTableOnlyAndResumeFinishesIt() throws Exception {
    CliRun run;
    try (CliProcess process = CliProcess.start(env(), args("run", "--retries", "0"))) {
      int terminated = 0;
      while (terminated == 0 && process.isAlive()) {
        terminated = terminateCopyBackends();
        Thread.sleep(10);
      }
      assertTrue(terminated > 0, "no COPY backend was caught: " + process.transcript());
      run = process.await();
    }
    assertEquals(1, run.exitCode(), run.transcript());
    assertTrue(run.err().contains("FAILED big"), run.transcript());
    assertTrue(
        run.err().contains("FAILED big: table big[") && run.err().contains("connection"),
        "the chunk and the cause are named: " + run.transcript());
    assertEquals(500, count("SELECT count(*) FROM public.small"), "the other tables went on");
    assertEquals(3000, count("SELECT count(*) FROM public.other"));
    assertTrue(count("SELECT count(*) FROM moodle_migrate.run_chunk WHERE status = 'failed'") > 0);
    assertEquals(
        "failed",
        string("SELECT status FROM moodle_migrate.run ORDER BY run_id DESC LIMIT 1"),
        "the journal says so");

    CliRun resumed = CliRun.process(env(), args("run", "--resume"));
    assertEquals(0, resumed.exitCode(), resumed.transcript());
    assertEquals(BIG_ROWS, count("SELECT count(*) FROM public.big"));
    assertEquals(0, count("SELECT count(*) - count(DISTINCT id) FROM public.big"));
    CliRun verify = CliRun.process(env(), args("verify"));
    assertEquals(0, verify.exitCode(), verify.transcript());
  }

  /** Waits until at least {@code minDone} chunks of {@code big} are done; returns done, total. */
  private long[] waitForProgress(CliProcess run, int minDone) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline && run.isAlive()) {
      long[] chunks = bigChunks();
      if (chunks[0] >= minDone) {
        return chunks;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the run made no progress: " + run.transcript());
  }

  /** Chunks of {@code big} done, and in all; zeros before the journal exists. */
  private long[] bigChunks() throws SQLException {
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      try (ResultSet rs =
          st.executeQuery("SELECT to_regclass('moodle_migrate.run_chunk') IS NOT NULL")) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return new long[] {0, 0};
        }
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT count(*) FILTER (WHERE status = 'done'), count(*) FROM"
                  + " moodle_migrate.run_chunk WHERE table_name = 'big'")) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2)};
      }
    }
  }

  private int terminateCopyBackends() throws SQLException {
    try (Connection c = target.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ?"
                    + " AND query LIKE 'COPY %big%' AND state = 'active'")) {
      ps.setString(1, target.name());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private int killSourceReaders() throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection c = source.connect()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              // A chunk's read, not the planning's (MIN(...) probes, counted OFFSETs), which
              // killed here made a flaky test of what RetriedReadIT tests on its own.
              "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND INFO LIKE"
                  + " 'SELECT `id`, %`big` WHERE %' AND INFO NOT LIKE '%MIN(%' AND INFO NOT"
                  + " LIKE '%OFFSET%' AND ID <> CONNECTION_ID()")) {
        ps.setString(1, source.name());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
          }
        }
      }
      int killed = 0;
      for (long id : ids) {
        try (Statement st = c.createStatement()) {
          st.execute("KILL " + id);
          killed++;
        } catch (SQLException gone) {
          // it finished between the look and the kill: not a kill, look again
        }
      }
      return killed;
    }
  }

  private String journalState() throws SQLException {
    return string(
        "SELECT string_agg(concat_ws(',', r.run_id, r.status, r.resumes, r.finished_at), ';')"
            + " || (SELECT string_agg(concat_ws(',', table_name, chunk_no, status, attempts,"
            + " finished_at), ';' ORDER BY table_name, chunk_no) FROM moodle_migrate.run_chunk)"
            + " FROM moodle_migrate.run r");
  }

  private long count(String sql) throws SQLException {
    return Long.parseLong(string(sql));
  }

  private String string(String sql) throws SQLException {
    try (Connection c = target.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      assertTrue(rs.next());
      String value = rs.getString(1);
      assertFalse(rs.wasNull(), sql + " gave NULL");
      return value;
    }
  }
}
