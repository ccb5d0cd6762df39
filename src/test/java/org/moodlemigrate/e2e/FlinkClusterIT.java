package org.moodlemigrate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.ConnectionPeaks;
import org.moodlemigrate.testing.Fixtures;
import org.moodlemigrate.testing.FlinkStandaloneCluster;
import org.moodlemigrate.testing.MySqlDumpLoader;
import org.moodlemigrate.testing.RequiresFixtures;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * The job submitted to an existing Flink cluster, as docs/distributed.md tells an operator to: a
 * standalone session cluster of a JobManager and two task managers, three JVMs of their own that
 * hold Flink but not the tool, reached with {@code --flink-master host:port}. The source is the
 * Moodle fixture behind a user with a password, which the workers find in their own environment
 * (the job carries only the variable's name). The whole site is created in an empty database,
 * copied by the two task managers and verified by them; the run holds no more connections than
 * the pre-flight checks approve though two JVMs copy; and workers that lack the password stop the
 * run with a message that names the variable.
 */
@RequiresFixtures
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlinkClusterIT {
  private static final String SECRET = "Fl1nk-w0rker-s3cret";

  private TestDatabase source;
  private String user;
  private FlinkStandaloneCluster cluster;
  private Path dir;

  @BeforeAll
  void clusterAndSource() throws Exception {
    dir = Files.createTempDirectory("mm-flink-cluster");
    source = TestServers.mysql().createDatabase("flk_src");
    MySqlDumpLoader.load(Fixtures.mariadbDump(), source);
    user = "mmt_fl_" + Long.toHexString(System.nanoTime()).substring(0, 8);
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      for (String host : new String[] {"%", "localhost"}) {
        st.execute("CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY '" + SECRET + "'");
        st.execute("GRANT SELECT ON `" + source.name() + "`.* TO '" + user + "'@'" + host + "'");
      }
    }
    cluster = FlinkStandaloneCluster.start(dir, 2, Map.of("MM_SOURCE_PASSWORD", SECRET));
  }

  @AfterAll
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    if (source != null) {
      try (Connection c = source.connect();
          Statement st = c.createStatement()) {
        st.execute("DROP USER IF EXISTS '" + user + "'@'%'");
        st.execute("DROP USER IF EXISTS '" + user + "'@'localhost'");
      }
      source.close();
    }
  }

  private String sourceUri() {
    return "mysql://" + user + "@" + source.host() + ":" + source.port() + "/" + source.name();
  }

  @Test
  void theFixtureIsCreatedCopiedAndVerifiedByTwoTaskManagers() throws Exception {
    try (TestDatabase target = TestServers.postgresql().createDatabase("flk_tgt")) {
      Path report = dir.resolve("report.json");
      CliRun run;
      try (ConnectionPeaks peaks = ConnectionPeaks.watch(source, target)) {
        run =
            CliRun.process(
                Map.of("MM_SOURCE_PASSWORD", SECRET, "MM_TARGET_PASSWORD", target.password()),
                "run",
                "--source",
                sourceUri(),
                "--target",
                target.uri(),
                "--schema-mode",
                "create",
                "--runner",
                "flink",
                "--flink-master",
                cluster.master(),
                "--parallelism",
                "2",
                "--chunk-rows",
                "200",
                "--verify",
                "checksums",
                "--report",
                report.toString(),
                "--rejects-dir",
                dir.resolve("rejects").toString());
        assertEquals(0, run.exitCode(), run.transcript() + "\n" + cluster.logs());
        peaks.assertWithin(2);
      }
      assertTrue(run.out().contains("verify  checksums: passed"), run.transcript());
      assertTrue(run.err().contains("on the flink " + cluster.master() + " runner"), run.err());
      JsonNode json = new ObjectMapper().readTree(report.toFile());
      assertEquals("flink " + cluster.master(), json.path("settings").path("runner").asText());
      assertEquals(494, json.path("totals").path("created").asLong());
      assertEquals(12_165, json.path("totals").path("rowsWritten").asLong());
      // The workers' results came back through the journal, and were removed.
      assertEquals(0, target.queryLong("SELECT count(*) FROM moodle_migrate.verify_result"));
      String everything = run.out() + run.err() + Files.readString(report) + cluster.allLogs();
      assertFalse(everything.contains(SECRET), "the password is in an output or a cluster log");
    }
  }

  @Test
  void workersWithoutThePasswordStopTheRunAndNameWhatToSet() throws Exception {
    try (TestDatabase target = TestServers.postgresql().createDatabase("flk_tgt2")) {
      // The operator's own Flink configuration wins over the tool's restart settings: one quick
      // restart instead of three five seconds apart.
      Path flinkConf = Files.createDirectories(dir.resolve("operator-conf"));
      Files.writeString(
          flinkConf.resolve("flink-conf.yaml"),
          "restart-strategy.type: fixed-delay\n"
              + "restart-strategy.fixed-delay.attempts: 1\n"
              + "restart-strategy.fixed-delay.delay: 1 s\n");
      // The driver takes the password from a variable the task managers do not have.
      CliRun run =
          CliRun.process(
              Map.of(
                  "MM_SITE_DB_PASSWORD",
                  SECRET,
                  "MM_TARGET_PASSWORD",
                  target.password(),
                  "FLINK_CONF_DIR",
                  flinkConf.toString()),
              "run",
              "--source",
              sourceUri(),
              "--source-password-env",
              "MM_SITE_DB_PASSWORD",
              "--target",
              target.uri(),
              "--schema-mode",
              "create",
              "--runner",
              "flink",
              "--flink-master",
              cluster.master(),
              "--parallelism",
              "2",
              "--rejects-dir",
              dir.resolve("rejects2").toString());
      assertEquals(4, run.exitCode(), run.transcript());
      assertTrue(
          run.err()
              .contains(
                  "a copy worker cannot start: the password that came from MM_SITE_DB_PASSWORD"
                      + " on the machine that started the job is not set on this worker"),
          run.transcript());
      assertFalse((run.out() + run.err()).contains(SECRET), run.transcript());
    }
  }
}
