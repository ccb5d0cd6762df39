package org.moodlemigrate.report;

import java.util.List;

/**
 * What a verification found, in a run's report or on its own ({@code verify --report}).
 *
 * @param level {@code counts} or {@code checksums}
 * @param passed whether every table agreed, or differed only where the run said it would
 * @param runId the run whose anomalies were accounted for; null when none was
 * @param tablesChecked tables compared
 * @param tablesAccounted tables that differ only where the run said (rows rejected, values changed)
 * @param tablesDiffering tables with a difference nothing accounts for, or that could not be read
 * @param differencesAccounted rows differing as the run reported
 * @param seconds wall time
 * @param tables the tables that did not simply agree, each with its first differing keys
 */
public record VerificationReport(
    String level,
    boolean passed,
    Long runId,
    int tablesChecked,
    int tablesAccounted,
    int tablesDiffering,
    long differencesAccounted,
    double seconds,
    List<TableLine> tables) {

  /**
   * @param table the source table
   * @param target the target table
   * @param status {@code accounted}, {@code mismatch} or {@code error}
   * @param sourceRows rows in the source
   * @param targetRows rows in the target
   * @param message what differs, for people
   * @param firstDifferences the first differing keys, each with its reason ({@code id=42: column
   *     name differs}); never a value
   */
  public record TableLine(
      String table,
      String target,
      String status,
      long sourceRows,
      long targetRows,
      String message,
      List<String> firstDifferences) {}
}
