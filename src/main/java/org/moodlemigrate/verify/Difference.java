package org.moodlemigrate.verify;

/**
 * One row that differs between the sides and that the run's anomalies do not account for. Names the
 * row and what differs, never the values: a cell may hold a password hash or personal data, and
 * reports travel.
 *
 * @param key the row's key as the journal spells it, {@code id=42}
 * @param reason {@code missing from the target}, {@code extra row in the target}, {@code column x
 *     differs}
 */
public record Difference(String key, String reason) {
  public static final String MISSING = "missing from the target";
  public static final String EXTRA = "extra row in the target";

  @Override
  public String toString() {
    return key + ": " + reason;
  }
}
