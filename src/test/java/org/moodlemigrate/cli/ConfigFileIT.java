package org.moodlemigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * A real run whose options come from a {@code --config} file, through the built jar: the source
 * password from the variable the file names, the tables the file leaves out, a report where the
 * file says (relative to the file), and an option on the command line that wins over the file.
 */
class ConfigFileIT {
  private static final String SECRET = "Cfg-" + Long.toHexString(System.nanoTime()) + "-pw";

  private TestDatabase source;
  private TestDatabase target;
  private String user;

  @TempDir Path dir;

  @BeforeEach
  void aSiteWithATableToLeaveOut() throws SQLException {
    source = TestServers.mysql().createDatabase("cfg_src");
    target = TestServers.postgresql().createDatabase("cfg_tgt");
    user = "mmt_c_" + Long.toHexString(System.nanoTime()).substring(0, 8);
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE mdl_config (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, name"
              + " VARCHAR(255), value LONGTEXT)");
      st.execute(
          "INSERT INTO mdl_config (name, value) VALUES ('siteadmins', '2'), ('noemailever', '1')");
      st.execute("CREATE TABLE mdl_scratch (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY)");
      st.execute("INSERT INTO mdl_scratch VALUES (1)");
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

  @Test
  void aRunTakesItsOptionsFromTheFile() throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Path site = conf.resolve("site.yaml");
    Files.writeString(
        site,
        String.join(
            "\n",
            "# the site's own settings",
            "source: mysql://"
                + user
                + "@"
                + source.host()
                + ":"
                + source.port()
                + "/"
                + source.name(),
            "target: " + target.uri(),
            "source-password-env: SITE_SOURCE_PW",
            "target-password-env: SITE_TARGET_PW",
            "target-schema: not_the_schema",
            "exclude: ['mdl_scratch']",
            "schema-mode: data-only",
            "run:",
            "  report: out/report.json",
            "  rejects-dir: rejects",
            "  verify: checksums",
            ""));
    Files.createDirectories(conf.resolve("out"));
    CliRun run =
        CliRun.process(
            Map.of("SITE_SOURCE_PW", SECRET, "SITE_TARGET_PW", target.password()),
            "run",
            "--config",
            site.toString(),
            "--target-schema",
            "public");
    assertEquals(0, run.exitCode(), run.transcript());
    assertFalse(run.transcript().contains(SECRET), run.transcript());

    assertEquals(2, target.queryLong("SELECT count(*) FROM public.mdl_config"));
    assertEquals(
        0,
        target.queryLong(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'mdl_scratch'"),
        "the table the file excludes is not created");
    assertEquals(
        0,
        target.queryLong(
            "SELECT count(*) FROM information_schema.schemata"
                + " WHERE schema_name = 'not_the_schema'"),
        "the command line's --target-schema wins over the file's");

    Path report = conf.resolve("out/report.json");
    assertTrue(Files.isRegularFile(report), "the report is relative to the file: " + report);
    JsonNode json = new ObjectMapper().readTree(report.toFile());
    assertEquals("succeeded", json.path("status").asText(), json.toString());
    assertEquals(2, json.path("totals").path("rowsWritten").asLong(), json.toString());
    assertFalse(Files.readString(report).contains(SECRET));

    // status, with a file of its own that names the target only.
    Path targetOnly = conf.resolve("target.yaml");
    Files.writeString(
        targetOnly, "target: " + target.uri() + "\ntarget-password-env: SITE_TARGET_PW\n");
    CliRun status =
        CliRun.process(
            Map.of("SITE_TARGET_PW", target.password()),
            "status",
            "--config",
            targetOnly.toString());
    assertEquals(0, status.exitCode(), status.transcript());
  }

  @Test
  void theVariableTheFileNamesIsTheOneRead() throws Exception {
    Path site = dir.resolve("site.yaml");
    Files.writeString(
        site,
        "source: mysql://"
            + user
            + "@"
            + source.host()
            + ":"
            + source.port()
            + "/"
            + source.name()
            + "\ntarget: "
            + target.uri()
            + "\nsource-password-env: SITE_SOURCE_PW\nrun:\n  no-verify: true\n");
    // The password is in MM_SOURCE_PASSWORD, which the file told the tool not to read.
    CliRun run =
        CliRun.process(
            Map.of("MM_SOURCE_PASSWORD", SECRET, "MM_TARGET_PASSWORD", target.password()),
            "run",
            "--config",
            site.toString());
    assertEquals(4, run.exitCode(), run.transcript());
    // The variable the file names is the one read, and the one the message tells to set.
    assertTrue(run.err().contains("none was given: SITE_SOURCE_PW is not set"), run.err());
    assertTrue(run.err().contains("give the source password in SITE_SOURCE_PW"), run.err());
    assertFalse(run.transcript().contains(SECRET), run.transcript());
    assertEquals(0, target.queryLong("SELECT count(*) FROM public.mdl_config"));
  }

  @Test
  void theMoodleProfileRunsAndVerifiesASite() throws Exception {
    String profile = Path.of("pipelines/moodle.yaml").toAbsolutePath().toString();
    String sourceUri =
        "mysql://" + user + "@" + source.host() + ":" + source.port() + "/" + source.name();
    Map<String, String> passwords =
        Map.of("MM_SOURCE_PASSWORD", SECRET, "MM_TARGET_PASSWORD", target.password());
    CliRun run =
        CliRun.process(
            passwords, "run", "--config", profile, "--source", sourceUri, "--target", target.uri());
    assertEquals(0, run.exitCode(), run.transcript());
    assertEquals(2, target.queryLong("SELECT count(*) FROM public.mdl_config"));
    assertEquals(
        1,
        target.queryLong("SELECT count(*) FROM public.mdl_scratch"),
        "schema-mode auto created the table the target lacked");
    assertTrue(run.out().toLowerCase(Locale.ROOT).contains("verify  counts"), run.out());

    CliRun verify =
        CliRun.process(
            passwords,
            "verify",
            "--config",
            profile,
            "--source",
            sourceUri,
            "--target",
            target.uri());
    assertEquals(0, verify.exitCode(), verify.transcript());
    assertTrue(verify.out().toLowerCase(Locale.ROOT).contains("checksums"), verify.out());
  }
}
