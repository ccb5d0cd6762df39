package org.moodlemigrate.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
import org.moodlemigrate.migration.ExitCodes;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * Each failing situation the pre-flight checks must catch, built on real servers; every finding is
 * asserted by its stable id and by the object its message names.
 */
class ChecksIT {
  /**
   * 35 characters, 66 bytes: MySQL holds it (64 characters at most), PostgreSQL does not (63
   * bytes).
   */
  private static final String LONG_NAME = "mdl_" + "é".repeat(31);

  private TestDatabase source;
  private TestDatabase target;

  @TempDir Path dir;

  @BeforeEach
  void aMoodleLikeSiteWithProblems() throws SQLException {
    source = TestServers.mysql().createDatabase("chk_src");
    target = TestServers.postgresql().createDatabase("chk_tgt");
    exec(
        source,
        "CREATE TABLE mdl_config (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(255)"
            + " NOT NULL, value LONGTEXT NOT NULL)",
        "INSERT INTO mdl_config (name, value) VALUES ('version', '2024100700.09'), ('release',"
            + " '4.5+ (Build: 20241205)')",
        "CREATE TABLE mdl_config_plugins (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, plugin"
            + " VARCHAR(100) NOT NULL, name VARCHAR(100) NOT NULL, value LONGTEXT NOT NULL)",
        "INSERT INTO mdl_config_plugins (plugin, name, value) VALUES ('mod_forum', 'version',"
            + " '2024100700'), ('local_extra', 'version', '2023010100')",
        "CREATE TABLE mdl_user (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, username"
            + " VARCHAR(100) NOT NULL, legacyfield VARCHAR(10))",
        "CREATE TABLE mdl_post (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, subject VARCHAR(300)"
            + " NOT NULL)",
        "INSERT INTO mdl_post (id, subject) VALUES (1, 'short'), (7, REPEAT('x', 280)), (9,"
            + " REPEAT('y', 300))",
        "CREATE TABLE mdl_counter (id BIGINT NOT NULL PRIMARY KEY, hits BIGINT UNSIGNED NOT NULL)",
        "INSERT INTO mdl_counter VALUES (1, 5), (2, 18446744073709551615)",
        "CREATE TABLE `" + LONG_NAME + "` (id BIGINT NOT NULL PRIMARY KEY)",
        "CREATE TABLE mdl_nokey (a INT, b VARCHAR(10))",
        "CREATE TABLE mdl_legacy (id BIGINT NOT NULL PRIMARY KEY, note VARCHAR(50)) DEFAULT"
            + " CHARSET=latin1");
    exec(
        target,
        "CREATE TABLE mdl_config (id BIGSERIAL PRIMARY KEY, name VARCHAR(255) NOT NULL DEFAULT '',"
            + " value TEXT NOT NULL)",
        "INSERT INTO mdl_config (name, value) VALUES ('version', '2024042200.00'), ('release', '4.4"
            + " (Build: 20240422)')",
        "CREATE TABLE mdl_config_plugins (id BIGSERIAL PRIMARY KEY, plugin VARCHAR(100) NOT NULL"
            + " DEFAULT '', name VARCHAR(100) NOT NULL DEFAULT '', value TEXT NOT NULL)",
        "INSERT INTO mdl_config_plugins (plugin, name, value) VALUES ('mod_forum', 'version',"
            + " '2024042200')",
        "CREATE TABLE mdl_user (id BIGSERIAL PRIMARY KEY, username VARCHAR(100) NOT NULL DEFAULT"
            + " '')",
        "INSERT INTO mdl_user (username) VALUES ('sentinel')",
        "CREATE TABLE mdl_post (id BIGSERIAL PRIMARY KEY, subject VARCHAR(255) NOT NULL DEFAULT"
            + " '')",
        "CREATE TABLE mdl_counter (id BIGINT PRIMARY KEY, hits BIGINT NOT NULL)",
        "CREATE TABLE mdl_nokey (a INTEGER, b VARCHAR(10))",
        "CREATE TABLE mdl_legacy (id BIGINT PRIMARY KEY, note VARCHAR(50))");
  }

  @AfterEach
  void drop() throws SQLException {
    source.close();
    target.close();
  }

  private static void exec(TestDatabase db, String... statements) throws SQLException {
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  private JsonNode check(
      String sourceUri,
      String targetUri,
      Map<String, String> env,
      int expectedExit,
      String... extra)
      throws Exception {
    Path report = dir.resolve("check-" + System.nanoTime() + ".json");
    List<String> args =
        new ArrayList<>(
            List.of(
                "check",
                "--source",
                sourceUri,
                "--target",
                targetUri,
                "--report",
                report.toString()));
    args.addAll(List.of(extra));
    CliRun run = CliRun.inProcess(env, args.toArray(String[]::new));
    assertEquals(expectedExit, run.exitCode(), run.transcript());
    return new ObjectMapper().readTree(Files.readString(report));
  }

  private static JsonNode finding(JsonNode report, String id, String mentioning) {
    for (JsonNode f : report.get("findings")) {
      if (f.get("id").asText().equals(id) && f.get("message").asText().contains(mentioning)) {
        return f;
      }
    }
    throw new AssertionError(
        "no finding " + id + " mentioning '" + mentioning + "' in " + report.get("findings"));
  }

  @Test
  void everyProblemOfTheSiteIsFoundWithItsIdAndObject() throws Exception {
    JsonNode report = check(source.uri(), target.uri(), Map.of(), ExitCodes.REFUSED);
    assertEquals("failed", report.get("status").asText());

    JsonNode version = finding(report, "moodle-version-mismatch", "2024100700.09");
    assertEquals("error", version.get("severity").asText().toLowerCase());
    assertTrue(version.get("message").asText().contains("2024042200.00"));
    finding(report, "moodle-plugin-mismatch", "local_extra");

    JsonNode missing = finding(report, "missing-target-column", "mdl_user.legacyfield");
    assertEquals("mdl_user.legacyfield", missing.get("objects").get(0).asText());

    JsonNode tooLong = finding(report, "value-too-long", "mdl_post.subject");
    assertTrue(tooLong.get("message").asText().contains("2 row(s)"), tooLong.toString());
    assertTrue(tooLong.get("message").asText().contains("id=7"), "names the first key: " + tooLong);
    assertTrue(tooLong.get("message").asText().contains("character varying(255)"));

    JsonNode range = finding(report, "value-out-of-range", "mdl_counter.hits");
    assertTrue(range.get("message").asText().contains("1 row(s)"));
    assertTrue(range.get("message").asText().contains("id=2"));

    finding(report, "identifier-too-long", LONG_NAME);
    finding(report, "no-primary-key", "mdl_nokey");
    JsonNode latin1 = finding(report, "source-charset", "mdl_legacy.note");
    assertEquals("warning", latin1.get("severity").asText().toLowerCase());
    finding(report, "target-tables-not-empty", "mdl_user");
    for (JsonNode f : report.get("findings")) {
      assertFalse(f.get("id").asText().equals("check-failed"), "no check may fail itself: " + f);
    }
  }

  @Test
  void allowingTheVersionMismatchTurnsItIntoAWarning() throws Exception {
    JsonNode report =
        check(source.uri(), target.uri(), Map.of(), ExitCodes.REFUSED, "--allow-version-mismatch");
    assertEquals(
        "warning",
        finding(report, "moodle-version-mismatch", "2024042200.00")
            .get("severity")
            .asText()
            .toLowerCase());
  }

  @Test
  void runWithACheckErrorWritesNothing() throws Exception {
    CliRun run =
        CliRun.inProcess(Map.of(), "run", "--source", source.uri(), "--target", target.uri());
    assertEquals(ExitCodes.REFUSED, run.exitCode(), run.transcript());
    assertTrue(run.err().contains("moodle-version-mismatch"), run.err());
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT username FROM mdl_user")) {
        assertTrue(rs.next());
        assertEquals(
            "sentinel", rs.getString(1), "the sentinel row survives: nothing was truncated");
      }
      try (ResultSet rs =
          st.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = 'moodle_migrate'")) {
        rs.next();
        assertEquals(0, rs.getInt(1), "not even the journal was created");
      }
      try (ResultSet rs =
          st.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
        rs.next();
        assertEquals(7, rs.getInt(1), "no table was created either");
      }
    }
  }

  @Test
  void missingPrivilegesAreNamedOnBothSides() throws Exception {
    String user = "mmt_lim_" + Long.toHexString(System.nanoTime()).substring(0, 8);
    exec(
        source,
        "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw'",
        "CREATE USER '" + user + "'@'localhost' IDENTIFIED BY 'pw'",
        "GRANT SELECT ON `" + source.name() + "`.`mdl_config` TO '" + user + "'@'%'",
        "GRANT SELECT ON `" + source.name() + "`.`mdl_config` TO '" + user + "'@'localhost'",
        "GRANT SELECT ON `" + source.name() + "`.`mdl_config_plugins` TO '" + user + "'@'%'",
        "GRANT SELECT ON `"
            + source.name()
            + "`.`mdl_config_plugins` TO '"
            + user
            + "'@'localhost'");
    exec(
        target,
        "CREATE ROLE \"" + user + "\" LOGIN",
        "GRANT USAGE ON SCHEMA public TO \"" + user + "\"",
        "GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO \"" + user + "\"");
    try {
      String sourceUri =
          "mysql://" + user + "@" + source.host() + ":" + source.port() + "/" + source.name();
      String targetUri =
          "postgresql://" + user + "@" + target.host() + ":" + target.port() + "/" + target.name();
      JsonNode report =
          check(
              sourceUri,
              targetUri,
              Map.of("MM_SOURCE_PASSWORD", "pw"),
              ExitCodes.REFUSED,
              "--include",
              "mdl_(config|config_plugins|post|legacy)");
      JsonNode read = finding(report, "source-privilege", user);
      assertTrue(read.get("message").asText().contains("left out"), read.toString());
      JsonNode truncate = finding(report, "target-privilege", "TRUNCATE");
      assertTrue(truncate.get("message").asText().contains("mdl_config"), truncate.toString());
      finding(report, "target-privilege", "journal schema");
    } finally {
      exec(target, "DROP OWNED BY \"" + user + "\"");
      try (TestDatabase other = TestServers.postgresql().createDatabase("chk_cleanup");
          Connection c = other.connect();
          Statement st = c.createStatement()) {
        target.close();
        st.execute("DROP ROLE IF EXISTS \"" + user + "\"");
      }
      exec(
          source,
          "DROP USER IF EXISTS '" + user + "'@'%'",
          "DROP USER IF EXISTS '" + user + "'@'localhost'");
    }
  }

  @Test
  void anUnreachableServerIsAFindingNotACrash() throws Exception {
    JsonNode report =
        check(
            source.uri(),
            "postgresql://nobody@127.0.0.1:1/none?connectTimeout=2",
            Map.of(),
            ExitCodes.FATAL);
    finding(report, "target-connection", "postgresql://nobody@127.0.0.1:1/none");
  }
}
