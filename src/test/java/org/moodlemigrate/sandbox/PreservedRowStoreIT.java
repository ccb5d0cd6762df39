package org.moodlemigrate.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.moodlemigrate.sandbox.SandboxDatabases.execute;
import static org.moodlemigrate.sandbox.SandboxDatabases.number;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.moodlemigrate.journal.Journal;
import org.moodlemigrate.testing.TestDatabase;

/**
 * The preserved rows in the journal's {@code preserved_row} table, made by its Flyway migration.
 */
class PreservedRowStoreIT {

  private static final String JOURNAL = "moodle_migrate";

  @Test
  void savedRowsLoadBackExactlyInTheirOrderPerRun() throws Exception {
    try (TestDatabase db = SandboxDatabases.empty("preserve_store")) {
      DataSource ds = SandboxDatabases.dataSource(db);
      Journal journal = new Journal(ds, JOURNAL);
      journal.migrate();
      long first = journal.startRun("test", "mysql://source", "public", "{}");
      long second = journal.startRun("test", "mysql://source", "public", "{}");
      PreservedRowStore store = new PreservedRowStore(ds, JOURNAL);
      Map<String, String> odd = new LinkedHashMap<>();
      odd.put("id", "12");
      odd.put("name", "smtppass");
      odd.put("value", "p\"a's\\s\nw\u00f6rd \u2603 {json} ,;");
      odd.put("nothing", null);
      odd.put("empty", "");
      List<PreservedRow> rows =
          List.of(
              new PreservedRow("config", "name", "smtppass", odd),
              new PreservedRow(
                  "task_scheduled",
                  "classname",
                  "\\core\\task\\check_for_updates_task",
                  Map.of("classname", "\\core\\task\\check_for_updates_task", "disabled", "1")),
              new PreservedRow("config", "name", "a", Map.of("name", "a", "value", "1")));

      store.save(first, rows);
      store.save(second, rows.subList(2, 3));

      assertEquals(rows, store.load(first));
      assertEquals(rows.subList(2, 3), store.load(second));
      assertEquals(null, store.load(first).get(0).values().get("nothing"));
      assertEquals(true, store.load(first).get(0).values().containsKey("nothing"));
      assertEquals(List.of(), store.load(second + 1));

      store.save(first, rows.subList(1, 2));
      assertEquals(rows.subList(1, 2), store.load(first), "a second save replaces the first");

      try (Connection c = db.connect()) {
        execute(c, "DELETE FROM moodle_migrate.run WHERE run_id = ?", first);
        assertEquals(
            0,
            number(c, "SELECT count(*) FROM moodle_migrate.preserved_row WHERE run_id = ?", first),
            "deleted with the run");
      }
      assertEquals(rows.subList(2, 3), store.load(second));
    }
  }
}
