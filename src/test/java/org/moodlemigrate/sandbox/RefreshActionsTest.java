package org.moodlemigrate.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RefreshActionsTest {

  private static final long NOW = 1_800_000_000L;

  @Test
  void nextRevisionIsNowWhenTheCurrentOneIsPastOrFarAhead() {
    assertEquals(NOW, RefreshActions.nextRevision(Optional.of("1700000000"), NOW));
    assertEquals(NOW, RefreshActions.nextRevision(Optional.of(Long.toString(NOW + 3600)), NOW));
    assertEquals(NOW, RefreshActions.nextRevision(Optional.empty(), NOW));
    assertEquals(NOW, RefreshActions.nextRevision(Optional.of("not a number"), NOW));
  }

  @Test
  void nextRevisionIsOneMoreWhenTheCurrentOneIsAheadByLessThanAnHour() {
    assertEquals(NOW + 1, RefreshActions.nextRevision(Optional.of(Long.toString(NOW)), NOW));
    assertEquals(
        NOW + 3600, RefreshActions.nextRevision(Optional.of(Long.toString(NOW + 3599)), NOW));
  }

  @Test
  void nextRevisionAlwaysDiffersFromTheCurrentOne() {
    for (long current = NOW - 5; current <= NOW + 4000; current += 7) {
      assertNotEquals(
          current, RefreshActions.nextRevision(Optional.of(Long.toString(current)), NOW));
    }
  }

  @Test
  void externalTasksAreDistinctBackslashLeadingClassNamesThatTheRecordAccepts() {
    assertEquals(
        RefreshActions.EXTERNAL_TASKS.size(), new HashSet<>(RefreshActions.EXTERNAL_TASKS).size());
    for (String task : RefreshActions.EXTERNAL_TASKS) {
      assertTrue(task.matches("\\\\[a-z0-9_]+(\\\\[a-z0-9_]+)+"), task);
    }
    assertEquals(
        RefreshActions.EXTERNAL_TASKS,
        RefreshActions.defaults(List.of(), null, List.of()).tasksToDisable());
  }

  @Test
  void divertingMailNeedsStopMailAndOneAddress() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RefreshActions.none().withStopMail(false, "dev@example.org"));
    for (String bad : List.of("", "dev", "a@b,c@d", "dev @example.org", "<dev@example.org>")) {
      assertThrows(
          IllegalArgumentException.class, () -> RefreshActions.none().withStopMail(true, bad), bad);
    }
    assertEquals(
        "dev@example.org",
        RefreshActions.none().withStopMail(true, "dev@example.org").divertAllEmailsTo());
  }

  @Test
  void taskAndTableNamesAreChecked() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RefreshActions.none().withTasksToDisable(List.of("core task x")));
    assertThrows(
        IllegalArgumentException.class,
        () -> RefreshActions.none().withEmptyTables(List.of("mdl_user; drop")));
    RefreshActions ok =
        RefreshActions.none()
            .withTasksToDisable(List.of("core\\task\\a_task", "\\tool_x\\task\\b"))
            .withEmptyTables(List.of("report_builder_cache_*", "sessions"));
    assertEquals(2, ok.tasksToDisable().size());
  }

  @Test
  void noneAsksForNothingAndTheWithersChangeOneThingEach() {
    RefreshActions none = RefreshActions.none();
    assertFalse(none.emptySessions() || none.newSiteIdentifier() || none.stopMail());
    assertFalse(none.disableMessageProcessors() || none.purgeCaches());
    assertTrue(none.emptyTables().isEmpty() && none.hookSqlFiles().isEmpty());
    RefreshActions some =
        none.withPurgeCaches(true).withHookSqlFiles(List.of(Path.of("/tmp/a.sql")));
    assertTrue(some.purgeCaches());
    assertEquals(List.of(Path.of("/tmp/a.sql")), some.hookSqlFiles());
    assertFalse(some.emptySessions());
  }

  @Test
  void aPreservedRowNeverPrintsItsValues() {
    PreservedRow row =
        new PreservedRow(
            "config",
            "name",
            "smtppass",
            Map.of("id", "7", "name", "smtppass", "value", "hunter2"));
    assertFalse(row.toString().contains("hunter2"), row.toString());
    assertTrue(row.toString().contains("smtppass"), row.toString());
  }
}
