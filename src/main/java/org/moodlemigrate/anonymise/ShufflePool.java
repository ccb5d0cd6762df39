package org.moodlemigrate.anonymise;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Arrays;
import java.util.Set;
import org.moodlemigrate.sql.Identifiers;

/**
 * The values of one column, permuted over the rows of its table: the {@code shuffle} rule's data.
 * Every value of the column is still there, as often as before, but on another row, so statistics
 * over the column (how many users per city) survive while no row keeps its own value.
 *
 * <p>The permutation is keyed: rows are ordered by HMAC(secret, "shuffle", table, column, key), and
 * the row at place i of that order gets the value of the row at place i of the key order. The same
 * data and secret give the same permutation on every refresh; without the secret nobody can undo
 * it. NULLs are not in the pool (a NULL stays NULL), so the non-NULL values are permuted among the
 * rows that have one.
 *
 * <p>The pool is read once, before the copy, and held in memory: sorted keys in a {@code long[]}
 * and the values in a {@code String[]}. Tables of more than {@value #MAX_ROWS} rows are refused
 * rather than risking the worker's memory. A row that appears in the source after the pool was read
 * (a live site) gets a value picked from the pool by its key's HMAC: still one of the column's
 * values, and the same one on every read.
 *
 * <p>{@link Serializable}: it travels to Beam's workers inside the bound rule.
 */
public final class ShufflePool implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The most rows a pool holds. Below 2^23, so that a row's index fits in a sort key's low bits.
   */
  public static final int MAX_ROWS = 5_000_000;

  private static final int INDEX_BITS = 23;
  private static final Set<Integer> INTEGER_TYPES =
      Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT);

  private final String table;
  private final String keyColumn;
  private final String column;
  private final AnonymiseKeys keys;
  private final long[] sortedKeys;
  private final String[] values;

  private ShufflePool(
      String table,
      String keyColumn,
      String column,
      AnonymiseKeys keys,
      long[] sortedKeys,
      String[] values) {
    this.table = table;
    this.keyColumn = keyColumn;
    this.column = column;
    this.keys = keys;
    this.sortedKeys = sortedKeys;
    this.values = values;
  }

  /**
   * Reads {@code column} of {@code database.table} (the real name, with the prefix), keyed by the
   * table's single integer key column, and permutes it.
   *
   * @throws SQLException when the read fails, or the table has more than {@value #MAX_ROWS} rows,
   *     or the key column is not an integer column
   */
  public static ShufflePool load(
      Connection mysql,
      String database,
      String table,
      String keyColumn,
      String column,
      AnonymiseKeys keys)
      throws SQLException {
    String from = Identifiers.mysql(database, table);
    long rows;
    try (Statement st = mysql.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + from)) {
      rs.next();
      rows = rs.getLong(1);
    }
    if (rows > MAX_ROWS) {
      throw tooMany(table, column, rows);
    }
    String sql =
        "SELECT "
            + Identifiers.mysql(keyColumn)
            + ", "
            + Identifiers.mysql(column)
            + " FROM "
            + from
            + " WHERE "
            + Identifiers.mysql(column)
            + " IS NOT NULL ORDER BY "
            + Identifiers.mysql(keyColumn);
    long[] ids = new long[(int) Math.max(16, rows)];
    String[] original = new String[ids.length];
    int n = 0;
    try (Statement st =
        mysql.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      st.setFetchSize(Integer.MIN_VALUE); // Connector/J streams the rows
      try (ResultSet rs = st.executeQuery(sql)) {
        ResultSetMetaData meta = rs.getMetaData();
        if (!INTEGER_TYPES.contains(meta.getColumnType(1))) {
          throw new SQLException(
              "cannot shuffle column "
                  + column
                  + " of "
                  + table
                  + ": its key "
                  + keyColumn
                  + " is a "
                  + meta.getColumnTypeName(1)
                  + " column, not an integer one");
        }
        while (rs.next()) {
          if (n == MAX_ROWS) {
            throw tooMany(table, column, n + 1L);
          }
          if (n == ids.length) {
            int grown = (int) Math.min(MAX_ROWS, ids.length * 2L);
            ids = Arrays.copyOf(ids, grown);
            original = Arrays.copyOf(original, grown);
          }
          ids[n] = rs.getLong(1);
          original[n] = rs.getString(2);
          n++;
        }
      }
    }
    return permute(table, keyColumn, column, keys, Arrays.copyOf(ids, n), original, n);
  }

  /**
   * The pool over given rows, {@code ids} ascending and distinct; for the tests and {@link #load}.
   */
  static ShufflePool permute(
      String table,
      String keyColumn,
      String column,
      AnonymiseKeys keys,
      long[] ids,
      String[] original,
      int n) {
    for (int i = 1; i < n; i++) {
      if (ids[i] <= ids[i - 1]) {
        throw new IllegalArgumentException(
            "the key " + keyColumn + " of " + table + " is not unique");
      }
    }
    long indexMask = (1L << INDEX_BITS) - 1;
    long[] order = new long[n];
    for (int i = 0; i < n; i++) {
      long h =
          ByteBuffer.wrap(keys.hmac("shuffle", table, column, Long.toString(ids[i]))).getLong();
      order[i] = (h & ~indexMask) | i;
    }
    Arrays.sort(order);
    String[] permuted = new String[n];
    for (int place = 0; place < n; place++) {
      permuted[(int) (order[place] & indexMask)] = original[place];
    }
    return new ShufflePool(table, keyColumn, column, keys, ids, permuted);
  }

  private static SQLException tooMany(String table, String column, long rows) {
    return new SQLException(
        "cannot shuffle column "
            + column
            + " of "
            + table
            + ": the table has "
            + rows
            + " rows, more than the "
            + MAX_ROWS
            + " a shuffle holds in memory; use another rule (pseudonym, empty) for it");
  }

  /** The permuted value for the row with this key. */
  public String valueFor(long key) {
    int at = Arrays.binarySearch(sortedKeys, key);
    if (at >= 0) {
      return values[at];
    }
    if (values.length == 0) {
      throw new IllegalStateException(
          "shuffle of column "
              + column
              + " of "
              + table
              + ": the column had no values when the pool was read, and a row with one arrived"
              + " later; run the copy again");
    }
    long h =
        ByteBuffer.wrap(keys.hmac("shuffle-late", table, column, Long.toString(key))).getLong();
    return values[(int) Math.floorMod(h, (long) values.length)];
  }

  /** The rows in the pool (those with a value). */
  public int size() {
    return values.length;
  }

  public String table() {
    return table;
  }

  public String keyColumn() {
    return keyColumn;
  }

  public String column() {
    return column;
  }

  @Override
  public String toString() {
    return "ShufflePool[" + table + "." + column + " by " + keyColumn + ", " + size() + " values]";
  }
}
