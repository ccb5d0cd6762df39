package org.moodlemigrate.transforms;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
 * before it commits: PostgreSQL hashes the rows it now holds in the chunk's key range, and the
 * count and sum must equal the source side's. When they do not, the first rows that differ are
 * found (the chunk is read again from the source and hashed row by row, the target's rows likewise,
 * both in key order, and the two are merged) so that the message can name them; nothing is
 * committed.
 */
public final class DigestCheck {
  /** Rows named in a mismatch message. */
  static final int ROWS_NAMED = 5;

  /** Texts the server and {@link PgHash} must hash alike before the digest is used. */
  private static final List<String> PROBES =
      List.of(
          "", "a", "moodle-migrate", "é€😀 𠮷 e\u0301", "0123456789".repeat(13) + "\u0001\u0002");

  private DigestCheck() {}

  /**
   * Why the target cannot be used for the copy digest, or null when it can: its {@code
   * hashtextextended} must give what {@link PgHash} gives for the same UTF-8 text (a big-endian
   * server, or a database not in UTF-8, would not).
   */
  public static String selfCheck(Connection target) throws SQLException {
    try (PreparedStatement ps =
        target.prepareStatement("SELECT hashtextextended(?::text COLLATE \"C\", 0)")) {
      for (String probe : PROBES) {
        ps.setString(1, probe);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          byte[] b = probe.getBytes(StandardCharsets.UTF_8);
          if (rs.getLong(1) != PgHash.bytesExtended(b, 0, b.length, 0)) {
            return "the target hashes text differently from the tool (a big-endian server, or a"
                + " database not in UTF-8)";
          }
        }
      }
    }
    return null;
  }

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
    String sql = spec.digest().targetQuery(spec.targetTable(), key, chunk, excluded.length > 0);
    long rows;
    long total;
    try (PreparedStatement ps = tc.prepareStatement(sql)) {
      if (excluded.length > 0) {
        ps.setArray(1, tc.createArrayOf("int8", excluded));
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        rows = rs.getLong(1);
        // A numeric sum: its low 64 bits are the sum modulo 2^64, as the source side's.
        total = new BigDecimal(rs.getString(2)).toBigInteger().longValue();
      }
    }
    if (rows == sum.rows() && total == sum.sum()) {
      return;
    }
    String what =
        rows == sum.rows()
            ? rows + " rows read and stored, but their digests differ"
            : sum.rows() + " rows read, " + rows + " rows found in the target";
    String named =
        key == null || !keys.integerKey()
            ? ""
            : firstDifferences(
                tc, source, spec, chunk, key, new HashSet<>(Arrays.asList(excluded)));
    throw new DigestMismatchException(
        "table "
            + chunk.describe()
            + ": what PostgreSQL stored is not what was read ("
            + what
            + named
            + "; columns compared: "
            + String.join(", ", spec.digest().covered())
            + "). Nothing of the chunk was committed. Look for a trigger or rule on the target"
            + " table; if there is none, this is a fault of the copy: please report it, with the"
            + " JDK and driver versions");
  }

  /** {@code ; first rows: id=4 differs, id=9 missing} — from both sides' per-row hashes. */
  private static String firstDifferences(
      Connection tc,
      DataSource source,
      TableCopySpec spec,
      Chunk chunk,
      String targetKey,
      Set<Long> excluded)
      throws SQLException {
    String keyName = spec.keyColumns().get(0);
    int keyIndex = spec.keyIndexes().get(0);
    RowHasher hasher = new RowHasher(spec.digest());
    String sourceSql =
        spec.selectSql(chunk) + " ORDER BY " + org.moodlemigrate.sql.Identifiers.mysql(keyName);
    String targetSql = spec.digest().targetRowsQuery(spec.targetTable(), targetKey, chunk);
    List<String> out = new ArrayList<>();
    try (Connection sc = source.getConnection();
        Statement ss = sc.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        Statement ts = tc.createStatement()) {
      ss.setEscapeProcessing(false);
      ss.setFetchSize(Integer.MIN_VALUE); // streams: a chunk is never all in memory
      ts.setFetchSize(1000);
      try (ResultSet s = ss.executeQuery(sourceSql);
          ResultSet t = ts.executeQuery(targetSql)) {
        boolean hs = s.next();
        boolean ht = t.next();
        while ((hs || ht) && out.size() < ROWS_NAMED) {
          long sk = hs ? s.getLong(keyIndex) : Long.MAX_VALUE;
          long tk = ht ? t.getLong(1) : Long.MAX_VALUE;
          if (hs && (!ht || sk < tk)) {
            if (!excluded.contains(sk)) {
              out.add(keyName + "=" + sk + " missing");
            }
            hs = s.next();
          } else if (ht && (!hs || tk < sk)) {
            out.add(keyName + "=" + tk + " extra");
            ht = t.next();
          } else {
            if (!excluded.contains(sk) && hasher.hash(s) != t.getLong(2)) {
              out.add(keyName + "=" + sk + " differs");
            }
            hs = s.next();
            ht = t.next();
          }
        }
      }
    } catch (IllegalArgumentException e) {
      return "";
    }
    return out.isEmpty() ? "" : "; first rows: " + String.join(", ", out);
  }
}
