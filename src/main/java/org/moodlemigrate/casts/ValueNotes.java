package org.moodlemigrate.casts;

/**
 * Where a converter reports a value it changed under the {@link ValuePolicy} (a NUL removed, a zero
 * date written as NULL). The copy loop attaches the row's key; the journal and the table's row
 * report keep it. A change is never silent.
 */
@FunctionalInterface
public interface ValueNotes {
  /**
   * @param column the source column
   * @param reason what was done, e.g. {@code removed 2 NUL character(s)}
   * @param excerpt a safe excerpt of the original value ({@link Excerpt})
   */
  void changed(String column, String reason, String excerpt);

  /** Notes that go nowhere, for callers that only sample. */
  ValueNotes NONE = (column, reason, excerpt) -> {};
}
