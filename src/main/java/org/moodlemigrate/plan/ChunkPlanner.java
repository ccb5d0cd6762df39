package org.moodlemigrate.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a table into primary-key ranges that hold at most {@code chunkRows} rows each, whatever
 * the table's statistics say.
 *
 * <p>InnoDB's {@code TABLE_ROWS} is an estimate, and can be 0 or far off (persistent statistics not
 * recalculated since a bulk load); a split sized from it once made a hundred-million-row log table
 * one chunk, in one transaction. So the split follows the keys themselves: with a single integer
 * key, a range of {@code chunkRows} consecutive key values cannot hold more than {@code chunkRows}
 * rows. {@link KeyBoundaries} finds where each range starts — at a key that exists, skipping gaps
 * in the ids with index look-ups — and this class turns those starts into chunks. The first chunk
 * is open below and the last open above, so together they cover every key, including rows inserted
 * after planning; a gap between two starts belongs to the chunk before it.
 *
 * <p>Only a single integer primary key can be split; any other table is one chunk.
 */
public final class ChunkPlanner {
  /** At most this many chunks per table; beyond, the last one takes the rest (with a warning). */
  public static final int MAX_CHUNKS = 100_000;

  private final long chunkRows;

  public ChunkPlanner(long chunkRows) {
    if (chunkRows < 1) {
      throw new IllegalArgumentException("--chunk-rows must be at least 1, got " + chunkRows);
    }
    this.chunkRows = chunkRows;
  }

  public long chunkRows() {
    return chunkRows;
  }

  /** Whether a table whose keys run from {@code min} to {@code max} is split at all. */
  public boolean splits(Long min, Long max) {
    return min != null && max != null && (double) max - (double) min + 1 > chunkRows;
  }

  /**
   * Chunks from the starts of their ranges.
   *
   * @param table the source table
   * @param keyColumn its single integer key column
   * @param rowsEstimate the server's estimate of the table's rows, for progress only
   * @param starts where each chunk's range starts, ascending; the first is the smallest key
   */
  public List<Chunk> split(String table, String keyColumn, long rowsEstimate, List<Long> starts) {
    if (starts.size() <= 1) {
      return List.of(Chunk.whole(table, rowsEstimate));
    }
    int count = starts.size();
    long perChunk = perChunkEstimate(rowsEstimate, count);
    List<Chunk> chunks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Long lower = i == 0 ? null : starts.get(i);
      Long upper = i == count - 1 ? null : starts.get(i + 1);
      chunks.add(new Chunk(table, i, count, keyColumn, lower, upper, perChunk));
    }
    return chunks;
  }

  /**
   * The chunks of a table whose keys from {@code min} to {@code max} are all there (no gaps): a
   * range every {@code chunkRows} key values. What {@link KeyBoundaries} finds for a dense table,
   * without asking the server; for tests and estimates.
   */
  public List<Chunk> splitDense(
      String table, String keyColumn, long rowsEstimate, Long min, Long max) {
    if (!splits(min, max)) {
      return List.of(Chunk.whole(table, rowsEstimate));
    }
    List<Long> starts = new ArrayList<>();
    for (long s = min; s <= max && starts.size() < MAX_CHUNKS; ) {
      starts.add(s);
      if (s > Long.MAX_VALUE - chunkRows) {
        break;
      }
      s += chunkRows;
    }
    return split(table, keyColumn, rowsEstimate, starts);
  }

  /**
   * A chunk's share of the estimate. When the statistics claim fewer rows than there are chunks
   * (each of which starts at a row that exists), they are stale: a chunk is then taken as half
   * full.
   */
  private long perChunkEstimate(long rowsEstimate, int count) {
    return rowsEstimate >= count ? rowsEstimate / count : Math.max(1, chunkRows / 2);
  }
}
