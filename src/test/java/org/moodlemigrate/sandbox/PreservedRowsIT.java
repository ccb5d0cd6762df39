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
import static org.moodlemigrate.sandbox.SandboxDatabases.text;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.moodlemigrate.sandbox.PreservedRows.Outcome;
import org.moodlemigrate.sandbox.PreservedRows.Restored;
import org.moodlemigrate.testing.RequiresFixtures;
import org.moodlemigrate.testing.TestDatabase;

/** Reading the sandbox's own rows before a refresh and writing them back after it. */
@RequiresFixtures
class PreservedRowsIT {

  private static final String SECRET_VALUE = "sandbox-api-key-0123456789";

  @Test
  void rowsReadFromTheSandboxComeBackOverProductionsCopy() throws Exception {
    try (TestDatabase db = SandboxDatabases.moodleSite("preserve_roundtrip");
        Connection c = db.connect()) {
      // The sandbox's own settings, before the refresh.
      execute(c, "UPDATE mdl_config SET value = 'smtp.sandbox.test:25' WHERE name = 'smtphosts'");
      execute(c, "INSERT INTO mdl_config (name, value) VALUES ('maps_apikey', ?)", SECRET_VALUE);
      execute(
          c,
          "UPDATE mdl_task_scheduled SET minute = '7', disabled = 1, customised = 1,"
              + " lastruntime = 1700000000, faildelay = NULL WHERE classname = ?",
          "\\core\\task\\check_for_updates_task");
      long keyId = number(c, "SELECT id FROM mdl_config WHERE name = 'maps_apikey'");
      String taskBefore = taskRow(c);

      List<PreservedRow> rows =
          PreservedRows.read(
              c,
              SCHEMA,
              PREFIX,
              PreserveSpec.parseAll(
                  List.of(
                      "config:name=smtphosts,*_APIKEY,no_such_setting",
                      "task_scheduled:classname=\\core\\task\\check_for_updates_task",
                      "config:name=smtp*",
                      "no_such_table:name=x")));

      assertEquals(
          List.of(
              "config name=maps_apikey",
              "config name=smtphosts",
              "task_scheduled classname=\\core\\task\\check_for_updates_task",
              "config name=smtpauthtype",
              "config name=smtpmaxbulk",
              "config name=smtppass",
              "config name=smtpsecure",
              "config name=smtpuser"),
          rows.stream().map(r -> r.table() + " " + r.keyColumn() + "=" + r.keyValue()).toList(),
          "spec order, keys sorted per spec, each row once");
      PreservedRow task = rows.get(2);
      assertEquals("7", task.values().get("minute"));
      assertEquals("1700000000", task.values().get("lastruntime"));
      assertTrue(task.values().containsKey("faildelay"));
      assertEquals(null, task.values().get("faildelay"));
      assertEquals(
          List.of(
              "id",
              "component",
              "classname",
              "lastruntime",
              "nextruntime",
              "minute",
              "hour",
              "day",
              "month",
              "dayofweek",
              "faildelay",
              "customised",
              "disabled",
              "timestarted",
              "hostname",
              "pid"),
          List.copyOf(task.values().keySet()),
          "every column in table order");

      // The refresh: production's rows replace the sandbox's.
      execute(c, "UPDATE mdl_config SET value = '' WHERE name = 'smtphosts'");
      execute(c, "DELETE FROM mdl_config WHERE name = 'maps_apikey'");
      execute(
          c,
          "UPDATE mdl_task_scheduled SET minute = '0', disabled = 0, customised = 0,"
              + " lastruntime = 5, faildelay = 60 WHERE classname = ?",
          "\\core\\task\\check_for_updates_task");
      long taskId =
          number(
              c,
              "SELECT id FROM mdl_task_scheduled WHERE minute = '0' AND"
                  + " classname = '\\core\\task\\check_for_updates_task'");

      List<Restored> restored = PreservedRows.restore(c, SCHEMA, PREFIX, rows);

      assertEquals(rows.size(), restored.size());
      assertEquals(
          new Restored("config", "name", "maps_apikey", Outcome.INSERTED), restored.get(0));
      assertEquals(new Restored("config", "name", "smtphosts", Outcome.UPDATED), restored.get(1));
      assertEquals(Outcome.UPDATED, restored.get(2).outcome());
      assertEquals("smtp.sandbox.test:25", config(c, "smtphosts"));
      assertEquals(SECRET_VALUE, config(c, "maps_apikey"));
      assertNotEquals(
          keyId,
          number(c, "SELECT id FROM mdl_config WHERE name = 'maps_apikey'"),
          "inserted with a new id from the sequence");
      assertEquals(taskBefore, taskRow(c), "every column back, the same id");
      assertEquals(
          taskId,
          number(
              c,
              "SELECT id FROM mdl_task_scheduled WHERE classname = ?",
              "\\core\\task\\check_for_updates_task"),
          "an updated row keeps the fresh copy's id");
      // Typed, not text: comparisons as numbers hold.
      assertEquals(
          1,
          number(
              c,
              "SELECT count(*) FROM mdl_task_scheduled WHERE disabled + customised = 2"
                  + " AND lastruntime > 1699999999 AND faildelay IS NULL AND classname = ?",
              "\\core\\task\\check_for_updates_task"));
      assertTrue(c.getAutoCommit());
    }
  }

  @Test
  void valuesOfEveryTypeCastBackToTheirColumns() throws Exception {
    try (TestDatabase db = SandboxDatabases.empty("preserve_types");
        Connection c = db.connect()) {
      execute(
          c,
          "CREATE TABLE mdl_types (id bigserial PRIMARY KEY, name varchar(20) NOT NULL UNIQUE,"
              + " flag boolean, amount numeric(10,2), data bytea, seen timestamptz, small smallint,"
              + " tags text[], doc jsonb, ratio double precision)");
      execute(
          c,
          "INSERT INTO mdl_types (name, flag, amount, data, seen, small, tags, doc, ratio) VALUES"
              + " ('a', true, 12.50, '\\x00ff10'::bytea, '2024-05-06 07:08:09.123+02', -3,"
              + " '{x,\"y z\"}', '{\"k\": [1, \"\\u00e9\"]}', 0.1),"
              + " ('b', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
      List<String> before = rows(c, "SELECT * FROM mdl_types ORDER BY name");
      List<PreservedRow> rows =
          PreservedRows.read(c, SCHEMA, PREFIX, List.of(PreserveSpec.parse("types:name=*")));
      execute(c, "DELETE FROM mdl_types WHERE name = 'a'");
      execute(c, "UPDATE mdl_types SET flag = false, amount = 1, small = 9 WHERE name = 'b'");

      List<Restored> restored = PreservedRows.restore(c, SCHEMA, PREFIX, rows);

      assertEquals(
          List.of(Outcome.INSERTED, Outcome.UPDATED),
          restored.stream().map(Restored::outcome).toList());
      List<String> after = rows(c, "SELECT * FROM mdl_types ORDER BY name");
      assertEquals(before.get(1), after.get(1));
      assertEquals(dropId(before.get(0)), dropId(after.get(0)), "all but the new id");
      assertEquals(
          "boolean numeric bytea timestamp with time zone smallint text[] jsonb",
          text(
              c,
              "SELECT pg_typeof(flag) || ' ' || pg_typeof(amount) || ' ' || pg_typeof(data) || ' '"
                  + " || pg_typeof(seen) || ' ' || pg_typeof(small) || ' ' || pg_typeof(tags)"
                  + " || ' ' || pg_typeof(doc) FROM mdl_types WHERE name = 'a'"));
      assertEquals("00ff10", text(c, "SELECT encode(data, 'hex') FROM mdl_types WHERE name = 'a'"));
    }
  }

  @Test
  void aKeyColumnThatIsNotUniqueOrNotThereIsRefusedNamingTheSpec() throws Exception {
    try (TestDatabase db = SandboxDatabases.moodleSite("preserve_bad_key");
        Connection c = db.connect()) {
      PreserveSpec plugins = PreserveSpec.parse("config_plugins:name=version");
      SQLException notUnique =
          assertThrows(
              SQLException.class, () -> PreservedRows.read(c, SCHEMA, PREFIX, List.of(plugins)));
      assertTrue(notUnique.getMessage().contains("'" + plugins + "'"), notUnique.getMessage());
      assertTrue(notUnique.getMessage().contains("more than one row"), notUnique.getMessage());

      PreserveSpec wrongColumn = PreserveSpec.parse("config:title=smtphosts");
      SQLException noColumn =
          assertThrows(
              SQLException.class,
              () -> PreservedRows.read(c, SCHEMA, PREFIX, List.of(wrongColumn)));
      assertTrue(noColumn.getMessage().contains("'" + wrongColumn + "'"), noColumn.getMessage());
      assertTrue(noColumn.getMessage().contains("has no column title"), noColumn.getMessage());
    }
  }

  @Test
  void aFailedRestoreChangesNothingAndNeverQuotesAValue() throws Exception {
    try (TestDatabase db = SandboxDatabases.empty("preserve_failure");
        Connection c = db.connect()) {
      SandboxDatabases.createMinimalMoodleTables(c);
      execute(c, "INSERT INTO mdl_config (name, value) VALUES ('smtphosts', 'prod')");
      // The refreshed table refuses long values, as a narrower column of an upgraded plugin might.
      execute(c, "ALTER TABLE mdl_config ADD CONSTRAINT short_value CHECK (length(value) < 20)");
      List<PreservedRow> rows =
          List.of(
              new PreservedRow(
                  "config",
                  "name",
                  "smtphosts",
                  Map.of("id", "1", "name", "smtphosts", "value", "sandbox")),
              new PreservedRow(
                  "config",
                  "name",
                  "maps_apikey",
                  Map.of("id", "9", "name", "maps_apikey", "value", SECRET_VALUE)));

      SQLException e =
          assertThrows(SQLException.class, () -> PreservedRows.restore(c, SCHEMA, PREFIX, rows));

      assertFalse(e.getMessage().contains(SECRET_VALUE), e.getMessage());
      assertEquals(null, e.getCause());
      assertTrue(e.getMessage().contains("mdl_config name = 'maps_apikey'"), e.getMessage());
      assertTrue(e.getMessage().contains("short_value"), e.getMessage());
      assertEquals("23514", e.getSQLState());
      assertEquals("prod", config(c, "smtphosts"), "the first row's update was rolled back");
      assertEquals(1, number(c, "SELECT count(*) FROM mdl_config"));

      // A value the column's type refuses: the message names the column, not the value.
      execute(c, "ALTER TABLE mdl_config DROP CONSTRAINT short_value");
      List<PreservedRow> badType =
          List.of(
              new PreservedRow(
                  "task_scheduled",
                  "classname",
                  "\\x\\task",
                  Map.of("classname", "\\x\\task", "lastruntime", SECRET_VALUE)));
      SQLException typed =
          assertThrows(SQLException.class, () -> PreservedRows.restore(c, SCHEMA, PREFIX, badType));
      assertFalse(typed.getMessage().contains(SECRET_VALUE), typed.getMessage());
      assertTrue(typed.getMessage().contains("22P02"), typed.getMessage());
    }
  }

  @Test
  void aTableTheRefreshedDatabaseLacksIsAnErrorAndColumnsItLacksAreLeftOut() throws Exception {
    try (TestDatabase db = SandboxDatabases.empty("preserve_schema_change");
        Connection c = db.connect()) {
      SandboxDatabases.createMinimalMoodleTables(c);
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  PreservedRows.restore(
                      c,
                      SCHEMA,
                      PREFIX,
                      List.of(new PreservedRow("gone", "name", "x", Map.of("name", "x")))));
      assertTrue(e.getMessage().contains("mdl_gone"), e.getMessage());

      List<Restored> restored =
          PreservedRows.restore(
              c,
              SCHEMA,
              PREFIX,
              List.of(
                  new PreservedRow(
                      "message_processors",
                      "name",
                      "jabber",
                      Map.of("id", "4", "name", "jabber", "enabled", "0", "dropped_col", "v"))));
      assertEquals(Outcome.INSERTED, restored.get(0).outcome());
      assertEquals(
          List.of("jabber\t0"), rows(c, "SELECT name, enabled FROM mdl_message_processors"));
    }
  }

  @Test
  void aFirstRefreshIntoAnEmptyDatabasePreservesNothing() throws Exception {
    try (TestDatabase db = SandboxDatabases.empty("preserve_empty");
        Connection c = db.connect()) {
      assertEquals(
          List.of(),
          PreservedRows.read(
              c, SCHEMA, PREFIX, List.of(PreserveSpec.parse("config:name=smtphosts"))));
    }
  }

  private static String taskRow(Connection c) throws SQLException {
    return String.join(
        " ",
        rows(
            c,
            "SELECT 'id=' || id, component, classname, lastruntime, nextruntime, minute, hour,"
                + " day, month, dayofweek, faildelay, customised, disabled, timestarted, hostname,"
                + " pid FROM mdl_task_scheduled WHERE classname = ?",
            "\\core\\task\\check_for_updates_task"));
  }

  private static String dropId(String row) {
    return row.substring(row.indexOf('\t') + 1);
  }
}
