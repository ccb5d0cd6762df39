package org.moodlemigrate.report;

import java.util.List;

/**
 * One result of the pre-flight checks.
 *
 * @param id a stable identifier, for scripts and for the documentation ({@code
 *     moodle-version-mismatch}, {@code value-too-long} ...)
 * @param severity how much it matters
 * @param message what was found, naming the objects involved
 * @param fix what the administrator can do about it; empty for information
 * @param objects the tables or columns concerned ({@code table} or {@code table.column})
 */
public record Finding(
    String id, Severity severity, String message, String fix, List<String> objects) {
  public Finding {
    fix = fix == null ? "" : fix;
    objects = objects == null ? List.of() : List.copyOf(objects);
  }

  public static Finding error(String id, String message, String fix, String... objects) {
    return new Finding(id, Severity.ERROR, message, fix, List.of(objects));
  }

  public static Finding warning(String id, String message, String fix, String... objects) {
    return new Finding(id, Severity.WARNING, message, fix, List.of(objects));
  }

  public static Finding info(String id, String message, String... objects) {
    return new Finding(id, Severity.INFO, message, "", List.of(objects));
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return severity.label() + " " + id + ": " + message + (fix.isEmpty() ? "" : " — " + fix);
  }
}
