package org.moodlemigrate.transforms;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.moodlemigrate.plan.Chunk;

/**
 * The target side of a chunk's copy digest ({@link CopyDigest}), in the chunk's own transaction
 * before it commits: PostgreSQL digests the rows it now holds in the chunk's key range, and the sums
 * must equal the source's. When they do not, the first rows that differ are found (both sides
 * digest each row of the chunk in key order, and the two lists are merged) so that the message can
 * name them; nothing is committed.
 */
final class DigestCheck {
  /** Rows named in a mismatch message. */
  static final int ROWS_NAMED = 5;

  private DigestCheck() {}

  /**
   * Compares; returns normally when the digests agree or the chunk cannot be digested (then why is
   * in {@code sum.unusable()}).
   *
   * @throws DigestMismatchException when they differ
   */
  static void check(
      Connection tc,
      DataSource source,
      TableCopySpec spec,
      Chunk chunk,
      DigestSum sum,
      RowKeys keys)
      throws SQLException {
    if (spec.digest() == null || sum == null || sum.unusable() != null) {
      return;
    }
    Long[] excluded = sum.excluded();
    String key = spec.targetKey();
    String sql =
        spec.digest().targetQuery(spec.targetTable(), key, chunk, excluded.length > 0);
    long rows;
    long first;
    long second;
    try (PreparedStatement ps = tc.prepareStatement(sql)) {
      if (excluded.length > 0) {
        ps.setArray(1, tc.createArrayOf("int8", excluded));
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        rows = rs.getLong(1);
        // numeric sums: their low 64 bits are the sums modulo 2^64, as the source's
        first = new BigDecimal(rs.getString(2)).toBigInteger().longValue();
        second = new BigDecimal(rs.getString(3)).toBigInteger().longValue();
      }
    }
    if (rows == sum.rows() && first == sum.first() && second == sum.second()) {
      return;
    }
    String where =
        rows == sum.rows()
            ? rows + " rows read and stored, but their digests differ"
            : sum.rows() + " rows read, " + rows + " rows found in the target";
    String named = key == null || !keys.integerKey() ? "" : firstDifferences(tc, source, spec,
        chunk, key, new HashSet<>(Arrays.asList(excluded)));
    throw new DigestMismatchException(
        "table "
            + chunk.describe()
            + ": what PostgreSQL stored is not what was read ("
            + where
            + named
            + "; columns compared: "
            + String.join(", ", spec.digest().covered())
            + "). Nothing of the chunk was committed. This is a fault of the copy, not of the"
            + " data: please report it, with the JDK and driver versions");
  }

  /** {@code ; first rows that differ: id=4, id=9} — from both sides' per-row digests. */
  private static String firstDifferences(
      Connection tc,
      DataSource source,
      TableCopySpec spec,
      Chunk chunk,
      String targetKey,
      Set<Long> excluded)
      throws SQLException {
    CopyDigest d = spec.digest();
    String sourceKey = org.moodlemigrate.sql.Identifiers.mysql(spec.keyColumns().get(0));
    String sourceSql =
        "SELECT "
            + sourceKey
            + ", "
            + d.sourceExpression()
            + " FROM "
            + spec.sourceTable()
            + range(sourceKey, chunk)
            + " ORDER BY "
            + sourceKey;
    String targetSql =
        "SELECT "
            + targetKey
            + ", md5("
            + String.join(" || ", d.targetFields())
            + ") FROM "
            + spec.targetTable()
            + range(targetKey, chunk)
            + " ORDER BY "
            + targetKey;
    List<String> out = new ArrayList<>();
    try (Connection sc = source.getConnection();
        Statement ss =
            sc.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        Statement ts = tc.createStatement()) {
      ss.setEscapeProcessing(false);
      ss.setFetchSize(Integer.MIN_VALUE); // streams: a chunk's keys never all in memory
      ts.setFetchSize(1000);
      try (ResultSet s = ss.executeQuery(sourceSql);
          ResultSet t = ts.executeQuery(targetSql)) {
        boolean hs = s.next();
        boolean ht = t.next();
        while ((hs || ht) && out.size() < ROWS_NAMED) {
          long sk = hs ? s.getLong(1) : Long.MAX_VALUE;
          long tk = ht ? t.getLong(1) : Long.MAX_VALUE;
          if (hs && (!ht || sk < tk)) {
            if (!excluded.contains(sk)) {
              out.add(spec.keyColumns().get(0) + "=" + sk + " missing");
            }
            hs = s.next();
          } else if (ht && (!hs || tk < sk)) {
            out.add(spec.keyColumns().get(0) + "=" + tk + " extra");
            ht = t.next();
          } else {
            if (!excluded.contains(sk) && !s.getString(2).equals(t.getString(2))) {
              out.add(spec.keyColumns().get(0) + "=" + sk + " differs");
            }
            hs = s.next();
            ht = t.next();
          }
        }
      }
    }
    return out.isEmpty() ? "" : "; first rows: " + String.join(", ", out);
  }

  private static String range(String key, Chunk chunk) {
    List<String> where = new ArrayList<>();
    if (!chunk.isWholeTable() && chunk.lower() != null) {
      where.add(key + " >= " + chunk.lower().longValue());
    }
    if (!chunk.isWholeTable() && chunk.upper() != null) {
      where.add(key + " < " + chunk.upper().longValue());
    }
    return where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
  }
}
