package org.moodlemigrate.report;

/**
 * One table in the run report.
 *
 * @param name the source table
 * @param target the target table, {@code schema.table}; null when skipped
 * @param mode {@code load} or {@code skip}
 * @param status {@code copied}, {@code failed}, {@code not-started} (the run stopped before it came
 *     to it), {@code skipped}, or {@code pending} in a refused run
 * @param reason why it was skipped; null otherwise
 * @param rowsRead rows read from the source
 * @param rowsWritten rows written to the target
 * @param chunks how many chunks it was copied in
 * @param chunksDone how many of them finished
 * @param seconds from the start of its first chunk to the end of its last
 * @param error why it failed; null otherwise
 * @param rowsRejected rows not carried (listed in the rejects file)
 * @param valuesChanged values carried changed under the value policy (NUL removed, zero date
 *     written as NULL; listed in the rejects file)
 * @param rejectsFile the file listing them, null when there are none
 * @param rowsDigested rows hashed alike as read and as stored before their chunk committed
 * @param sourceBytes the table's data size as the source's catalog states it ({@code DATA_LENGTH};
 *     an estimate for InnoDB); 0 for a skipped table
 * @param valuesAnonymised values the anonymisation rules replaced as the table was copied
 */
public record TableReport(
    String name,
    String target,
    String mode,
    String status,
    String reason,
    long rowsRead,
    long rowsWritten,
    int chunks,
    int chunksDone,
    double seconds,
    String error,
    long rowsRejected,
    long valuesChanged,
    String rejectsFile,
    long rowsDigested,
    long sourceBytes,
    long valuesAnonymised) {

  /** A table without row issues. */
  public TableReport(
      String name,
      String target,
      String mode,
      String status,
      String reason,
      long rowsRead,
      long rowsWritten,
      int chunks,
      int chunksDone,
      double seconds,
      String error) {
    this(
        name,
        target,
        mode,
        status,
        reason,
        rowsRead,
        rowsWritten,
        chunks,
        chunksDone,
        seconds,
        error,
        0,
        0,
        null,
        0,
        0,
        0);
  }
}
