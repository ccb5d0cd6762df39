package org.moodlemigrate.plan;

/** What a run does with a source table. */
public enum TableMode {
  /** The table exists in the target: truncate it, then load the data only. */
  LOAD,
  /** The table is missing from the target (or is to be replaced): create it, load it, index it. */
  CREATE,
  /** Not copied: a view, or not selected. */
  SKIP;

  /** The lower-case name used in reports. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
