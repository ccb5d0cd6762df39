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
import org.moodlemigrate.connect.ConnectionBudget;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.ConnectionPeaks;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * A whole run (checks, copy, index rebuilds, verification by checksums) holds no more connections
 * to either database than the pre-flight checks approve for its {@code --parallelism} ({@link
 * ConnectionBudget}), as the servers count them. (FlinkTaskFailureIT and FlinkFixtureMigrationIT
 * check the same on Flink.)
 */
class ConnectionBudgetIT {
  private TestDatabase source;
  private TestDatabase target;
  @TempDir Path rejects;

  @BeforeEach
  void databases() throws SQLException {
    source = TestServers.mysql().createDatabase("cb_src");
    target = TestServers.postgresql().createDatabase("cb_tgt");
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      for (int t = 1; t <= 6; t++) {
        st.execute(
            "CREATE TABLE t"
                + t
                + " (id INT PRIMARY KEY, n INT NOT NULL, v VARCHAR(64), KEY t"
                + t
                + "_n (n)) CHARACTER SET utf8mb4");
        st.execute(
            "INSERT INTO t" + t + " SELECT seq, seq % 97, MD5(seq) FROM seq_1_to_" + (t * 20_000));
      }
      st.execute("ANALYZE TABLE t1, t2, t3, t4, t5, t6");
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

  @Test
  void aRunOnTheDirectRunnerStaysWithinTheBudgetTheChecksApprove() throws Exception {
    CliRun run;
    try (ConnectionPeaks peaks = ConnectionPeaks.watch(source, target)) {
      run =
          CliRun.inProcess(
              CliRun.passwords(source, target),
              "run",
              "--source",
              source.uri(),
              "--target",
              target.uri(),
              "--schema-mode",
              "create",
              "--parallelism",
              "3",
              "--chunk-rows",
              "10000",
              "--verify",
              "checksums",
              "--rejects-dir",
              rejects.toString());
      assertEquals(0, run.exitCode(), run.transcript());
      peaks.assertWithin(3);
      // The copy itself reached its share: the bound is not met by a run that never ran in
      // parallel.
      assertTrue(peaks.target() >= ConnectionBudget.copyPerSide(3), "peak " + peaks.target());
    }
    assertEquals(120_000, target.queryLong("SELECT count(*) FROM t6"));
  }
}
