package org.moodlemigrate.casts;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Numbers into a {@code boolean} column: 0 is false, 1 is true, anything else is rejected.
 *
 * <p>Only used where the target really is boolean (never on a Moodle schema, which has none).
 * Mapping 2 to true, as pgloader does, would destroy Moodle's tri-state flags, so it refuses.
 */
final class BooleanConverter implements ValueConverter {
  private final String column;

  BooleanConverter(ColumnCast cast) {
    this.column = cast.source().name();
  }

  @Override
  public void convert(ResultSet row, int index, CopyTextBuffer out)
      throws SQLException, RejectedValueException {
    long v = row.getLong(index);
    if (row.wasNull()) {
      out.appendNull();
    } else if (v == 0 || v == 1) {
      out.appendAscii(v == 1 ? "t" : "f");
    } else {
      throw new RejectedValueException(
          column,
          "value " + v + " is neither 0 nor 1 and cannot become a boolean",
          Long.toString(v));
    }
  }
}
