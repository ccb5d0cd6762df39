package org.moodlemigrate.plan;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.moodlemigrate.sql.Identifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the chunks of a table start, read from its keys rather than from statistics: every chunk
 * starts at a key that exists, and its range spans at most {@code chunkRows} key values before the
 * next chunk starts, so it holds at most {@code chunkRows} rows.
 *
 * <p>From the smallest key {@code s}, the next chunk starts at the smallest key {@code >= s +
 * chunkRows}: one index look-up ({@code SELECT MIN(k) … WHERE k >= x}), which skips any gap in the
 * ids. A dense table (Moodle's auto-increment ids, deleted rows apart) is read in batches of
 * {@value #BATCH} look-ups a statement, each guessing that the keys go on without a gap; the batch
 * is used up to the first guess a gap proves wrong. So a hundred-million-row log table costs ten
 * round trips, and a table whose ids jump (an import at id 10^9) costs a look-up per jump.
 *
 * <p>A table so sparse that most ranges hold a few rows (ids scattered over a huge span) would make
 * a chunk of almost every row; after {@value #SPARSE_AFTER} chunks, when most of them were followed
 * by a gap, the rest of the table is split by counting instead: the key {@code chunkRows} rows
 * further ({@code ORDER BY k LIMIT 1 OFFSET n}), which reads the table's key once but gives full
 * chunks.
 */
public final class KeyBoundaries {
  private static final Logger LOG = LoggerFactory.getLogger(KeyBoundaries.class);

  static final int BATCH = 200;
  static final int SPARSE_AFTER = 10_000;

  private KeyBoundaries() {}

  /**
   * The starts of the chunks of {@code table}, whose key runs from {@code min} to {@code max}.
   *
   * @return ascending starts, the first being {@code min}
   */
  public static List<Long> read(
      Connection source,
      String database,
      String table,
      String key,
      long min,
      long max,
      long chunkRows)
      throws SQLException {
    String from = Identifiers.mysql(database, table);
    String k = Identifiers.mysql(key);
    List<Long> starts = new ArrayList<>();
    starts.add(min);
    long at = min;
    int gaps = 0;
    try (Statement st = source.createStatement()) {
      st.setEscapeProcessing(false);
      walk:
      while (true) {
        List<Long> probes = new ArrayList<>();
        long p = at;
        for (int i = 0; i < BATCH; i++) {
          if (p > Long.MAX_VALUE - chunkRows || p + chunkRows > max) {
            break;
          }
          p += chunkRows;
          probes.add(p);
        }
        if (probes.isEmpty()) {
          break;
        }
        TreeMap<Integer, Long> found = nextKeys(st, from, k, probes);
        for (int i = 0; i < probes.size(); i++) {
          Long next = found.get(i);
          if (next == null) {
            break walk; // no key at or above the probe: the last chunk is open above
          }
          starts.add(next);
          at = next;
          if (starts.size() >= ChunkPlanner.MAX_CHUNKS) {
            LOG.warn(
                "{}: {} chunks of {} rows; the last chunk takes the rest of the table (give a"
                    + " larger --chunk-rows)",
                table,
                ChunkPlanner.MAX_CHUNKS,
                chunkRows);
            break walk;
          }
          if (next != probes.get(i).longValue()) {
            gaps++;
            if (starts.size() > SPARSE_AFTER && gaps * 2L > starts.size()) {
              return byCounting(st, from, k, starts, chunkRows);
            }
            continue walk; // a gap: the guesses after it are wrong, guess again from here
          }
        }
      }
    }
    return starts;
  }

  /** The smallest key at or above each probe, by the probe's position. */
  private static TreeMap<Integer, Long> nextKeys(
      Statement st, String from, String k, List<Long> probes) throws SQLException {
    StringBuilder sql = new StringBuilder();
    for (int i = 0; i < probes.size(); i++) {
      if (i > 0) {
        sql.append(" UNION ALL ");
      }
      sql.append("SELECT ")
          .append(i)
          .append(", CAST(MIN(")
          .append(k)
          .append(") AS CHAR) FROM ")
          .append(from)
          .append(" WHERE ")
          .append(k)
          .append(" >= ")
          .append(probes.get(i).longValue());
    }
    TreeMap<Integer, Long> out = new TreeMap<>();
    try (ResultSet rs = st.executeQuery(sql.toString())) {
      while (rs.next()) {
        String v = rs.getString(2);
        if (v != null) {
          out.put(rs.getInt(1), Long.valueOf(v));
        }
      }
    }
    return out;
  }

  /** The rest of a sparse table in chunks of exactly {@code chunkRows} rows, by counting. */
  private static List<Long> byCounting(
      Statement st, String from, String k, List<Long> starts, long chunkRows) throws SQLException {
    List<Long> out = new ArrayList<>(starts);
    long at = starts.get(starts.size() - 1);
    while (out.size() < ChunkPlanner.MAX_CHUNKS) {
      String sql =
          "SELECT CAST("
              + k
              + " AS CHAR) FROM "
              + from
              + " WHERE "
              + k
              + " >= "
              + at
              + " ORDER BY "
              + k
              + " LIMIT 1 OFFSET "
              + chunkRows;
      try (ResultSet rs = st.executeQuery(sql)) {
        if (!rs.next()) {
          break;
        }
        at = Long.parseLong(rs.getString(1));
      }
      out.add(at);
    }
    return out;
  }
}
