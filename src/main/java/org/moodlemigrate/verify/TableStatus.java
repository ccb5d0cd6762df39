package org.moodlemigrate.verify;

/** The verdict on one table. */
public enum TableStatus {
  /** Both sides hold the same rows and values. */
  OK("ok"),
  /** They differ only where the run's anomaly report says it refused a row or changed a value. */
  ACCOUNTED("accounted"),
  /** They differ in a way nothing accounts for. */
  MISMATCH("mismatch"),
  /** The table could not be verified (a query failed); the message says why. */
  ERROR("error");

  private final String label;

  TableStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Whether a table in this state lets verification pass. */
  public boolean passes() {
    return this == OK || this == ACCOUNTED;
  }
}
