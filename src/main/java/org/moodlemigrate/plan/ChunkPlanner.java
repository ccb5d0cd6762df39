package org.moodlemigrate.plan;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a table into primary-key ranges of about {@code chunkRows} rows.
 *
 * <p>Ranges are of equal key width between the key's minimum and maximum, sized from the row
 * estimate. Moodle and Totara keys are auto-increment ids, dense apart from deleted rows, so equal
 * widths give chunks of similar size, and finding the boundaries costs two index look-ups ({@code
 * MIN}, {@code MAX}) instead of a scan of a table that may hold a hundred million rows. Only a
 * single integer primary key can be split; any other table is one chunk.
 */
public final class ChunkPlanner {
  private final long chunkRows;

  public ChunkPlanner(long chunkRows) {
    if (chunkRows < 1) {
      throw new IllegalArgumentException("--chunk-rows must be at least 1, got " + chunkRows);
    }
    this.chunkRows = chunkRows;
  }

  /** Whether a table with this many estimated rows is worth looking at key bounds for. */
  public boolean mightSplit(long rowsEstimate) {
    return rowsEstimate > chunkRows;
  }

  /**
   * @param table the source table
   * @param keyColumn its single integer key column
   * @param rowsEstimate estimated rows
   * @param min the smallest key, null when the table is empty
   * @param max the largest key, null when the table is empty
   */
  public List<Chunk> split(String table, String keyColumn, long rowsEstimate, Long min, Long max) {
    if (min == null || max == null || rowsEstimate <= chunkRows) {
      return List.of(Chunk.whole(table, rowsEstimate));
    }
    BigInteger span = BigInteger.valueOf(max).subtract(BigInteger.valueOf(min)).add(BigInteger.ONE);
    long wanted = (rowsEstimate + chunkRows - 1) / chunkRows;
    int count =
        (int)
            Math.min(
                Math.min(wanted, 100_000),
                span.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue());
    if (count <= 1) {
      return List.of(Chunk.whole(table, rowsEstimate));
    }
    BigInteger width = span.add(BigInteger.valueOf(count - 1)).divide(BigInteger.valueOf(count));
    long perChunk = rowsEstimate / count;
    List<Chunk> chunks = new ArrayList<>(count);
    Long lower = null;
    for (int i = 0; i < count; i++) {
      Long upper =
          i == count - 1
              ? null
              : BigInteger.valueOf(min)
                  .add(width.multiply(BigInteger.valueOf(i + 1)))
                  .longValueExact();
      chunks.add(new Chunk(table, i, count, keyColumn, lower, upper, perChunk));
      lower = upper;
    }
    return chunks;
  }
}
