package org.moodlemigrate.casts;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code FLOAT} and {@code DOUBLE} values as the decimal text the server sends.
 *
 * <p>The text protocol carries the value as the server formats it; PostgreSQL's {@code float4in} /
 * {@code float8in} parse it to the nearest binary value. Fixed-point declarations such as Moodle's
 * {@code float(11,4)} arrive with their declared decimals. MySQL cannot store NaN or infinities, so
 * those never appear.
 */
final class FloatConverter implements ValueConverter {
  FloatConverter(ColumnCast cast) {}

  @Override
  public void convert(ResultSet row, int index, CopyTextBuffer out) throws SQLException {
    String text = row.getString(index);
    if (text == null) {
      out.appendNull();
    } else {
      out.appendAscii(text);
    }
  }
}
