package org.moodlemigrate.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.moodlemigrate.catalog.SourceColumn;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.plan.ChunkPlanner;
import org.moodlemigrate.plan.KeyRangeReader;
import org.moodlemigrate.plan.TablePlan;

/** Chunks every loaded table, reading key bounds only for tables big enough to split. */
final class ChunkPlanning {
  private ChunkPlanning() {}

  static Map<String, List<Chunk>> chunks(
      Connection source, String database, List<TablePlan> tables, long chunkRows)
      throws SQLException {
    ChunkPlanner planner = new ChunkPlanner(chunkRows);
    Map<String, List<Chunk>> out = new LinkedHashMap<>();
    for (TablePlan table : tables) {
      long estimate = Math.max(0, table.source().rowsEstimate());
      var key = table.source().singleIntegerKey();
      if (key.isPresent() && planner.mightSplit(estimate)) {
        SourceColumn column = key.get();
        KeyRangeReader.KeyRange range =
            KeyRangeReader.read(source, database, table.name(), column.name());
        out.put(
            table.name(),
            planner.split(table.name(), column.name(), estimate, range.min(), range.max()));
      } else {
        out.put(table.name(), List.of(Chunk.whole(table.name(), estimate)));
      }
    }
    return out;
  }
}
