package org.moodlemigrate.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 */
final class ChunkPlanning {
  private ChunkPlanning() {}

  static Map<String, List<Chunk>> chunks(
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
