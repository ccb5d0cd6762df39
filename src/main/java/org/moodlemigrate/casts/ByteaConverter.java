package org.moodlemigrate.casts;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Binary data ({@code binary}, {@code varbinary}, the {@code blob} family) as {@code bytea}, byte
 * for byte.
 */
final class ByteaConverter implements ValueConverter {
  ByteaConverter(ColumnCast cast) {}

  @Override
  public void convert(ResultSet row, int index, CopyTextBuffer out) throws SQLException {
    byte[] bytes = row.getBytes(index);
    if (bytes == null) {
      out.appendNull();
    } else {
      out.appendBytea(bytes);
    }
  }
}
