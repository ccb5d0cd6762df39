package org.moodlemigrate.plan;

import java.io.Serializable;

/**
 * A unit of copy: one table, or one primary-key range of it. The range is half-open, {@code lower
 * <= key < upper}; a null bound is open, so the first and last chunks of a table together cover
 * every key, including rows inserted after planning.
 *
 * @param table the source table
 * @param number 0-based chunk number within the table
 * @param count how many chunks the table has
 * @param keyColumn the integer primary-key column the range is on; null for a whole-table chunk
 * @param lower inclusive lower bound, null for none
 * @param upper exclusive upper bound, null for none
 * @param rowsEstimate the planner's estimate of the rows in the chunk
 */
public record Chunk(
    String table,
    int number,
    int count,
    String keyColumn,
    Long lower,
    Long upper,
    long rowsEstimate)
    implements Serializable {

  /** A chunk that is the whole table. */
  public static Chunk whole(String table, long rowsEstimate) {
    return new Chunk(table, 0, 1, null, null, null, rowsEstimate);
  }

  public boolean isWholeTable() {
    return keyColumn == null;
  }

  /** {@code mdl_log[3/12 id 200000..300000)}, for logs and messages. */
  public String describe() {
    if (isWholeTable()) {
      return table;
    }
    return table
        + "["
        + (number + 1)
        + "/"
        + count
        + " "
        + keyColumn
        + " "
        + (lower == null ? "-∞" : lower)
        + ".."
        + (upper == null ? "∞" : upper)
        + ")";
  }
}
