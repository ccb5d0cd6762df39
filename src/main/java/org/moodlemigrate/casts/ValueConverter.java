package org.moodlemigrate.casts;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Carries one column's value from a source row into a COPY row.
 *
 * <p>One instance per column, chosen once when a chunk starts (from the column's {@link
 * ColumnCast}), then called for every row: no type decisions happen per value. An implementation
 * reads the value in the JDBC form that is exact for its source type, checks what the target column
 * cannot hold, and writes the COPY text for the target type.
 */
@FunctionalInterface
public interface ValueConverter {
  /**
   * @param row the source result set, positioned on a row
   * @param index the 1-based column index in that result set
   * @param out the COPY row being written
   * @throws RejectedValueException when the value cannot be carried exactly
   */
  void convert(ResultSet row, int index, CopyTextBuffer out)
      throws SQLException, RejectedValueException;
}
