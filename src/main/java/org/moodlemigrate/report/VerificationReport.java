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
 * @param tables every table compared, in the order compared, with its chunks: the record that each
 *     one was checked, not only the ones that differ, so that a report read later proves what it
 *     covered
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
   * @param target the target table; null when the target has none
   * @param status {@code ok}, {@code accounted}, {@code mismatch} or {@code error}
   * @param sourceRows rows in the source
   * @param targetRows rows in the target
   * @param chunksChecked chunks compared (0 at the {@code counts} level)
   * @param chunksDiffering chunks with a difference nothing accounts for
   * @param differencesAccounted rows differing where the run said they would
   * @param message what differs, for people; empty when the table agrees
   * @param firstDifferences the first differing keys, each with its reason ({@code id=42: column
   *     name differs}); never a value
   * @param chunks each chunk's result, by chunk number; empty at the {@code counts} level
   */
  public record TableLine(
      String table,
      String target,
      String status,
      long sourceRows,
      long targetRows,
      int chunksChecked,
      int chunksDiffering,
      long differencesAccounted,
      String message,
      List<String> firstDifferences,
      List<ChunkLine> chunks) {

    /** Whether this table has a difference nothing accounts for, or could not be compared. */
    public boolean differs() {
      return !"ok".equals(status) && !"accounted".equals(status);
    }
  }

  /**
   * One chunk of a table as {@code verify --verify checksums} compared it.
   *
   * @param number the chunk's number in its table (0-based, as the run numbered it)
   * @param range its key range as logs name it, {@code mdl_log[3/12 id 200000..300000)}; the
   *     table's name for a table compared whole
   * @param sourceRows rows read from the source
   * @param targetRows rows read from the target
   * @param sourceChecksum the source rows' 128-bit digest of their canonical values, 32 hex digits;
   *     null when it could not be computed
   * @param targetChecksum the target rows' digest, likewise; equal to the source's when the chunk
   *     agrees exactly
   * @param refused rows missing from the target that the run says it rejected
   * @param changed rows whose differing values the run says it changed
   * @param unaccounted rows that differ with nothing to account for them
   * @param error why the chunk could not be compared; null when it was
   */
  public record ChunkLine(
      int number,
      String range,
      long sourceRows,
      long targetRows,
      String sourceChecksum,
      String targetChecksum,
      long refused,
      long changed,
      long unaccounted,
      String error) {}
}
