package org.moodlemigrate.verify;

import java.sql.SQLException;

/**
 * One side's rows of a chunk, in key order, one at a time: the merge in {@link KeyedMerge} never
 * holds more than the current row of each side.
 */
interface KeyedRows {
  /** Moves to the next row; false after the last. */
  boolean next() throws SQLException;

  /** The current row's key. */
  long key();

  /** The current row's canonical cells (null for SQL NULL), in column order. */
  byte[][] cells();
}
