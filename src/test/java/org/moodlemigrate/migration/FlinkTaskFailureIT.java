package org.moodlemigrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.ConnectionPeaks;
import org.moodlemigrate.testing.TaskKillingSocketFactory;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * The copy on Flink's local cluster (in this JVM, parallelism 2) while a task is killed in the
 * middle of a chunk: the target connection's socket is closed under its COPY and an error that no
 * part of the tool handles leaves the copy DoFn, so Flink fails the task and runs it again, as it
 * does when a task manager is lost. Every row is there exactly once: the killed chunk's rows went
 * with its transaction, the chunks of the task that were done are not copied again, and the
 * verification compares every value.
 */
class FlinkTaskFailureIT {
  /** 120,000 rows of about 520 bytes, in chunks of 15,000 rows (about 8 MB of COPY each). */
  private static final int ROWS = 120_000;

  private static final int CHUNK_ROWS = 15_000;

  /** Killed after 1 MB of a chunk's COPY: well inside its 8 MB. */
  private static final long KILL_AFTER_BYTES = 1_000_000;

  private TestDatabase source;
  private TestDatabase target;
  @TempDir Path rejects;

  @BeforeEach
  void databases() throws SQLException {
    source = TestServers.mysql().createDatabase("fk_src");
    target = TestServers.postgresql().createDatabase("fk_tgt");
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE big (id BIGINT NOT NULL PRIMARY KEY, n INT NOT NULL, payload TEXT NOT"
              + " NULL) CHARACTER SET utf8mb4");
      for (int from = 1; from <= ROWS; from += 40_000) {
        st.execute(
            "INSERT INTO big SELECT seq, seq % 977, REPEAT(MD5(seq), 16) FROM seq_"
                + from
                + "_to_"
                + (from + 39_999));
      }
      st.execute("CREATE TABLE small (id INT PRIMARY KEY, name VARCHAR(20))");
      st.execute("INSERT INTO small SELECT seq, CONCAT('n', seq) FROM seq_1_to_500");
      st.execute("ANALYZE TABLE big, small");
    }
  }

  @AfterEach
  void drop() throws SQLException {
    TaskKillingSocketFactory.disarm();
    if (source != null) {
      source.close();
    }
    if (target != null) {
      target.close();
    }
  }

  @Test
  void aTaskKilledMidChunkIsRunAgainAndEveryRowIsThereOnce() throws Exception {
    String targetUri =
        target.uri()
            + "?sslmode=disable&socketFactory="
            + TaskKillingSocketFactory.class.getName();
    TaskKillingSocketFactory.arm(KILL_AFTER_BYTES);
    CliRun run;
    try (ConnectionPeaks peaks = ConnectionPeaks.watch(source, target)) {
      run =
          CliRun.inProcess(
              CliRun.passwords(source, target),
              "run",
              "--source",
              source.uri(),
              "--target",
              targetUri,
              "--schema-mode",
              "create",
              "--runner",
              "flink",
              "--parallelism",
              "2",
              "--chunk-rows",
              Integer.toString(CHUNK_ROWS),
              "--verify",
              "checksums",
              "--rejects-dir",
              rejects.toString());
      assertEquals(0, run.exitCode(), run.transcript());
      peaks.assertWithin(2);
    }
    assertTrue(TaskKillingSocketFactory.fired(), "the task was killed mid-chunk");
    assertTrue(run.out().contains("verify  checksums: passed"), run.transcript());
    assertEquals(ROWS, target.queryLong("SELECT count(*) FROM big"));
    assertEquals(ROWS, target.queryLong("SELECT count(DISTINCT id) FROM big"));
    assertEquals(500, target.queryLong("SELECT count(*) FROM small"));
  }

  @Test
  void aWorkerWithoutTheTargetsTlsFileStopsTheRunSayingSo() throws Exception {
    // The driver connects without TLS (sslmode=disable makes the driver ignore sslrootcert); the
    // copy's workers check the files the URI names before they connect, as on a task manager
    // that lacks the file.
    Path missing = rejects.resolve("no-such-root.crt");
    CliRun run =
        CliRun.inProcess(
            CliRun.passwords(source, target),
            "run",
            "--source",
            source.uri(),
            "--target",
            target.uri() + "?sslmode=disable&sslrootcert=" + missing,
            "--schema-mode",
            "create",
            "--runner",
            "flink",
            "--parallelism",
            "2",
            "--rejects-dir",
            rejects.toString());
    assertEquals(ExitCodes.FATAL, run.exitCode(), run.transcript());
    assertTrue(
        run.err()
            .contains(
                "a copy worker cannot start: the target's sslrootcert names "
                    + missing
                    + ", which does not exist on"),
        run.transcript());
    assertEquals(0, target.queryLong("SELECT count(*) FROM big"));
  }
}
