package org.moodlemigrate.report;

import java.time.Instant;
import java.util.List;

/**
 * What {@code check --report FILE.json} holds.
 *
 * @param tool always {@code moodle-migrate}
 * @param version the tool's version
 * @param status {@code passed} (no error) or {@code failed}
 * @param checkedAt when the checks ran
 * @param source the source, without password
 * @param target the target, without password
 * @param targetSchema the schema checked
 * @param errors how many errors
 * @param warnings how many warnings
 * @param findings every finding, errors first
 */
public record CheckReport(
    String tool,
    String version,
    String status,
    Instant checkedAt,
    String source,
    String target,
    String targetSchema,
    long errors,
    long warnings,
    List<Finding> findings) {

  public static CheckReport of(
      String source, String target, String targetSchema, List<Finding> findings) {
    long errors = findings.stream().filter(Finding::isError).count();
    long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
    return new CheckReport(
        "moodle-migrate",
        ToolVersion.get(),
        errors == 0 ? "passed" : "failed",
        Instant.now(),
        source,
        target,
        targetSchema,
        errors,
        warnings,
        findings);
  }
}
