package org.moodlemigrate.plan;

import java.util.Locale;

/** {@code --schema-mode}: what happens to selected source tables the target does not have. */
public enum SchemaMode {
  /** Load the tables that exist; create the ones that do not (the dynamic-table pass). */
  AUTO,
  /**
   * Load only: a selected table missing from the target stops the run before anything is written.
   */
  DATA_ONLY,
  /**
   * Create every table in an empty target; a table that already exists stops the run, unless {@code
   * --drop-existing} replaces it.
   */
  CREATE;

  /** Parses {@code auto}, {@code data-only} or {@code create}. */
  public static SchemaMode parse(String text) {
    for (SchemaMode m : values()) {
      if (m.option().equals(text.toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "--schema-mode must be auto, data-only or create; got '" + text + "'");
  }

  public String option() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
