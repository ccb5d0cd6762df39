package org.moodlemigrate.verify;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How deeply {@code verify} proves a migration.
 *
 * <p>{@link #COUNTS} is cheap (one {@code COUNT(*)} per table and side) and catches lost or
 * duplicated rows; {@link #CHECKSUMS} reads every row on both sides and compares every cell through
 * its canonical form, which also catches a value that changed on the way. The checksum level counts
 * the rows as it goes, so it includes the count level.
 */
public enum VerifyLevel {
  /** Exact row counts per table on both sides. */
  COUNTS("counts"),
  /** Row counts plus per-chunk content checksums and a row-by-row comparison. */
  CHECKSUMS("checksums");

  private final String label;

  VerifyLevel(String label) {
    this.label = label;
  }

  /** The name used on the command line and in reports: {@code counts}, {@code checksums}. */
  public String label() {
    return label;
  }

  /**
   * Reads a level by its label, ignoring case.
   *
   * @throws IllegalArgumentException naming the allowed values when {@code text} is none of them
   */
  public static VerifyLevel parse(String text) {
    if (text != null) {
      String wanted = text.strip().toLowerCase(Locale.ROOT);
      for (VerifyLevel level : values()) {
        if (level.label.equals(wanted)) {
          return level;
        }
      }
    }
    throw new IllegalArgumentException(
        "verify level must be one of "
            + Arrays.stream(values()).map(VerifyLevel::label).collect(Collectors.joining(", "))
            + "; got '"
            + text
            + "'");
  }
}
