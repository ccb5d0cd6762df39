package org.moodlemigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.migration.ExitCodes;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * Passwords reach the servers from the environment or a file, and never show up in what the tool
 * prints, logs (even with {@code -v}) or reports. Runs the built jar as a separate process.
 */
class SecretsIT {
  private static final String SECRET = "Pw-" + Long.toHexString(System.nanoTime()) + "-s3cr3t";

  private TestDatabase source;
  private TestDatabase target;
  private String user;

  @TempDir Path dir;

  @BeforeEach
  void databasesAndAUserWithAPassword() throws SQLException {
    source = TestServers.mysql().createDatabase("sec_src");
    target = TestServers.postgresql().createDatabase("sec_tgt");
    user = "mmt_u_" + Long.toHexString(System.nanoTime()).substring(0, 8);
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE mdl_config (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, name"
              + " VARCHAR(255), value LONGTEXT)");
      st.execute(
          "INSERT INTO mdl_config (name, value) VALUES ('siteadmins', '2'), ('noemailever', '1')");
      st.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + SECRET + "'");
      st.execute("CREATE USER '" + user + "'@'localhost' IDENTIFIED BY '" + SECRET + "'");
      st.execute("GRANT SELECT ON `" + source.name() + "`.* TO '" + user + "'@'%'");
      st.execute("GRANT SELECT ON `" + source.name() + "`.* TO '" + user + "'@'localhost'");
    }
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE mdl_config (id BIGSERIAL PRIMARY KEY, name VARCHAR(255) NOT NULL DEFAULT"
              + " '', value TEXT NOT NULL)");
    }
  }

  @AfterEach
  void drop() throws SQLException {
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      st.execute("DROP USER IF EXISTS '" + user + "'@'%'");
      st.execute("DROP USER IF EXISTS '" + user + "'@'localhost'");
    }
    source.close();
    target.close();
  }

  private String sourceUri() {
    return "mysql://" + user + "@" + source.host() + ":" + source.port() + "/" + source.name();
  }

  private static void assertNoSecret(CliRun run, Path report) throws Exception {
    assertFalse(run.out().contains(SECRET), "stdout holds the password:\n" + run.out());
    assertFalse(run.err().contains(SECRET), "the log holds the password:\n" + run.err());
    if (report != null && Files.exists(report)) {
      assertFalse(Files.readString(report).contains(SECRET), "the report holds the password");
    }
  }

  @Test
  void aPasswordFromTheEnvironmentIsUsedAndNeverShown() throws Exception {
    Path report = dir.resolve("report.json");
    CliRun run =
        CliRun.process(
            Map.of("MM_SOURCE_PASSWORD", SECRET, "MM_TARGET_PASSWORD", SECRET),
            "run",
            "-v",
            "--source",
            sourceUri(),
            "--target",
            target.uri(),
            "--report",
            report.toString());
    assertEquals(0, run.exitCode(), run.transcript());
    assertTrue(run.out().contains("2 written"), run.out());
    assertTrue(run.err().contains("DEBUG"), "verbose logging was on");
    assertNoSecret(run, report);
  }

  @Test
  void aPasswordFileWorksToo() throws Exception {
    Path file = dir.resolve("source.pw");
    Files.writeString(file, SECRET + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    CliRun run =
        CliRun.process(
            Map.of(),
            "run",
            "--source",
            sourceUri(),
            "--source-password-file",
            file.toString(),
            "--target",
            target.uri());
    assertEquals(0, run.exitCode(), run.transcript());
    assertNoSecret(run, null);
  }

  @Test
  void aWrongPasswordIsAClearErrorThatShowsNeitherPassword() throws Exception {
    String wrong = SECRET + "-wrong";
    Path report = dir.resolve("report.json");
    CliRun run =
        CliRun.process(
            Map.of("MM_SOURCE_PASSWORD", wrong),
            "run",
            "--source",
            sourceUri(),
            "--target",
            target.uri(),
            "--report",
            report.toString());
    assertEquals(ExitCodes.FATAL, run.exitCode(), run.transcript());
    assertTrue(run.err().contains("cannot connect to the source mysql://" + user + "@"), run.err());
    assertTrue(run.err().contains("Access denied"), run.err());
    assertFalse(run.err().contains(wrong) || run.out().contains(wrong), run.transcript());
    assertFalse(Files.readString(report).contains(wrong));
  }

  @Test
  void aPasswordOnTheCommandLineIsRefusedWithoutEchoingIt() throws Exception {
    CliRun run =
        CliRun.process(
            Map.of(),
            "run",
            "--source",
            "mysql://" + user + ":" + SECRET + "@" + source.host() + "/" + source.name(),
            "--target",
            target.uri());
    assertEquals(ExitCodes.USAGE, run.exitCode(), run.transcript());
    assertTrue(run.err().contains("MM_SOURCE_PASSWORD"), run.err());
    assertNoSecret(run, null);
  }
}
