package org.moodlemigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * What an operator sees, from a real run in a process of its own whose output is not a terminal (as
 * under cron or in a CI log): plain lines — one per table copied, never an escape code; {@code
 * --quiet}: warnings, errors and the summary only; {@code --log-format json}: every line a JSON
 * object; an empty target refused once, naming the installer; a server that cannot be reached gives
 * a summary without {@code null} or zeros; a resume of a finished run says there is nothing to
 * resume.
 */
class OperatorOutputIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TABLES =
      List.of("mdl_config", "mdl_config_plugins", "mdl_user", "mdl_course", "mdl_log");

  @Test
  void outputFitsWhereItRuns() throws Exception {
    try (TestDatabase source = TestServers.mysql().createDatabase("out_src");
        TestDatabase target = TestServers.postgresql().createDatabase("out_tgt")) {
      site(source, target);
      Map<String, String> env = CliRun.passwords(source, target);
      String[] run = {"run", "--source", source.uri(), "--target", target.uri()};

      CliRun plain = CliRun.process(env, run);
      assertEquals(0, plain.exitCode(), plain.transcript());
      assertNoEscapes(plain);
      for (String table : TABLES) {
        assertTrue(
            plain.err().lines().anyMatch(l -> l.contains(" INFO  copied " + table + ": ")),
            "a line for " + table + ":\n" + plain.transcript());
      }
      assertFalse(plain.out().contains("null"), plain.transcript());

      CliRun quiet = CliRun.process(env, with(run, "--quiet"));
      assertEquals(0, quiet.exitCode(), quiet.transcript());
      assertNoEscapes(quiet);
      assertTrue(quiet.out().contains(": succeeded"), quiet.transcript());
      assertFalse(quiet.err().contains(" INFO "), "no INFO line with --quiet:\n" + quiet.err());
      assertFalse(quiet.err().contains("copied mdl_"), quiet.transcript());

      CliRun json = CliRun.process(env, with(run, "--log-format", "json"));
      assertEquals(0, json.exitCode(), json.transcript());
      assertNoEscapes(json);
      List<JsonNode> logs = new ArrayList<>();
      for (String line : json.err().lines().toList()) {
        JsonNode node = JSON.readTree(line); // each line on its own is a JSON object
        assertTrue(node.isObject(), line);
        assertTrue(node.has("time") && node.has("level") && node.has("message"), line);
        logs.add(node);
      }
      for (String table : TABLES) {
        assertTrue(
            logs.stream()
                .anyMatch(
                    n ->
                        "table-copied".equals(n.path("event").asText())
                            && table.equals(n.path("table").asText())
                            && n.path("rows").isNumber()),
            "a table-copied event for " + table + ":\n" + json.err());
      }
      List<String> out = json.out().lines().toList();
      assertEquals(1, out.size(), json.transcript());
      JsonNode summary = JSON.readTree(out.get(0));
      assertEquals("succeeded", summary.get("status").asText());
      assertEquals(TABLES.size(), summary.get("totals").get("copied").asInt());

      CliRun none = CliRun.process(env, with(run, "--include", "mdl_nothing_matches"));
      assertEquals(0, none.exitCode(), none.transcript());
      assertTrue(
          none.out().contains("nothing copied: all 5 source tables were skipped"),
          none.transcript());

      CliRun again = CliRun.process(env, with(run, "--resume"));
      assertEquals(0, again.exitCode(), again.transcript());
      assertTrue(again.out().contains("nothing to resume: run "), again.transcript());
      assertFalse(again.out().contains("(of 0)"), again.transcript());
    }
  }

  @Test
  void anEmptyTargetIsRefusedOnceNamingTheInstaller() throws Exception {
    try (TestDatabase source = TestServers.mysql().createDatabase("inst_src");
        TestDatabase target = TestServers.postgresql().createDatabase("inst_tgt")) {
      site(source, null);
      Map<String, String> env = CliRun.passwords(source, target);
      String[] run = {"run", "--source", source.uri(), "--target", target.uri()};
      for (String command : List.of("run", "check")) {
        String[] args = run.clone();
        args[0] = command;
        CliRun refused = CliRun.process(env, args);
        assertEquals(3, refused.exitCode(), refused.transcript());
        // run prints its errors on stderr, check its findings on stdout: once either way.
        List<String> lines =
            (refused.out() + refused.err())
                .lines()
                .filter(l -> l.contains("target-schema-missing"))
                .toList();
        assertEquals(1, lines.size(), "printed once:\n" + refused.transcript());
        // The fix is on the same line (run) or the next (check's findings).
        String all = refused.out() + refused.err();
        assertTrue(all.contains("php admin/cli/install_database.php"), refused.transcript());
        assertTrue(all.contains("pass --schema-mode create"), refused.transcript());
      }
      assertEquals(
          0,
          target.queryLong(
              "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                  + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"),
          "nothing was written to the target");

      CliRun created = CliRun.process(env, with(run, "--schema-mode", "create"));
      assertEquals(0, created.exitCode(), created.transcript());
      assertEquals(40, target.queryLong("SELECT count(*) FROM public.mdl_log"));
    }
  }

  @Test
  void aServerThatCannotBeReachedGivesNoNullAndNoZeros() throws Exception {
    try (TestDatabase source = TestServers.mysql().createDatabase("unr_src")) {
      CliRun run =
          CliRun.process(
              Map.of("MM_SOURCE_PASSWORD", source.password(), "MM_TARGET_PASSWORD", "x"),
              "run",
              "--source",
              source.uri(),
              "--target",
              "postgresql://postgres@127.0.0.1:1/nowhere");
      assertEquals(4, run.exitCode(), run.transcript());
      assertFalse(run.out().contains("null"), run.transcript());
      assertFalse(run.out().contains("(of 0)"), run.transcript());
      assertTrue(run.err().contains("127.0.0.1:1"), run.transcript());
    }
  }

  private static void assertNoEscapes(CliRun run) {
    assertFalse(run.out().contains("\u001b"), "an escape code on stdout:\n" + run.transcript());
    assertFalse(run.err().contains("\u001b"), "an escape code on stderr:\n" + run.transcript());
    assertFalse(run.err().contains("\r"), "a carriage return on stderr:\n" + run.transcript());
  }

  private static String[] with(String[] args, String... more) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /** A small Moodle-shaped site; the target, when given, gets its empty installer-made tables. */
  private static void site(TestDatabase source, TestDatabase target) throws Exception {
    try (Connection my = source.connect();
        Statement st = my.createStatement()) {
      st.execute(
          "CREATE TABLE mdl_config (id BIGINT AUTO_INCREMENT PRIMARY KEY, name"
              + " VARCHAR(255) NOT NULL, value LONGTEXT NOT NULL)");
      st.execute("INSERT INTO mdl_config (name, value) VALUES ('siteidentifier', 'x')");
      st.execute(
          "CREATE TABLE mdl_config_plugins (id BIGINT AUTO_INCREMENT PRIMARY KEY, plugin"
              + " VARCHAR(100) NOT NULL, name VARCHAR(100) NOT NULL, value LONGTEXT NOT NULL)");
      st.execute(
          "INSERT INTO mdl_config_plugins (plugin, name, value) VALUES ('mod_forum',"
              + " 'maxbytes', '1')");
      st.execute(
          "CREATE TABLE mdl_user (id BIGINT AUTO_INCREMENT PRIMARY KEY, username"
              + " VARCHAR(100) NOT NULL)");
      st.execute("INSERT INTO mdl_user (username) SELECT CONCAT('u', seq) FROM seq_1_to_30");
      st.execute(
          "CREATE TABLE mdl_course (id BIGINT AUTO_INCREMENT PRIMARY KEY, fullname"
              + " VARCHAR(254) NOT NULL)");
      st.execute("INSERT INTO mdl_course (fullname) SELECT CONCAT('c', seq) FROM seq_1_to_5");
      st.execute(
          "CREATE TABLE mdl_log (id BIGINT AUTO_INCREMENT PRIMARY KEY, userid BIGINT NOT"
              + " NULL, info VARCHAR(255) NOT NULL)");
      st.execute("INSERT INTO mdl_log (userid, info) SELECT seq % 30, 'x' FROM seq_1_to_40");
    }
    if (target == null) {
      return;
    }
    try (Connection pg = target.connect();
        Statement st = pg.createStatement()) {
      st.execute(
          "CREATE TABLE mdl_config (id bigserial PRIMARY KEY, name varchar(255) NOT NULL,"
              + " value text NOT NULL)");
      st.execute(
          "CREATE TABLE mdl_config_plugins (id bigserial PRIMARY KEY, plugin varchar(100)"
              + " NOT NULL, name varchar(100) NOT NULL, value text NOT NULL)");
      st.execute(
          "CREATE TABLE mdl_user (id bigserial PRIMARY KEY, username varchar(100) NOT" + " NULL)");
      st.execute(
          "CREATE TABLE mdl_course (id bigserial PRIMARY KEY, fullname varchar(254) NOT"
              + " NULL)");
      st.execute(
          "CREATE TABLE mdl_log (id bigserial PRIMARY KEY, userid bigint NOT NULL, info"
              + " varchar(255) NOT NULL)");
    }
  }
}
