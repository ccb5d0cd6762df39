package org.moodlemigrate.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.moodlemigrate.connect.RetriedRead;
import org.moodlemigrate.connect.RetryPolicy;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.plan.ChunkPlanner;
import org.moodlemigrate.plan.KeyBoundaries;
import org.moodlemigrate.plan.KeyRangeReader;
import org.moodlemigrate.plan.TablePlan;

/**
 * Chunks every table from its real keys, never from the server's row estimate: the bounds of every
 * table with a single integer key (a few statements for all of them), then, for each whose keys
 * span more than a chunk, where its chunks start ({@link KeyBoundaries}). A table without such a
 * key is one chunk.
 *
 * <p>On a large site this reads for a while; a dropped connection or a killed query starts the
 * planning again on a new connection ({@link RetriedRead}), as a chunk would be.
 */
final class ChunkPlanning {
  private ChunkPlanning() {}

  /** The chunks of {@code tables}, read over {@code source} with {@code retry} on failure. */
  static Map<String, List<Chunk>> chunks(
      DataSource source, RetryPolicy retry, String database, List<TablePlan> tables, long chunkRows)
      throws SQLException {
    return RetriedRead.run(
        source,
        retry,
        "planning the chunks of " + tables.size() + " tables",
        c -> chunks(c, database, tables, chunkRows));
  }

  private static Map<String, List<Chunk>> chunks(
      Connection source, String database, List<TablePlan> tables, long chunkRows)
      throws SQLException {
    ChunkPlanner planner = new ChunkPlanner(chunkRows);
    Map<String, String> keys = new LinkedHashMap<>();
    for (TablePlan table : tables) {
      table.source().singleIntegerKey().ifPresent(k -> keys.put(table.name(), k.name()));
    }
    Map<String, KeyRangeReader.KeyRange> ranges = KeyRangeReader.readAll(source, database, keys);
    Map<String, List<Chunk>> out = new LinkedHashMap<>();
    for (TablePlan table : tables) {
      long estimate = Math.max(0, table.source().rowsEstimate());
      KeyRangeReader.KeyRange range = ranges.get(table.name());
      if (range != null && planner.splits(range.min(), range.max())) {
        String key = keys.get(table.name());
        List<Long> starts =
            KeyBoundaries.read(
                source, database, table.name(), key, range.min(), range.max(), chunkRows);
        out.put(table.name(), planner.split(table.name(), key, estimate, starts));
      } else {
        out.put(table.name(), List.of(Chunk.whole(table.name(), estimate)));
      }
    }
    return out;
  }
}
