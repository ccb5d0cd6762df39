package org.moodlemigrate.transforms;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Names the rows of a chunk by their key: the current row (for a value a converter refused or
 * changed), and any row sent, by its COPY line (PostgreSQL reports COPY errors by line number). For
 * a single integer key it remembers the key of every row sent ({@link KeyLog}: in memory up to a
 * million rows, then in a temporary file).
 */
final class RowKeys implements AutoCloseable {
  private final TableCopySpec spec;
  private final boolean integerKey;
  private final KeyLog keys = new KeyLog();
  private long sent;
  private long read;

  RowKeys(TableCopySpec spec) {
    this.spec = spec;
    this.integerKey =
        spec.keyIndexes().size() == 1
            && spec.casts().get(spec.keyIndexes().get(0) - 1).source().type().isInteger()
            && !spec.casts().get(spec.keyIndexes().get(0) - 1).source().type().unsigned();
  }

  /** Starts counting again, for another attempt at the chunk. */
  void reset() {
    sent = 0;
    read = 0;
    keys.reset();
  }

  /** Whether rows are named by a single signed integer key, which {@link #keyOf} returns. */
  boolean integerKey() {
    return integerKey;
  }

  /** Counts a row read from the source. */
  void read() {
    read++;
  }

  /** The current row's integer key; only when {@link #integerKey()}. */
  long keyOf(ResultSet rs) throws SQLException {
    return rs.getLong(spec.keyIndexes().get(0));
  }

  /** Remembers the key of a row that was sent, as the next COPY line. */
  void sent(ResultSet rs) throws SQLException {
    if (!integerKey) {
      sent++;
      return;
    }
    keys.add(keyOf(rs));
    sent++;
  }

  /** The current row's key, {@code id=123}, for a message. */
  String describe(ResultSet rs) throws SQLException {
    if (spec.keyIndexes().isEmpty()) {
      return "#" + read + " of the chunk (the table has no primary key)";
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
  Long keyOfLine(long line) {
    if (!integerKey || line < 1 || line > sent) {
      return null;
    }
    return keys.get(line);
  }

  @Override
  public void close() {
    keys.close();
  }

  /** {@code id=123} for an integer key. */
  String describe(long key) {
    return spec.keyColumns().get(0) + "=" + key;
  }
}
