package org.moodlemigrate.transforms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Remembers the integer key of every row sent in a chunk (8 bytes a row), so that a COPY error,
 * which PostgreSQL reports by line number, can name the row by its key.
 */
final class RowKeys {
  private final TableCopySpec spec;
  private final boolean integerKey;
  private long[] keys = new long[1024];
  private int count;

  RowKeys(TableCopySpec spec) {
    this.spec = spec;
    this.integerKey =
        spec.keyIndexes().size() == 1
            && spec.casts().get(spec.keyIndexes().get(0) - 1).source().type().isInteger()
            && !spec.casts().get(spec.keyIndexes().get(0) - 1).source().type().unsigned();
  }

  void remember(ResultSet rs) throws SQLException {
    if (!integerKey) {
      count++;
      return;
    }
    if (count == keys.length) {
      keys = Arrays.copyOf(keys, count * 2);
    }
    keys[count++] = rs.getLong(spec.keyIndexes().get(0));
  }

  /** The current row's key, {@code id=123}, for a message. */
  String describe(ResultSet rs) throws SQLException {
    if (spec.keyIndexes().isEmpty()) {
      return "#" + count + " of the chunk (the table has no primary key)";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < spec.keyIndexes().size(); i++) {
      b.append(i == 0 ? "" : ", ")
          .append(spec.keyColumns().get(i))
          .append('=')
          .append(rs.getString(spec.keyIndexes().get(i)));
    }
    return b.toString();
  }

  /** The key of the row sent as COPY line {@code line} (1-based), or null when not known. */
  String keyOfLine(long line) {
    if (!integerKey || line < 1 || line > count) {
      return null;
    }
    return spec.keyColumns().get(0) + "=" + keys[(int) line - 1];
  }
}
