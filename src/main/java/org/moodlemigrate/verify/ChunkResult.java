package org.moodlemigrate.verify;

import java.util.List;

/**
 * What verifying one chunk found.
 *
 * @param number the chunk's number in its table (0-based, as the run numbered it)
 * @param range the chunk as {@link org.moodlemigrate.plan.Chunk#describe()} shows it
 * @param sourceRows rows read from the source
 * @param targetRows rows read from the target
 * @param sourceChecksum the source rows' {@link ContentDigest}, 32 hex digits; null when not
 *     computed (an error, or the {@code counts} level)
 * @param targetChecksum the target rows' digest, likewise
 * @param refused rows missing from the target that the run says it refused
 * @param changed rows whose differing values the run says it changed
 * @param unaccounted rows that differ with nothing to account for them (for a table without an
 *     integer key, whose rows cannot be told apart: 1 when the table differs at all)
 * @param firstDifferences the first few unaccounted differences, in key order
 * @param error why the chunk could not be verified; null when it was
 */
public record ChunkResult(
    int number,
    String range,
    long sourceRows,
    long targetRows,
    String sourceChecksum,
    String targetChecksum,
    long refused,
    long changed,
    long unaccounted,
    List<Difference> firstDifferences,
    String error) {

  public ChunkResult {
    firstDifferences = List.copyOf(firstDifferences);
  }

  static ChunkResult failed(int number, String range, String error) {
    return new ChunkResult(number, range, 0, 0, null, null, 0, 0, 0, List.of(), error);
  }

  /** Rows that differ where the run's anomalies say they would. */
  public long accounted() {
    return refused + changed;
  }

  /** Whether the chunk has a difference nothing accounts for. */
  public boolean differs() {
    return unaccounted > 0;
  }
}
