package org.moodlemigrate.verify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * {@link KeyedRows} over a result set from {@link TableQueries}: the key in column 1 (when keyed),
 * then one column per canonicaliser, each read as the source or the target side reads it.
 */
final class ResultSetRows implements KeyedRows {
  /** Which side the result set comes from: decides how cells are read. */
  enum Side {
    SOURCE,
    TARGET
  }

  private final ResultSet rs;
  private final ColumnCanonicaliser[] columns;
  private final Side side;
  private final boolean keyed;
  private final boolean unsignedKey;
  private final Runnable onEnd;
  private long key;
  private byte[][] cells;

  /**
   * @param onEnd called once when the result set is read to its end
   */
  ResultSetRows(
      ResultSet rs,
      List<ColumnCanonicaliser> columns,
      Side side,
      boolean keyed,
      boolean unsignedKey,
      Runnable onEnd) {
    this.rs = rs;
    this.columns = columns.toArray(ColumnCanonicaliser[]::new);
    this.side = side;
    this.keyed = keyed;
    this.unsignedKey = unsignedKey;
    this.onEnd = onEnd;
  }

  @Override
  public boolean next() throws SQLException {
    if (!rs.next()) {
      onEnd.run();
      return false;
    }
    int first = 1;
    if (keyed) {
      key = unsignedKey ? unsigned(rs.getString(1)) : rs.getLong(1);
      first = 2;
    }
    byte[][] row = new byte[columns.length][];
    for (int i = 0; i < columns.length; i++) {
      row[i] =
          side == Side.SOURCE ? columns[i].source(rs, first + i) : columns[i].target(rs, first + i);
    }
    cells = row;
    return true;
  }

  private static long unsigned(String text) throws SQLException {
    try {
      return Long.parseUnsignedLong(text);
    } catch (NumberFormatException e) {
      throw new SQLException("key " + text + " is not an unsigned 64-bit integer", e);
    }
  }

  @Override
  public long key() {
    return key;
  }

  @Override
  public byte[][] cells() {
    return cells;
  }
}
