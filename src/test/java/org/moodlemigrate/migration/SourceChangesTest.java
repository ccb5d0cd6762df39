package org.moodlemigrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.moodlemigrate.journal.SourceState;

class SourceChangesTest {
  @Test
  void aTableThatDidNotChangeSaysNothing() {
    assertNull(SourceChanges.change(new SourceState(10, 10L), new SourceState(10, 10L), 10L));
    assertNull(SourceChanges.change(new SourceState(0, null), new SourceState(0, null), 0L));
    // not every chunk done: the rows read say nothing
    assertNull(SourceChanges.change(new SourceState(10, 10L), new SourceState(10, 10L), null));
  }

  @Test
  void namesWhatChanged() {
    assertEquals(
        "1,000 rows at the start, 1,003 at the end; highest key 1000 at the start, 1003 at the end",
        SourceChanges.change(new SourceState(1000, 1000L), new SourceState(1003, 1003L), 1001L));
    assertEquals(
        "highest key 7 at the start, 9 at the end",
        SourceChanges.change(new SourceState(5, 7L), new SourceState(5, 9L), 5L));
  }

  @Test
  void rowsChangedAndChangedBackAreCaughtByTheRowsRead() {
    // A row inserted after its chunk was read and another deleted before: the counts at the start
    // and the end agree, the copy does not.
    assertEquals(
        "5 rows read by the copy, 6 now",
        SourceChanges.change(new SourceState(6, 9L), new SourceState(6, 9L), 5L));
  }

  @Test
  void aResumedRunWithoutAStartStateComparesTheRowsRead() {
    assertEquals(
        "5 rows read by the copy, 6 now", SourceChanges.change(null, new SourceState(6, 9L), 5L));
  }
}
