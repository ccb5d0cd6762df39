package org.moodlemigrate.verify;

import java.util.List;
import javax.sql.DataSource;
import org.moodlemigrate.plan.Chunk;

/**
 * Verifies one chunk of one table at one level, wherever it runs: a thread of the tool's own
 * ({@link Verifier}) or a worker of the verification pipeline on a cluster. Never throws: a failure
 * becomes the chunk's error.
 */
public final class ChunkCheck {
  private ChunkCheck() {}

  /**
   * Verifies a chunk the verification pipeline carries ({@link VerifyWork}).
   *
   * @param source a pool on the source (read-only is enough)
   * @param target a pool on the target
   * @param anomalies the run's anomalies, read on demand
   */
  public static ChunkResult run(
      DataSource source,
      DataSource target,
      VerifyWork work,
      VerifyLevel level,
      RunAnomalies anomalies) {
    TableQueries queries;
    try {
      queries = TableQueries.of(work.plan(), work.sourceDatabase());
    } catch (RuntimeException e) {
      return ChunkResult.failed(
          work.chunk().number(),
          work.chunk().describe(),
          work.chunk().describe() + ": " + message(e));
    }
    return run(source, target, queries, work.chunk(), level, anomalies);
  }

  static ChunkResult run(
      DataSource source,
      DataSource target,
      TableQueries table,
      Chunk chunk,
      VerifyLevel level,
      RunAnomalies anomalies) {
    try {
      if (level == VerifyLevel.COUNTS) {
        RowCountCheck.Counts counts = RowCountCheck.run(source, target, table);
        long refused = anomalies.rejectedRows(table.table());
        long expected = counts.source() - refused;
        return new ChunkResult(
            0,
            table.table(),
            counts.source(),
            counts.target(),
            null,
            null,
            refused,
            0,
            Math.abs(counts.target() - expected),
            List.of(),
            null);
      }
      if (table.keyed()) {
        return KeyedChunkCheck.run(
            source, target, table, chunk, () -> anomalies.forChunk(table.table(), chunk.number()));
      }
      return UnkeyedTableCheck.run(source, target, table, chunk);
    } catch (Exception e) {
      return ChunkResult.failed(
          chunk.number(), chunk.describe(), chunk.describe() + ": " + message(e));
    }
  }

  static String message(Throwable e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}
