package org.moodlemigrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * A rules file that does not fit the site refuses the run before anything is written, naming the
 * table and the column; with rules that fit, the same site is copied with the values replaced.
 */
class AnonymiseRulesRefusalIT {
  private static final String SECRET = "s3cret-for-the-test";

  private TestDatabase source;
  private TestDatabase target;
  @TempDir Path dir;

  @BeforeEach
  void databases() throws SQLException {
    source = TestServers.mysql().createDatabase("anr_src");
    target = TestServers.postgresql().createDatabase("anr_tgt");
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE xy_config (id BIGINT PRIMARY KEY, name VARCHAR(100), value TEXT)");
      st.execute(
          "CREATE TABLE xy_config_plugins (id BIGINT PRIMARY KEY, plugin VARCHAR(100), name"
              + " VARCHAR(100), value TEXT)");
      st.execute(
          "CREATE TABLE xy_user (id BIGINT PRIMARY KEY, username VARCHAR(100) NOT NULL, email"
              + " VARCHAR(100) NOT NULL)");
      st.execute(
          "CREATE TABLE xy_sessions (id BIGINT PRIMARY KEY, sid VARCHAR(128), timemodified"
              + " BIGINT)");
      st.execute("INSERT INTO xy_sessions VALUES (1, 'sid-one', 0), (2, 'sid-two', 0)");
      st.execute(
          "INSERT INTO xy_user VALUES (1, 'admin', 'root@site.example'), (2, 'jdoe',"
              + " 'jane.doe@site.example'), (3, 'rroe', 'rich.roe@site.example')");
    }
  }

  @AfterEach
  void drop() throws SQLException {
    source.close();
    target.close();
  }

  private CliRun run(String rules) throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, rules);
    Map<String, String> env = new HashMap<>(CliRun.passwords(source, target));
    env.put("MM_PSEUDONYM_SECRET", SECRET);
    return CliRun.process(
        env,
        "run",
        "--source",
        source.uri(),
        "--target",
        target.uri(),
        "--schema-mode",
        "create",
        "--rejects-dir",
        dir.toString(),
        "--anonymise",
        file.toString(),
        "--kept-accounts",
        "admin");
  }

  /**
   * The pseudonym as the rules file format defines it, computed here without the tool's code: the
   * first 10 bytes of HMAC-SHA256(secret, domain NUL value), RFC 4648 base32 in lower case.
   */
  private static String pseudonym(String domain, String value) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(
        new javax.crypto.spec.SecretKeySpec(
            SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] h =
        mac.doFinal((domain + "\0" + value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    StringBuilder out = new StringBuilder();
    java.math.BigInteger bits = new java.math.BigInteger(1, java.util.Arrays.copyOf(h, 10));
    for (int i = 15; i >= 0; i--) {
      out.append(alphabet.charAt(bits.shiftRight(5 * i).intValue() & 31));
    }
    return out.toString();
  }

  @Test
  void aRuleForAColumnTheSourceLacksRefusesBeforeAnythingIsWritten() throws Exception {
    CliRun run =
        run(
            "version: 1\n"
                + "tables:\n"
                + "  - table: user\n"
                + "    group: personal\n"
                + "    columns:\n"
                + "      email: {rule: pseudonym, format: \"u{}@example.invalid\"}\n"
                + "      phone9: {rule: empty}\n");
    assertEquals(ExitCodes.REFUSED, run.exitCode(), run.transcript());
    assertTrue(run.err().contains("anonymise-column-missing"), run.transcript());
    assertTrue(run.err().contains("xy_user") && run.err().contains("phone9"), run.transcript());
    assertEquals(
        0,
        target.queryLong(
            "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog',"
                + " 'information_schema')"),
        "nothing written");
  }

  @Test
  void checkFindsTheSameRuleErrorWithoutAnySecret() throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(
        file,
        "version: 1\ntables:\n  - table: user\n    group: personal\n    columns:\n"
            + "      phone9: {rule: empty}\n");
    CliRun check =
        CliRun.process(
            CliRun.passwords(source, target),
            "check",
            "--source",
            source.uri(),
            "--target",
            target.uri(),
            "--schema-mode",
            "create",
            "--anonymise",
            file.toString());
    assertEquals(ExitCodes.REFUSED, check.exitCode(), check.transcript());
    assertTrue(check.out().contains("anonymise-column-missing"), check.transcript());
  }

  @Test
  void rulesThatFitReplaceTheValuesAndKeepTheKeptAccount() throws Exception {
    CliRun run =
        run(
            "version: 1\n"
                + "tables:\n"
                + "  - table: user\n"
                + "    group: personal\n"
                + "    columns:\n"
                + "      username: {rule: pseudonym, format: \"user_{}\", unless-kept: true}\n"
                + "      email: {rule: pseudonym, format: \"u{}@example.invalid\"}\n"
                + "  - table: sessions\n"
                + "    group: personal\n"
                + "    rows: none\n");
    assertEquals(0, run.exitCode(), run.transcript());
    // Created (a site needs the table), and not one of its rows read.
    assertEquals(0, target.queryLong("SELECT count(*) FROM public.xy_sessions"));
    assertEquals(3, target.queryLong("SELECT count(*) FROM public.xy_user"));
    assertEquals(
        1, target.queryLong("SELECT count(*) FROM public.xy_user WHERE username = 'admin'"));
    assertEquals(
        0,
        target.queryLong("SELECT count(*) FROM public.xy_user WHERE email LIKE '%site.example'"));
    assertEquals(
        2, target.queryLong("SELECT count(*) FROM public.xy_user WHERE username LIKE 'user\\_%'"));
    assertEquals(3, target.queryLong("SELECT count(DISTINCT email) FROM public.xy_user"));
    // Exactly the pseudonym the rules define, on whatever JDK the tool ran (.ci/run runs this
    // test on every JDK installed): a sandbox refreshed on another JDK gets the same pseudonyms.
    try (Connection c = target.connect();
        Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT email FROM public.xy_user WHERE id = 2")) {
      rs.next();
      assertEquals(
          "u" + pseudonym("email", "jane.doe@site.example") + "@example.invalid", rs.getString(1));
    }
  }
}
