package org.moodlemigrate.verify;

import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.verify.ResultSetRows.Side;

/**
 * Verifies a table without a single integer key as a whole: the two servers agree on no row order
 * (collations differ), so each side's rows go into an order-independent {@link ContentDigest}, and
 * the table matches when the digests and row counts do. A difference cannot be narrowed to rows;
 * and the run's anomalies cannot be matched to rows either, as the journal names such rows only by
 * their position in the copy.
 */
final class UnkeyedTableCheck {
  private UnkeyedTableCheck() {}

  static ChunkResult run(DataSource source, DataSource target, TableQueries table, Chunk chunk)
      throws SQLException {
    ContentDigest sourceDigest = ContentDigest.unordered();
    try (SourceRead s = SourceRead.stream(source, table.sourceSelect(chunk))) {
      KeyedRows rows =
          new ResultSetRows(s.rows(), table.columns(), Side.SOURCE, false, false, s::ended);
      while (rows.next()) {
        sourceDigest.add(rows.cells());
      }
    }
    ContentDigest targetDigest = ContentDigest.unordered();
    try (TargetRead t = TargetRead.cursor(target, table.targetSelect(chunk), table.fetchRows())) {
      KeyedRows rows =
          new ResultSetRows(t.rows(), table.columns(), Side.TARGET, false, false, () -> {});
      while (rows.next()) {
        targetDigest.add(rows.cells());
      }
    }
    String sourceSum = sourceDigest.hex();
    String targetSum = targetDigest.hex();
    boolean same = sourceDigest.rows() == targetDigest.rows() && sourceSum.equals(targetSum);
    return new ChunkResult(
        chunk.number(),
        chunk.describe(),
        sourceDigest.rows(),
        targetDigest.rows(),
        sourceSum,
        targetSum,
        0,
        0,
        same ? 0 : 1,
        List.of(),
        null);
  }
}
