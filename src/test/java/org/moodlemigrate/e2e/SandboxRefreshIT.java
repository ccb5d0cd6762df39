package org.moodlemigrate.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.migration.ExitCodes;
import org.moodlemigrate.testing.CliProcess;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.Fixtures;
import org.moodlemigrate.testing.JsonKeyPaths;
import org.moodlemigrate.testing.MySqlDumpLoader;
import org.moodlemigrate.testing.PgDumpLoader;
import org.moodlemigrate.testing.RequiresFixtures;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * A scheduled sandbox refresh on the real Moodle fixture, with the shipped profile ({@code
 * pipelines/sandbox-refresh.yaml}) and rules, into the schema Moodle's installer made.
 *
 * <p>The fixture's generated site holds little personal data beyond names and e-mail addresses, so
 * the source is given more first, in the columns a real site fills: distinct IP addresses in {@code
 * user.lastip} and the log, phone numbers, an SMTP password and a reCAPTCHA key in {@code config},
 * an LDAP bind password in {@code config_plugins}, sessions, private keys, web service tokens, a
 * message. Every one of those values, every e-mail address, every username but the kept admin's and
 * every first and last name is then looked for in every text column of every table of the refreshed
 * target: none may be there.
 */
@RequiresFixtures
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxRefreshIT {
  private static final String SECRET = "pseudonym-key-for-the-test-4711";
  private static final String KEPT_PASSWORD = "Sandbox-Admin-1!";
  private static final Path PROFILE = Path.of("pipelines", "sandbox-refresh.yaml");

  private TestDatabase source;
  private TestDatabase target;
  private Path dir;
  private CliRun first;
  private JsonNode report;

  @BeforeAll
  void refresh(@TempDir Path dir) throws Exception {
    this.dir = dir;
    source = TestServers.mysql().createDatabase("sbx_src");
    MySqlDumpLoader.load(Fixtures.mariadbDump(), source);
    addPersonalData();
    target = TestServers.postgresql().createDatabase("sbx_tgt");
    PgDumpLoader.load(Fixtures.pgSchema(), target);
    // The sandbox's own settings, made before its first refresh.
    execute(
        target,
        "INSERT INTO mdl_config (name, value) VALUES ('smtphosts', 'mail.sandbox.test'),"
            + " ('noreplyaddress', 'noreply@sandbox.test')");
    first = refreshOnce("report-1.json");
    assertEquals(0, first.exitCode(), first.transcript());
    report = new ObjectMapper().readTree(Files.readString(dir.resolve("report-1.json")));
  }

  @AfterAll
  void drop() throws SQLException {
    if (source != null) {
      source.close();
    }
    if (target != null) {
      target.close();
    }
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>(CliRun.passwords(source, target));
    env.put("MM_PSEUDONYM_SECRET", SECRET);
    env.put("MM_KEPT_PASSWORD", KEPT_PASSWORD);
    return env;
  }

  private String[] args(String reportName) {
    return new String[] {
      "run",
      "--config",
      PROFILE.toString(),
      "--source",
      source.uri(),
      "--target",
      target.uri(),
      "--rejects-dir",
      dir.resolve("rejects").toString(),
      "--report",
      dir.resolve(reportName).toString()
    };
  }

  private CliRun refreshOnce(String reportName) throws Exception {
    return CliRun.process(env(), args(reportName));
  }

  private void addPersonalData() throws SQLException {
    execute(
        source,
        "UPDATE mdl_user SET lastip = CONCAT('198.51.100.', id), phone1 = CONCAT('+44 20 7946 ',"
            + " LPAD(id, 4, '0')), city = CONCAT('Townsville', id), address = CONCAT(id, ' Lime"
            + " Street'), description = CONCAT('<p>I am ', firstname, ' ', lastname, '</p>')"
            + " WHERE id > 1",
        "UPDATE mdl_logstore_standard_log SET ip = CONCAT('203.0.113.', 1 + userid % 200) WHERE"
            + " userid > 0",
        "UPDATE mdl_config SET value = 'smtp-Secret-Pa55' WHERE name = 'smtppass'",
        "UPDATE mdl_config SET value = 'recaptcha-Private-K3y' WHERE name = 'recaptchaprivatekey'",
        "INSERT INTO mdl_config_plugins (plugin, name, value) VALUES ('auth_ldap', 'bind_pw',"
            + " 'ldap-Bind-Pa55')",
        "INSERT INTO mdl_sessions (state, sid, userid, sessdata, timecreated, timemodified,"
            + " firstip, lastip) VALUES (0, 'sid-of-a-real-session', 3, 'session-data', 1, 1,"
            + " '198.51.100.3', '198.51.100.3')",
        "INSERT INTO mdl_user_private_key (script, value, userid, iprestriction, timecreated)"
            + " VALUES ('rss', 'private-key-value-0001', 3, '198.51.100.3', 1)",
        "INSERT INTO mdl_external_tokens (token, privatetoken, tokentype, userid,"
            + " externalserviceid, contextid, timecreated) VALUES ('ws-token-value-0001',"
            + " 'ws-private-token-0001', 0, 3, 1, 1, 1)");
  }

  /** The values that must not reach the sandbox. */
  private Set<String> personalValues() throws SQLException {
    Set<String> out = new LinkedHashSet<>();
    try (Connection c = source.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                // The kept accounts' own ("Admin User", "Guest user") are words of Moodle's own
                // (a role, a setting's value); their e-mail addresses are looked for below.
                "SELECT username, firstname, lastname, email, lastip, phone1, city, address FROM"
                    + " mdl_user WHERE deleted = 0 AND username NOT IN ('admin', 'guest')")) {
      while (rs.next()) {
        out.add(rs.getString(1));
        for (int i = 2; i <= 8; i++) {
          String v = rs.getString(i);
          // Names too short to be told from ordinary words are not looked for ("Li").
          if (v != null && v.strip().length() >= 4 && !v.equals("0.0.0.0")) {
            out.add(v.strip());
          }
        }
      }
    }
    out.addAll(
        List.of(
            "admin@example.com",
            "root@localhost",
            "smtp-Secret-Pa55",
            "recaptcha-Private-K3y",
            "ldap-Bind-Pa55",
            "sid-of-a-real-session",
            "private-key-value-0001",
            "ws-token-value-0001",
            "ws-private-token-0001",
            "203.0.113."));
    return out;
  }

  @Test
  @Order(1)
  void noPersonalValueOfTheSourceIsAnywhereInTheSandbox() throws SQLException {
    Set<String> values = personalValues();
    assertTrue(values.size() > 300, "the fixture's users: " + values.size());
    Map<String, String> found = new TreeMap<>();
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      Map<String, List<String>> columns = new TreeMap<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema"
                  + " = 'public' AND data_type IN ('text', 'character varying', 'character')"
                  + " ORDER BY 1, 2")) {
        while (rs.next()) {
          columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
      }
      assertTrue(columns.size() > 300, "text columns of the Moodle schema: " + columns.size());
      for (Map.Entry<String, List<String>> t : columns.entrySet()) {
        for (String col : t.getValue()) {
          try (ResultSet rs =
              st.executeQuery(
                  "SELECT DISTINCT \""
                      + col
                      + "\" FROM public.\""
                      + t.getKey()
                      + "\" WHERE \""
                      + col
                      + "\" <> ''")) {
            while (rs.next()) {
              String v = rs.getString(1);
              for (String p : values) {
                if (v.contains(p)) {
                  found.putIfAbsent(t.getKey() + "." + col, p);
                }
              }
            }
          }
        }
      }
    }
    assertEquals(Map.of(), found, "source values found in the sandbox (column: value)");
  }

  @Test
  @Order(2)
  void pseudonymsAreStableAndJoinsStillMatch() throws SQLException {
    // Every user's log rows still point at a user (ids are kept), and the same source IP gets the
    // same replacement in the log wherever it occurs: the IPs that were equal still are.
    long groupsSource =
        source.queryLong("SELECT count(DISTINCT ip) FROM mdl_logstore_standard_log");
    long groupsTarget =
        target.queryLong("SELECT count(DISTINCT ip) FROM mdl_logstore_standard_log");
    assertEquals(groupsSource, groupsTarget, "equal IPs stay equal, distinct ones distinct");
    assertEquals(
        source.queryLong("SELECT count(DISTINCT email) FROM mdl_user"),
        target.queryLong("SELECT count(DISTINCT email) FROM mdl_user"),
        "unique e-mail addresses stay unique");
    assertEquals(
        0,
        target.queryLong(
            "SELECT count(*) FROM mdl_logstore_standard_log l WHERE l.userid > 0 AND NOT EXISTS"
                + " (SELECT 1 FROM mdl_user u WHERE u.id = l.userid)"));
  }

  @Test
  @Order(3)
  void theKeptAdminLogsInWithTheConfiguredPasswordAndNobodyElseCan() throws SQLException {
    String hash = string("SELECT password FROM mdl_user WHERE username = 'admin'");
    assertTrue(hash.startsWith("$2y$10$"), "PHP's password_hash() format: " + hash);
    assertTrue(OpenBSDBCrypt.checkPassword(hash, KEPT_PASSWORD.toCharArray()));
    assertFalse(OpenBSDBCrypt.checkPassword(hash, "wrong".toCharArray()));
    assertEquals(
        0,
        target.queryLong(
            "SELECT count(*) FROM mdl_user WHERE username NOT IN ('admin', 'guest') AND password"
                + " LIKE '$2y$%'"),
        "nobody else has a usable password");
  }

  @Test
  @Order(4)
  void theSandboxIsSafeTheMomentMoodleStarts() throws Exception {
    assertEquals(0, target.queryLong("SELECT count(*) FROM mdl_sessions"));
    assertEquals(0, target.queryLong("SELECT count(*) FROM mdl_user_password_resets"));
    assertNotEquals(
        sourceString("SELECT value FROM mdl_config WHERE name = 'siteidentifier'"),
        string("SELECT value FROM mdl_config WHERE name = 'siteidentifier'"));
    assertEquals("1", string("SELECT value FROM mdl_config WHERE name = 'noemailever'"));
    assertEquals(
        0,
        target.queryLong(
            "SELECT count(*) FROM mdl_message_processors WHERE enabled = 1 AND name <> 'popup'"));
    assertEquals(
        1,
        target.queryLong(
            "SELECT count(*) FROM mdl_task_scheduled WHERE classname ="
                + " '\\core\\task\\registration_cron_task' AND disabled = 1"));
    // The sandbox's own settings are its own again.
    assertEquals(
        "mail.sandbox.test", string("SELECT value FROM mdl_config WHERE name = 'smtphosts'"));
    assertEquals(
        "noreply@sandbox.test",
        string("SELECT value FROM mdl_config WHERE name = 'noreplyaddress'"));
    // And the report says what was done, in the keys docs/cli.md shows.
    JsonNode sandbox = report.path("sandbox");
    java.util.SortedSet<String> documented = new java.util.TreeSet<>();
    for (String p :
        JsonKeyPaths.of(JsonKeyPaths.documented(Path.of("docs/cli.md"), "### The report").get(0))) {
      if (p.startsWith("sandbox.")) {
        documented.add(p.substring("sandbox.".length()));
      }
    }
    assertEquals(documented, JsonKeyPaths.of(sandbox), "docs/cli.md's sandbox section");
    assertEquals("moodle", sandbox.path("rules").asText(), report.toPrettyString());
    assertTrue(sandbox.path("emptied").toString().contains("mdl_sessions"), sandbox.toString());
    assertTrue(sandbox.path("preserved").toString().contains("smtphosts"), sandbox.toString());
    assertFalse(sandbox.toString().contains("mail.sandbox.test"), "never a preserved value");
    boolean userCounted = false;
    for (JsonNode t : sandbox.path("anonymised")) {
      if (t.path("table").asText().equals("mdl_user")) {
        userCounted = t.path("values").asLong() > 300;
      }
    }
    assertTrue(userCounted, sandbox.toString());
    assertFalse(first.err().contains(SECRET) || first.out().contains(SECRET));
    assertTrue(
        first.out().contains("  sandbox ") && first.out().contains("stop-mail"), first.out());
    // A new user can be created: the sequences were reset.
    execute(
        target,
        "INSERT INTO mdl_user (username, password, firstname, lastname, email, mnethostid,"
            + " confirmed, timecreated, timemodified) VALUES ('newone', '', 'N', 'O',"
            + " 'n@o.invalid', 1, 1, 0, 0)",
        "DELETE FROM mdl_user WHERE username = 'newone'");
  }

  @Test
  @Order(5)
  void verifyComparesWhatTheRulesDidNotChange() throws Exception {
    CliRun verify =
        CliRun.process(
            env(),
            "verify",
            "--source",
            source.uri(),
            "--target",
            target.uri(),
            "--verify",
            "checksums");
    assertEquals(0, verify.exitCode(), verify.transcript());
    assertTrue(
        verify.err().contains("without the anonymised columns of mdl_user"), verify.transcript());
  }

  @Test
  @Order(6)
  void aSecondRefreshGivesTheSameTargetAndAThirdMeanwhileIsTurnedAway() throws Exception {
    Map<String, String> before = digests();
    CliRun second;
    try (CliProcess running = CliProcess.start(env(), args("report-2.json"))) {
      awaitLock();
      CliRun third = refreshOnce("report-3.json");
      assertEquals(ExitCodes.LOCKED, third.exitCode(), third.transcript());
      assertTrue(third.err().contains("holds target schema public"), third.transcript());
      second = running.await();
    }
    assertEquals(0, second.exitCode(), second.transcript());
    Map<String, String> after = digests();
    assertEquals(before.keySet(), after.keySet());
    List<String> differ = new ArrayList<>();
    before.forEach(
        (t, d) -> {
          if (!d.equals(after.get(t))) {
            differ.add(t);
          }
        });
    // Only the cache revisions move from refresh to refresh (so that Moodle rebuilds its caches).
    assertEquals(List.of("mdl_config", "mdl_course"), differ);
  }

  @Test
  @Order(7)
  void aRefreshKilledHalfwayIsCompletedByTheNextAndKeepsTheSandboxSettings() throws Exception {
    try (CliProcess running = CliProcess.start(env(), args("report-4.json"))) {
      awaitCopying(running);
      running.kill();
    }
    CliRun next = refreshOnce("report-5.json");
    assertEquals(0, next.exitCode(), next.transcript());
    assertEquals(
        "mail.sandbox.test", string("SELECT value FROM mdl_config WHERE name = 'smtphosts'"));
    assertEquals(
        source.queryLong("SELECT count(*) FROM mdl_logstore_standard_log"),
        target.queryLong("SELECT count(*) FROM mdl_logstore_standard_log"));
  }

  /** Each table of the target's public schema, as a digest of its rows in a stable order. */
  private Map<String, String> digests() throws SQLException {
    Map<String, String> out = new TreeMap<>();
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String t : tables) {
        try (ResultSet rs =
            st.executeQuery(
                "SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY"
                    + " x::text)), '') FROM public.\""
                    + t
                    + "\" x")) {
          rs.next();
          out.put(t, rs.getString(1));
        }
      }
    }
    return out;
  }

  /**
   * Moodle itself accepts the refreshed sandbox: its schema check passes and a user is created
   * through its API. Needs {@code php} on the PATH and a Moodle 4.5 code tree of its own for tests
   * in {@code MM_MOODLE_DIR} (its {@code config.php} is written for this database, and the one
   * there before is put back); skipped, saying so, where either is missing (as on this project's
   * machines).
   */
  @Test
  @Order(5)
  void moodleAcceptsTheRefreshedDatabase() throws Exception {
    String moodle = System.getenv("MM_MOODLE_DIR");
    boolean php = onPath("php");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        php && moodle != null && Files.isRegularFile(Path.of(moodle, "version.php")),
        "skipped: Moodle's own schema check needs php on the PATH ("
            + (php ? "found" : "not found")
            + ") and a Moodle code tree in MM_MOODLE_DIR ("
            + (moodle == null ? "not set" : moodle)
            + ")");
    Path config = Path.of(moodle, "config.php");
    Path saved = dir.resolve("config.php.saved");
    boolean had = Files.exists(config);
    if (had) {
      Files.copy(config, saved);
    }
    Path dataroot = Files.createDirectories(dir.resolve("moodledata"));
    Files.writeString(
        config,
        "<?php\nunset($CFG);\nglobal $CFG;\n$CFG = new stdClass();\n"
            + "$CFG->dbtype = 'pgsql';\n$CFG->dblibrary = 'native';\n"
            + "$CFG->dbhost = '"
            + target.host()
            + "';\n"
            + "$CFG->dbname = '"
            + target.name()
            + "';\n"
            + "$CFG->dbuser = '"
            + target.user()
            + "';\n"
            + "$CFG->dbpass = '"
            + target.password().replace("'", "\\'")
            + "';\n"
            + "$CFG->prefix = 'mdl_';\n"
            + "$CFG->dboptions = ['dbport' => "
            + target.port()
            + "];\n"
            + "$CFG->wwwroot = 'http://localhost';\n"
            + "$CFG->dataroot = '"
            + dataroot
            + "';\n"
            + "$CFG->admin = 'admin';\n$CFG->directorypermissions = 02777;\n"
            + "require_once(__DIR__ . '/lib/setup.php');\n");
    try {
      Process check =
          new ProcessBuilder("php", "admin/cli/check_database_schema.php")
              .directory(Path.of(moodle).toFile())
              .redirectErrorStream(true)
              .start();
      String out = new String(check.getInputStream().readAllBytes());
      assertEquals(0, check.waitFor(), out);
      assertTrue(out.contains("Database structure is ok"), out);
      Path probe = dir.resolve("probe.php");
      Files.writeString(
          probe,
          "<?php\ndefine('CLI_SCRIPT', true);\nrequire('"
              + config
              + "');\n"
              + "require_once($CFG->dirroot . '/user/lib.php');\n"
              + "$id = user_create_user(['username' => 'sandboxprobe', 'password' => 'Pr0be!pass',"
              + " 'firstname' => 'S', 'lastname' => 'P', 'email' => 'p@example.invalid',"
              + " 'mnethostid' => $CFG->mnet_localhost_id, 'confirmed' => 1]);\n"
              + "echo 'created ' . $id . PHP_EOL;\n");
      Process insert =
          new ProcessBuilder("php", probe.toString()).redirectErrorStream(true).start();
      String made = new String(insert.getInputStream().readAllBytes());
      assertEquals(0, insert.waitFor(), made);
      assertTrue(made.contains("created "), made);
      execute(target, "DELETE FROM mdl_user WHERE username = 'sandboxprobe'");
    } finally {
      if (had) {
        Files.copy(saved, config, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.deleteIfExists(config);
      }
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }

  private void awaitLock() throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (target.queryLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")
          > 0) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the second refresh never took its lock");
  }

  /** Waits until the run has copied at least one chunk (its kept rows are in the journal). */
  private void awaitCopying(CliProcess running) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline && running.isAlive()) {
      try {
        if (target.queryLong(
                "SELECT count(*) FROM moodle_migrate.run_chunk c JOIN moodle_migrate.run r USING"
                    + " (run_id) WHERE r.status = 'running' AND c.status = 'done'")
            > 0) {
          return;
        }
      } catch (SQLException notYet) {
        // the journal's tables may be being made
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the refresh never copied a chunk: " + running.transcript());
  }

  private String string(String sql) throws SQLException {
    return string(target, sql);
  }

  private String sourceString(String sql) throws SQLException {
    return string(source, sql);
  }

  private static String string(TestDatabase db, String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static void execute(TestDatabase db, String... sql) throws SQLException {
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }
}
