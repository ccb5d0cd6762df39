package org.moodlemigrate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.ConnectionPeaks;
import org.moodlemigrate.testing.Fixtures;
import org.moodlemigrate.testing.MySqlDumpLoader;
import org.moodlemigrate.testing.PgDumpLoader;
import org.moodlemigrate.testing.RequiresFixtures;
import org.moodlemigrate.testing.TableContents;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * The real Moodle fixture migrated on Flink's local cluster with parallelism 3, as an administrator
 * runs it: {@code bin/moodle-migrate run --runner flink} in a process of its own, the launcher
 * putting {@code target/flink-lib/} on its class path. Every value equals the known-good result,
 * the run's own verification by checksums passes on the cluster's workers, a separate {@code verify
 * --runner flink} finds a value changed afterwards and names its key, and neither held more
 * connections than the pre-flight checks approve. (FlinkClusterIT creates the fixture
 * on a cluster of two task managers.)
 */
@RequiresFixtures
class FlinkFixtureMigrationIT {
  private static final int PARALLELISM = 3;

  private TestDatabase source;
  private TestDatabase target;

  @AfterEach
  void drop() throws Exception {
    if (target != null) {
      target.close();
    }
    if (source != null) {
      source.close();
    }
  }

  @Test
  void theMoodleFixtureMigratesOnFlinksLocalClusterValueForValue(@TempDir Path dir)
      throws Exception {
    source = TestServers.mysql().createDatabase("flf_src");
    MySqlDumpLoader.load(Fixtures.mariadbDump(), source);
    target = TestServers.postgresql().createDatabase("flf_tgt");
    PgDumpLoader.load(Fixtures.pgSchema(), target);
    Map<String, String> passwords = CliRun.passwords(source, target);
    Path report = dir.resolve("report.json");
    CliRun run;
    try (ConnectionPeaks peaks = ConnectionPeaks.watch(source, target)) {
      run =
          CliRun.process(
              passwords,
              "run",
              "--source",
              source.uri(),
              "--target",
              target.uri(),
              "--runner",
              "flink",
              "--parallelism",
              Integer.toString(PARALLELISM),
              // Small chunks: the log and the other big tables in several chunks each, copied by
              // different subtasks.
              "--chunk-rows",
              "200",
              "--verify",
              "checksums",
              "--report",
              report.toString(),
              "--rejects-dir",
              dir.resolve("rejects").toString());
      assertEquals(0, run.exitCode(), run.transcript());
      peaks.assertWithin(PARALLELISM);
    }
    assertTrue(run.err().contains("on the flink [local] runner"), run.transcript());
    assertTrue(run.out().contains("verify  checksums: passed"), run.transcript());
    JsonNode json = new ObjectMapper().readTree(report.toFile());
    assertEquals("flink [local]", json.path("settings").path("runner").asText());
    assertEquals(12_165, json.path("totals").path("rowsWritten").asLong());
    assertTrue(json.path("totals").path("chunks").asLong() > 494, "big tables in several chunks");

    Map<String, List<String>> reference = TableContents.ofDump(Fixtures.pgloaderDataOnly());
    try (Connection c = target.connect()) {
      for (Map.Entry<String, List<String>> table : reference.entrySet()) {
        assertEquals(
            table.getValue(),
            TableContents.of(c, "public", table.getKey()),
            table.getKey() + " differs from the known-good result");
      }
    }

    // verify on the local cluster's workers (the run's own verification passed on them): a value
    // changed in the target afterwards is found and named by table and key.
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      assertEquals(1, st.executeUpdate("UPDATE mdl_user SET firstname = 'Changed' WHERE id = 2"));
    }
    CliRun differs = verifyOnFlink(passwords);
    assertEquals(6, differs.exitCode(), differs.transcript());
    assertTrue(differs.err().contains("Verifying "), differs.transcript());
    assertTrue(differs.err().contains("on the flink [local] runner"), differs.transcript());
    assertTrue(differs.err().contains("mdl_user: id=2"), differs.transcript());
  }

  private CliRun verifyOnFlink(Map<String, String> passwords) throws Exception {
    try (ConnectionPeaks peaks = ConnectionPeaks.watch(source, target)) {
      CliRun verify =
          CliRun.process(
              passwords,
              "verify",
              "--source",
              source.uri(),
              "--target",
              target.uri(),
              "--verify",
              "checksums",
              "--runner",
              "flink",
              "--parallelism",
              Integer.toString(PARALLELISM));
      assertTrue(verify.exitCode() == 0 || verify.exitCode() == 6, verify.transcript());
      peaks.assertWithin(PARALLELISM);
      return verify;
    }
  }
}
