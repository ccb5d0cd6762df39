package org.moodlemigrate.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.moodlemigrate.sandbox.SandboxDatabases.PREFIX;
import static org.moodlemigrate.sandbox.SandboxDatabases.SCHEMA;
import static org.moodlemigrate.sandbox.SandboxDatabases.config;
import static org.moodlemigrate.sandbox.SandboxDatabases.execute;
import static org.moodlemigrate.sandbox.SandboxDatabases.number;
import static org.moodlemigrate.sandbox.SandboxDatabases.rows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.testing.RequiresFixtures;
import org.moodlemigrate.testing.TestDatabase;

/** The post-refresh actions on a real Moodle 4.5 site's database, and on a few of its tables. */
@RequiresFixtures
class RefreshActionsIT {

  private static final byte[] SECRET = "sandbox secret".getBytes(StandardCharsets.UTF_8);
  private static final String SOURCE_ID = "ZduvEplOk4z1SLDT31X43cQdMvel4UVelocalhost";

  /** Later than every revision in the fixture (1795296910 at most) by more than an hour. */
  private static final long NOW = 1_800_000_000L;

  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void everyActionDoesWhatItSaysOnAMoodleSite() throws Exception {
    try (TestDatabase db = SandboxDatabases.moodleSite("sandbox_actions");
        Connection c = db.connect()) {
      addSessionsAndPasswordHistory(c);
      assertEquals(SOURCE_ID, config(c, "siteidentifier"));
      long tasks = number(c, "SELECT count(*) FROM mdl_task_scheduled");
      List<String> otherTasksBefore = otherTasks(c);
      long courses = number(c, "SELECT count(*) FROM mdl_course");
      String searchPath = SandboxDatabases.text(c, "SHOW search_path");
      Path hook =
          write(
              "hook.sql",
              "UPDATE mdl_config SET value = 'Sandbox' WHERE name = 'sitename_x';"
                  + " INSERT INTO mdl_config (name, value) VALUES ('sandbox_marker', 'yes');"
                  + " UPDATE mdl_course SET shortname = shortname || '-sb' WHERE id > 1;");

      List<ActionResult> results =
          RefreshActions.defaults(List.of("user_password_*", "no_such_table"), null, List.of(hook))
              .apply(c, SCHEMA, PREFIX, SOURCE_ID, SECRET, CLOCK);

      assertEquals(
          List.of(
              RefreshActions.EMPTY_SESSIONS,
              RefreshActions.EMPTY_TABLES,
              RefreshActions.SITE_IDENTIFIER,
              RefreshActions.STOP_MAIL,
              RefreshActions.MESSAGE_PROCESSORS,
              RefreshActions.SCHEDULED_TASKS,
              RefreshActions.PURGE_CACHES,
              RefreshActions.HOOK),
          results.stream().map(ActionResult::action).toList());
      assertTrue(c.getAutoCommit(), "auto-commit restored");

      // Sessions and the rows-none tables.
      assertEquals(0, number(c, "SELECT count(*) FROM mdl_sessions"));
      assertEquals("deleted 3 sessions from mdl_sessions", results.get(0).detail());
      assertEquals(0, number(c, "SELECT count(*) FROM mdl_user_password_history"));
      assertEquals(0, number(c, "SELECT count(*) FROM mdl_user_password_resets"));
      assertEquals(
          "emptied 2 tables, 3 rows (mdl_user_password_history 2, mdl_user_password_resets 1);"
              + " no table matches no_such_table",
          results.get(1).detail());

      // The site identifier: derived, not the source's, one row still.
      String siteId = config(c, "siteidentifier");
      assertEquals(SiteIdentifiers.derive(SECRET, SOURCE_ID), siteId);
      assertNotEquals(SOURCE_ID, siteId);
      assertEquals(1, number(c, "SELECT count(*) FROM mdl_config WHERE name = 'siteidentifier'"));
      assertFalse(results.get(2).detail().contains(siteId), results.get(2).detail());
      assertFalse(results.get(2).detail().contains(SOURCE_ID), results.get(2).detail());

      // Mail: the fixture has no noemailever row; it is added.
      assertEquals("1", config(c, "noemailever"));
      assertEquals("", config(c, "divertallemailsto"));

      // Message processors: all but popup off.
      assertEquals(
          List.of("airnotifier\t0", "email\t0", "popup\t1"),
          rows(c, "SELECT name, enabled FROM mdl_message_processors ORDER BY name"));
      assertEquals(
          "disabled airnotifier, email; popup (web notifications) kept", results.get(4).detail());

      // Scheduled tasks: every default external task is on a 4.5 site, disabled and customised.
      for (String task : RefreshActions.EXTERNAL_TASKS) {
        assertEquals(
            List.of("1\t1"),
            rows(
                c, "SELECT disabled, customised FROM mdl_task_scheduled WHERE classname = ?", task),
            task);
      }
      assertEquals(otherTasksBefore, otherTasks(c), "other tasks untouched");
      assertEquals(tasks, number(c, "SELECT count(*) FROM mdl_task_scheduled"));
      int external = RefreshActions.EXTERNAL_TASKS.size();
      assertTrue(
          results.get(5).detail().startsWith("disabled " + external + " of " + external + " "),
          results.get(5).detail());
      assertFalse(results.get(5).detail().contains("not on this site"), results.get(5).detail());

      // Caches: Moodle's revisions, the local cache purge flag, every course's cacherev.
      for (String revision : RefreshActions.REVISIONS) {
        assertEquals(Long.toString(NOW), config(c, revision), revision);
      }
      assertEquals(Long.toString(NOW), config(c, "localcachedirpurged"));
      assertEquals(courses, number(c, "SELECT count(*) FROM mdl_course WHERE cacherev = ?", NOW));
      assertTrue(
          results.get(6).detail().contains("course cacherev bumped on " + courses + " courses"),
          results.get(6).detail());
      assertTrue(results.get(6).detail().contains("admin/cli/purge_caches.php"));
      assertEquals(
          "1ddae8e58d53ad5d60334130cb553b4e70f8d392",
          config(c, "allversionshash"),
          "no forced upgrade");

      // The hook ran last, on the unqualified table names.
      assertEquals("yes", config(c, "sandbox_marker"));
      assertEquals(
          courses - 1, number(c, "SELECT count(*) FROM mdl_course WHERE shortname LIKE '%-sb'"));
      assertEquals(hook + ": 3 statements, " + courses + " rows changed", results.get(7).detail());
      assertEquals(searchPath, SandboxDatabases.text(c, "SHOW search_path"));
    }
  }

  @Test
  void aFailingHookLeavesEverythingAsTheCopyLeftItAndNamesTheFile() throws Exception {
    try (TestDatabase db = SandboxDatabases.moodleSite("sandbox_rollback");
        Connection c = db.connect()) {
      addSessionsAndPasswordHistory(c);
      List<String> before = snapshot(c);
      Path good = write("10-good.sql", "INSERT INTO mdl_config (name, value) VALUES ('x', 'y');");
      Path bad =
          write(
              "20-bad.sql",
              "UPDATE mdl_config SET value = 'z';\nSELECT no_such_column" + " FROM mdl_config;");

      RefreshActionException e =
          assertThrows(
              RefreshActionException.class,
              () ->
                  RefreshActions.defaults(List.of("user_password_*"), null, List.of(good, bad))
                      .apply(c, SCHEMA, PREFIX, SOURCE_ID, SECRET, CLOCK));

      assertEquals(RefreshActions.HOOK, e.action());
      assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("no_such_column"), e.getMessage());
      assertTrue(e.getMessage().contains("no action was applied"), e.getMessage());
      assertEquals("42703", e.getSQLState());
      assertEquals(before, snapshot(c), "nothing changed");
      assertTrue(c.getAutoCommit());
    }
  }

  @Test
  void divertedMailGoesToOneAddressWithNoExceptions() throws Exception {
    try (TestDatabase db = SandboxDatabases.empty("sandbox_divert");
        Connection c = db.connect()) {
      SandboxDatabases.createMinimalMoodleTables(c);
      execute(c, "INSERT INTO mdl_config (name, value) VALUES ('divertallemailsexcept', '.*@x')");
      execute(c, "INSERT INTO mdl_config (name, value) VALUES ('noemailever', '1')");

      List<ActionResult> results =
          RefreshActions.none()
              .withStopMail(true, "dev@example.org")
              .apply(c, SCHEMA, PREFIX, null, null, CLOCK);

      assertEquals("dev@example.org", config(c, "divertallemailsto"));
      assertEquals("", config(c, "divertallemailsexcept"));
      assertEquals("0", config(c, "noemailever"));
      assertEquals(1, results.size());
      assertTrue(results.get(0).detail().contains("dev@example.org"), results.get(0).detail());
    }
  }

  @Test
  void revisionsAheadByLessThanAnHourGoUpByOne() throws Exception {
    try (TestDatabase db = SandboxDatabases.empty("sandbox_revisions");
        Connection c = db.connect()) {
      SandboxDatabases.createMinimalMoodleTables(c);
      execute(c, "INSERT INTO mdl_config (name, value) VALUES ('themerev', ?)", "" + (NOW + 10));
      execute(c, "INSERT INTO mdl_config (name, value) VALUES ('jsrev', ?)", "" + (NOW - 10));

      List<ActionResult> results =
          RefreshActions.none().withPurgeCaches(true).apply(c, SCHEMA, PREFIX, null, null, CLOCK);

      assertEquals(Long.toString(NOW + 11), config(c, "themerev"));
      assertEquals(Long.toString(NOW), config(c, "jsrev"));
      assertEquals(Long.toString(NOW), config(c, "templaterev"), "inserted when absent");
      assertEquals(Long.toString(NOW), config(c, "langrev"));
      assertTrue(results.get(0).detail().contains("no mdl_course.cacherev to bump"));
    }
  }

  @Test
  void tasksMatchWithAndWithoutTheLeadingBackslashAndAbsentOnesAreReported() throws Exception {
    try (TestDatabase db = SandboxDatabases.empty("sandbox_tasks");
        Connection c = db.connect()) {
      SandboxDatabases.createMinimalMoodleTables(c);
      for (String task : List.of("\\core\\task\\a_task", "core\\task\\b_task", "\\x\\task\\c")) {
        execute(c, "INSERT INTO mdl_task_scheduled (component, classname) VALUES ('x', ?)", task);
      }
      execute(c, "UPDATE mdl_task_scheduled SET disabled = 1, customised = 1 WHERE id = 1");

      List<ActionResult> results =
          RefreshActions.none()
              .withTasksToDisable(
                  List.of("core\\task\\a_task", "\\core\\task\\b_task", "\\gone\\task\\d"))
              .apply(c, SCHEMA, PREFIX, null, null, CLOCK);

      assertEquals(
          List.of("\\core\\task\\a_task\t1\t1", "core\\task\\b_task\t1\t1", "\\x\\task\\c\t0\t0"),
          rows(c, "SELECT classname, disabled, customised FROM mdl_task_scheduled ORDER BY id"));
      assertEquals(
          "disabled 2 of 3 named tasks (1 already were); not on this site: \\gone\\task\\d",
          results.get(0).detail());
    }
  }

  @Test
  void insideTheCallersTransactionItCommitsNothingAndAFailureUndoesOnlyItself() throws Exception {
    try (TestDatabase db = SandboxDatabases.empty("sandbox_caller_tx");
        Connection c = db.connect()) {
      SandboxDatabases.createMinimalMoodleTables(c);
      execute(
          c,
          "INSERT INTO mdl_sessions (sid, userid, timecreated, timemodified) VALUES"
              + " ('a', 2, 1, 1)");
      c.setAutoCommit(false);
      execute(c, "INSERT INTO mdl_config (name, value) VALUES ('callers', 'own')");
      Path bad = write("bad.sql", "SELECT 1/0;");

      assertThrows(
          RefreshActionException.class,
          () ->
              RefreshActions.none()
                  .withEmptySessions(true)
                  .withHookSqlFiles(List.of(bad))
                  .apply(c, SCHEMA, PREFIX, null, null, CLOCK));
      assertFalse(c.getAutoCommit(), "still the caller's transaction");
      assertEquals("own", config(c, "callers"), "the caller's work survives");
      assertEquals(1, number(c, "SELECT count(*) FROM mdl_sessions"));

      RefreshActions.none().withEmptySessions(true).apply(c, SCHEMA, PREFIX, null, null, CLOCK);
      assertEquals(0, number(c, "SELECT count(*) FROM mdl_sessions"));
      c.rollback();
      assertEquals(1, number(c, "SELECT count(*) FROM mdl_sessions"), "the caller decides");
      c.setAutoCommit(true);
    }
  }

  @Test
  void aHookThatCommitsOrCannotBeReadIsRefused() throws Exception {
    try (TestDatabase db = SandboxDatabases.empty("sandbox_hook_commit");
        Connection c = db.connect()) {
      SandboxDatabases.createMinimalMoodleTables(c);
      Path missing = dir.resolve("missing.sql");
      RefreshActionException unread =
          assertThrows(
              RefreshActionException.class,
              () ->
                  RefreshActions.none()
                      .withEmptySessions(true)
                      .withHookSqlFiles(List.of(missing))
                      .apply(c, SCHEMA, PREFIX, null, null, CLOCK));
      assertTrue(unread.getMessage().contains(missing.toString()), unread.getMessage());

      Path commits =
          write(
              "commits.sql",
              "INSERT INTO mdl_config (name, value) VALUES ('a', 'b');" + " COMMIT;");
      RefreshActionException e =
          assertThrows(
              RefreshActionException.class,
              () ->
                  RefreshActions.none()
                      .withHookSqlFiles(List.of(commits))
                      .apply(c, SCHEMA, PREFIX, null, null, CLOCK));
      assertTrue(e.getMessage().contains(commits.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("COMMIT or ROLLBACK"), e.getMessage());
    }
  }

  @Test
  void aNewSiteIdentifierNeedsTheSecretAndTheSource() throws Exception {
    try (TestDatabase db = SandboxDatabases.empty("sandbox_siteid_args");
        Connection c = db.connect()) {
      SandboxDatabases.createMinimalMoodleTables(c);
      RefreshActions actions = RefreshActions.none().withNewSiteIdentifier(true);
      assertThrows(
          IllegalArgumentException.class,
          () -> actions.apply(c, SCHEMA, PREFIX, SOURCE_ID, null, CLOCK));
      assertThrows(
          IllegalArgumentException.class,
          () -> actions.apply(c, SCHEMA, PREFIX, null, SECRET, CLOCK));
      List<ActionResult> results = actions.apply(c, SCHEMA, PREFIX, SOURCE_ID, SECRET, CLOCK);
      assertEquals(SiteIdentifiers.derive(SECRET, SOURCE_ID), config(c, "siteidentifier"));
      assertTrue(results.get(0).detail().startsWith("siteidentifier added"));
    }
  }

  private Path write(String name, String sql) throws Exception {
    return Files.writeString(dir.resolve(name), sql, StandardCharsets.UTF_8);
  }

  private static void addSessionsAndPasswordHistory(Connection c) throws Exception {
    for (int i = 1; i <= 3; i++) {
      execute(
          c,
          "INSERT INTO mdl_sessions (state, sid, userid, sessdata, timecreated, timemodified)"
              + " VALUES (0, ?, 2, 'data', 1, 1)",
          "sid" + i);
    }
    execute(
        c,
        "INSERT INTO mdl_user_password_history (userid, hash, timecreated) VALUES (2, 'h1', 1),"
            + " (2, 'h2', 2)");
    execute(
        c,
        "INSERT INTO mdl_user_password_resets (userid, timerequested, timererequested, token)"
            + " VALUES (2, 1, 0, 'tok')");
  }

  private static List<String> otherTasks(Connection c) throws Exception {
    return rows(
        c,
        "SELECT classname, disabled, customised FROM mdl_task_scheduled"
            + " WHERE NOT (classname = ANY (?::text[])) ORDER BY classname",
        "{"
            + RefreshActions.EXTERNAL_TASKS.stream()
                .map(t -> '"' + t.replace("\\", "\\\\") + '"')
                .collect(Collectors.joining(","))
            + "}");
  }

  /** Everything the actions could change. */
  private static List<String> snapshot(Connection c) throws Exception {
    List<String> all = new ArrayList<>();
    for (String table :
        List.of(
            "mdl_config",
            "mdl_sessions",
            "mdl_user_password_history",
            "mdl_user_password_resets",
            "mdl_message_processors",
            "mdl_task_scheduled",
            "mdl_course")) {
      all.add(table);
      all.addAll(rows(c, "SELECT * FROM " + table + " ORDER BY id"));
    }
    return all;
  }
}
