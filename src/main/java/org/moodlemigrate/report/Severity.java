package org.moodlemigrate.report;

import java.util.Locale;

/** How much a finding matters. */
public enum Severity {
  /** The run would lose data or fail: it does not start. */
  ERROR,
  /** Worth reading before the window; the run goes ahead. */
  WARNING,
  /** For the record (versions, sizes, what will be created). */
  INFO;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
