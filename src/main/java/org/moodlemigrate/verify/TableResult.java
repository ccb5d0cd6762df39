package org.moodlemigrate.verify;

import java.util.List;

/**
 * What verifying one table found.
 *
 * @param sourceTable the source table
 * @param targetTable the target table, {@code schema.table}
 * @param status the verdict
 * @param sourceRows rows on the source
 * @param targetRows rows on the target
 * @param expectedTargetRows rows the target should hold: the source's, less those the run refused
 * @param chunksChecked chunks compared (0 at the {@code counts} level)
 * @param chunksDiffering chunks with an unaccounted difference
 * @param differencesAccounted rows differing where the run's anomalies say they would (at the
 *     {@code counts} level: rows the run refused)
 * @param differencesUnaccounted rows differing unaccounted for
 * @param firstDifferences the first few unaccounted differences, by chunk and key
 * @param message a one-line explanation for a table that is not simply ok; empty otherwise
 * @param chunks each chunk's result, by chunk number; empty at the {@code counts} level
 */
public record TableResult(
    String sourceTable,
    String targetTable,
    TableStatus status,
    long sourceRows,
    long targetRows,
    long expectedTargetRows,
    int chunksChecked,
    int chunksDiffering,
    long differencesAccounted,
    long differencesUnaccounted,
    List<Difference> firstDifferences,
    String message,
    List<ChunkResult> chunks) {

  public TableResult {
    firstDifferences = List.copyOf(firstDifferences);
    chunks = List.copyOf(chunks);
    message = message == null ? "" : message;
  }
}
