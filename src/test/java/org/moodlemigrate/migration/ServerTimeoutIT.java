package org.moodlemigrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.CliProcess;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.FaultProxy;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * A silent server never hangs a run. Half-way through the copy, the target (then, in a second run,
 * the source) stops answering without closing anything — a paused server, a half-open connection: a
 * {@link FaultProxy} that passes no byte. The run says in its log what it is waiting on, gives each
 * attempt up after {@code --server-timeout}, counts it as an attempt, and with {@code --retries 1}
 * fails the table after two of them, naming the timeout, instead of waiting for as long as the
 * outage lasts. When the server is back, {@code --resume} finishes the table.
 */
class ServerTimeoutIT {
  private static final int ROWS = 60_000;

  @Test
  void aSilentTargetIsGivenUpOnAndCountedAsAnAttempt(@TempDir Path dir) throws Exception {
    silentServer(dir, false);
  }

  @Test
  void aSilentSourceIsGivenUpOnAndCountedAsAnAttempt(@TempDir Path dir) throws Exception {
    silentServer(dir, true);
  }

  private void silentServer(Path dir, boolean sourceSide) throws Exception {
    try (TestDatabase source = TestServers.mysql().createDatabase("silent_src");
        TestDatabase target = TestServers.postgresql().createDatabase("silent_tgt")) {
      try (Connection c = source.connect();
          Statement st = c.createStatement()) {
        st.execute("CREATE TABLE big (id INT PRIMARY KEY, v VARCHAR(200)) CHARSET utf8mb4");
        st.execute("INSERT INTO big SELECT seq, REPEAT(MD5(seq), 4) FROM seq_1_to_" + ROWS);
      }
      TestDatabase silent = sourceSide ? source : target;
      try (FaultProxy proxy = new FaultProxy(silent.host(), silent.port())) {
        String src = sourceSide ? through(source, proxy) : source.uri();
        String tgt = sourceSide ? target.uri() : through(target, proxy);
        Map<String, String> env = CliRun.passwords(source, target);
        String[] run = {
          "run",
          "--source",
          src,
          "--target",
          tgt,
          "--schema-mode",
          "create",
          "--chunk-rows",
          "2000",
          "--parallelism",
          "2",
          "--retries",
          "1",
          "--server-timeout",
          "2",
          "--rejects-dir",
          dir.toString()
        };
        CliRun result;
        try (CliProcess p = CliProcess.start(env, run)) {
          long deadline = System.nanoTime() + 120_000_000_000L;
          while (doneChunks(target) < 2 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
          }
          proxy.freeze();
          // The outage lasts far longer than two attempts take; without timeouts the run would
          // wait it out and then carry on as if nothing had happened.
          Thread.sleep(8_000);
          proxy.thaw();
          result = p.await();
        }
        assertEquals(1, result.exitCode(), result.transcript());
        String side = sourceSide ? "the source" : "the target";
        assertTrue(result.err().contains("waiting on " + side), result.transcript());
        assertTrue(result.err().contains("gave up after 2 attempts"), result.transcript());
        assertTrue(
            target.queryLong(
                    "SELECT count(*) FROM moodle_migrate.run_chunk WHERE status = 'failed'"
                        + " AND attempts = 2")
                > 0,
            result.transcript());
        CliRun resume =
            CliRun.process(
                env,
                "run",
                "--source",
                src,
                "--target",
                tgt,
                "--chunk-rows",
                "2000",
                "--resume",
                "--rejects-dir",
                dir.toString());
        assertEquals(0, resume.exitCode(), resume.transcript());
      }
      assertEquals(ROWS, target.queryLong("SELECT count(DISTINCT id) FROM public.big"));
      assertEquals(ROWS, target.queryLong("SELECT count(*) FROM public.big"));
    }
  }

  private static String through(TestDatabase db, FaultProxy proxy) {
    return db.uri().replace(":" + db.port() + "/", ":" + proxy.port() + "/");
  }

  private static long doneChunks(TestDatabase target) {
    try {
      return target.queryLong(
          "SELECT count(*) FROM moodle_migrate.run_chunk WHERE status = 'done'");
    } catch (SQLException e) {
      return 0;
    }
  }
}
