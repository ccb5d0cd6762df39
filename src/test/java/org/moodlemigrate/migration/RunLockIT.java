package org.moodlemigrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
import org.moodlemigrate.testing.FaultProxy;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * One run at a time per target schema. A run holds the schema's lock from its first moment; a
 * second {@code run}, a {@code run --resume}, a {@code verify} and a {@code cleanup} started
 * meanwhile refuse at once (exit 7), write nothing (not even the report file, which is the
 * holder's), and name the holder: its run, process and host, since when. The lock dies with its
 * holder: after a {@code kill -9} the next run goes ahead, and {@code status} tells a live run from
 * a dead one.
 *
 * <p>To hold a run still at a known point, its source connection goes through a {@link FaultProxy}
 * that is frozen: the run waits on the source as it would on a paused server.
 */
class RunLockIT {
  private static final int ROWS = 30_000;

  private TestDatabase source;
  private TestDatabase target;
  private FaultProxy proxy;
  private Map<String, String> env;
  @TempDir Path dir;

  @BeforeEach
  void servers() throws Exception {
    source = TestServers.mysql().createDatabase("lock_src");
    target = TestServers.postgresql().createDatabase("lock_tgt");
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE big (id INT PRIMARY KEY, v VARCHAR(200)) CHARSET utf8mb4");
      st.execute("INSERT INTO big SELECT seq, REPEAT(MD5(seq), 4) FROM seq_1_to_" + ROWS);
      st.execute("ANALYZE TABLE big");
    }
    proxy = new FaultProxy(source.host(), source.port());
    env = CliRun.passwords(source, target);
  }

  @AfterEach
  void drop() throws Exception {
    proxy.close();
    target.close();
    source.close();
  }

  private String viaProxy() {
    return source.uri().replace(":" + source.port() + "/", ":" + proxy.port() + "/");
  }

  private String[] run(String sourceUri, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--source",
                sourceUri,
                "--target",
                target.uri(),
                "--schema-mode",
                "create",
                "--rejects-dir",
                dir.toString()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  private String[] withTarget(String command, String... extra) {
    List<String> args = new ArrayList<>(List.of(command, "--target", target.uri()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  @Test
  void whileARunHoldsTheTargetEverythingElseRefusesNamingIt() throws Exception {
    proxy.freeze();
    Path report = dir.resolve("report.json");
    try (CliProcess first = CliProcess.start(env, run(viaProxy(), "--report", report.toString()))) {
      awaitLock(first);
      // The holder writes its "running" report right after it took the lock.
      for (int i = 0; i < 200 && !Files.exists(report); i++) {
        Thread.sleep(25);
      }
      String holdersReport = Files.readString(report);
      assertTrue(holdersReport.contains("\"running\""), holdersReport);
      CliRun second = CliRun.process(env, run(source.uri(), "--report", report.toString()));
      assertEquals(ExitCodes.LOCKED, second.exitCode(), second.transcript());
      assertEquals(holdersReport, Files.readString(report), "the holder's report is left alone");
      assertTrue(second.err().contains("holds target schema public"), second.transcript());
      assertTrue(
          second.err().contains("moodle-migrate run: pid " + first.pid()), second.transcript());
      assertTrue(second.err().contains(" since "), second.transcript());
      assertTrue(second.err().contains("PostgreSQL backend"), second.transcript());

      CliRun resume = CliRun.process(env, run(source.uri(), "--resume"));
      assertEquals(ExitCodes.LOCKED, resume.exitCode(), resume.transcript());
      assertTrue(resume.err().contains("pid " + first.pid()), resume.transcript());

      CliRun verify =
          CliRun.process(env, "verify", "--source", source.uri(), "--target", target.uri());
      assertEquals(ExitCodes.LOCKED, verify.exitCode(), verify.transcript());
      CliRun cleanup = CliRun.process(env, withTarget("cleanup", "--force"));
      assertEquals(ExitCodes.LOCKED, cleanup.exitCode(), cleanup.transcript());
      // None of them wrote anything.
      assertEquals(
          0,
          target.queryLong(
              "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog',"
                  + " 'information_schema')"));

      proxy.thaw();
      CliRun done = first.await();
      assertEquals(0, done.exitCode(), done.transcript());
    }
    assertEquals(ROWS, target.queryLong("SELECT count(DISTINCT id) FROM public.big"));
    CliRun verify =
        CliRun.process(env, "verify", "--source", source.uri(), "--target", target.uri());
    assertEquals(0, verify.exitCode(), verify.transcript());
  }

  @Test
  void twoRunsStartedTogetherOneRefusesAndTheOtherSucceeds() throws Exception {
    proxy.freeze();
    try (CliProcess a = CliProcess.start(env, run(viaProxy()));
        CliProcess b = CliProcess.start(env, run(viaProxy()))) {
      // The one that does not get the lock refuses before it even connects to the source.
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (a.isAlive() && b.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      CliProcess refused = a.isAlive() ? b : a;
      CliProcess holder = refused == a ? b : a;
      CliRun refusal = refused.await();
      assertEquals(ExitCodes.LOCKED, refusal.exitCode(), refusal.transcript());
      assertTrue(refusal.err().contains("pid " + holder.pid()), refusal.transcript());
      proxy.thaw();
      CliRun done = holder.await();
      assertEquals(0, done.exitCode(), done.transcript());
    }
    assertEquals(ROWS, target.queryLong("SELECT count(*) FROM public.big"));
    CliRun verify =
        CliRun.process(env, "verify", "--source", source.uri(), "--target", target.uri());
    assertEquals(0, verify.exitCode(), verify.transcript());
  }

  @Test
  void theLockDiesWithAKilledRunAndStatusTellsTheDifference() throws Exception {
    try (CliProcess first = CliProcess.start(env, run(viaProxy(), "--chunk-rows", "500"))) {
      // Half-way through the copy: some chunks are done, then the source goes silent.
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (doneChunks() < 3 && System.nanoTime() < deadline && first.isAlive()) {
        Thread.sleep(20);
      }
      proxy.freeze();
      assertTrue(first.isAlive(), first.transcript());
      CliRun live = CliRun.process(env, withTarget("status"));
      assertTrue(
          live.out().contains("moodle-migrate run 1: pid " + first.pid()), live.transcript());
      assertTrue(live.out().contains("holds the target now"), live.transcript());

      first.kill();
      awaitNoLock();
      CliRun dead = CliRun.process(env, withTarget("status"));
      assertTrue(dead.out().contains("no process holds its lock"), dead.transcript());
    }
    proxy.thaw();
    CliRun resume = CliRun.process(env, run(viaProxy(), "--chunk-rows", "500", "--resume"));
    assertEquals(0, resume.exitCode(), resume.transcript());
    assertEquals(ROWS, target.queryLong("SELECT count(*) FROM public.big"));
    assertEquals(ROWS, target.queryLong("SELECT count(DISTINCT id) FROM public.big"));
  }

  /** Waits until a process holds the target schema's run lock. */
  private void awaitLock(CliProcess holder) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (target.queryLong(LOCKS) > 0) {
        return;
      }
      assertTrue(holder.isAlive(), holder.transcript());
      Thread.sleep(50);
    }
    throw new AssertionError("the run never took its lock: " + holder.transcript());
  }

  private void awaitNoLock() throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (target.queryLong(LOCKS) > 0) {
      assertTrue(System.nanoTime() < deadline, "the killed run's lock outlived it");
      Thread.sleep(50);
    }
  }

  private static final String LOCKS =
      "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 19789 AND granted"
          + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

  private long doneChunks() {
    try {
      return target.queryLong(
          "SELECT count(*) FROM moodle_migrate.run_chunk WHERE status = 'done'");
    } catch (SQLException e) {
      return 0; // the journal is not there yet
    }
  }
}
