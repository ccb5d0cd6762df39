package org.moodlemigrate.verify;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.verify.ResultSetRows.Side;

/**
 * Verifies one chunk of a table with a single integer key: streams the chunk from both sides in key
 * order, with the same literal bounds, and merges them ({@link KeyedMerge}). Borrows one connection
 * per side for the duration and gives both back.
 */
final class KeyedChunkCheck {
  private KeyedChunkCheck() {}

  static ChunkResult run(
      DataSource source,
      DataSource target,
      TableQueries table,
      Chunk chunk,
      KeyedMerge.AnomalyLoader anomalies)
      throws SQLException {
    String sourceSql = table.sourceSelect(chunk);
    String targetSql = table.targetSelect(chunk);
    // Source first, then target, in every task: with pools smaller than the task count, a task
    // holding a source connection waits only for tasks that hold both and will finish.
    try (SourceRead s = SourceRead.stream(source, sourceSql);
        TargetRead t = TargetRead.cursor(target, targetSql, table.fetchRows())) {
      KeyedRows sourceRows =
          new ResultSetRows(
              s.rows(), table.columns(), Side.SOURCE, true, table.unsignedKey(), s::ended);
      KeyedRows targetRows =
          new ResultSetRows(
              t.rows(), table.columns(), Side.TARGET, true, table.unsignedKey(), () -> {});
      return KeyedMerge.of(table)
          .run(chunk.number(), chunk.describe(), sourceRows, targetRows, anomalies);
    }
  }
}
