package org.moodlemigrate.casts;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Binary data ({@code binary}, {@code varbinary}, the {@code blob} family, spatial values) as
 * {@code bytea}, byte for byte. Read into the column's own array ({@link ValueBytes}); a large
 * value is hex-encoded as it is sent rather than into the buffer, so a 50 MB blob costs the
 * driver's 50 MB, its copy and a small scratch array, not 150 MB more.
 */
final class ByteaConverter implements ValueConverter {
  private final ValueBytes bytes = new ValueBytes();

  ByteaConverter(ColumnCast cast) {}

  @Override
  public void convert(ResultSet row, int index, CopyTextBuffer out) throws SQLException {
    ByteSlice value = bytes.read(row, index);
    if (value == null) {
      out.appendNull();
    } else if (value.length() >= CopyTextBuffer.LARGE_VALUE) {
      out.appendLargeBytea(value.array(), value.offset(), value.length());
    } else {
      out.appendBytea(value.array(), value.offset(), value.length());
    }
  }
}
