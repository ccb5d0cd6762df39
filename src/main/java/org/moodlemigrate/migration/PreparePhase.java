package org.moodlemigrate.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.moodlemigrate.catalog.IndexDefinition;
import org.moodlemigrate.catalog.TargetTable;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.targetdb.IndexRebuild;
import org.moodlemigrate.targetdb.TargetPreparation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prepare phase: empties the split tables that hold rows, drops the secondary indexes of big
 * tables (after recording them in the journal, with any an earlier run left unbuilt), and decides
 * which whole-table chunks empty their table themselves: those holding rows, and big ones, so that
 * they can use {@code COPY FREEZE}.
 */
final class PreparePhase {
  private static final Logger LOG = LoggerFactory.getLogger(PreparePhase.class);

  /** Empty single-chunk tables this big are truncated with their copy anyway, for COPY FREEZE. */
  private static final long FREEZE_ROWS = 10_000;

  /**
   * @param truncateInChunk source tables whose whole-table chunk empties the target table first
   * @param indexes secondary indexes dropped for the load, to be built again after it
   */
  record Prepared(Set<String> truncateInChunk, List<IndexDefinition> indexes) {}

  private PreparePhase() {}

  static Prepared run(RunContext ctx, List<TablePlan> loaded, Map<String, List<Chunk>> chunks)
      throws SQLException {
    String schema = ctx.settings().targetSchema();
    Set<String> bigTables = new HashSet<>();
    for (TablePlan t : loaded) {
      if (Math.max(0, t.source().rowsEstimate()) >= ctx.settings().indexRebuildRows()) {
        bigTables.add(t.target().name());
      }
    }
    try (Connection tc = ctx.targetAdmin().getConnection()) {
      Set<String> nonEmpty = TargetPreparation.nonEmptyTables(tc, schema);
      List<TargetTable> truncateNow = new ArrayList<>();
      Set<String> truncateInChunk = new HashSet<>();
      for (TablePlan t : loaded) {
        boolean holdsRows = nonEmpty.contains(t.target().name());
        if (chunks.get(t.name()).size() > 1) {
          if (holdsRows) {
            truncateNow.add(t.target());
          }
        } else if (holdsRows || t.source().rowsEstimate() >= FREEZE_ROWS) {
          truncateInChunk.add(t.name());
        }
      }

      List<IndexDefinition> dropNow = IndexRebuild.droppable(tc, schema, bigTables);
      List<IndexDefinition> leftOver = ctx.journal().unfinishedIndexes(schema);
      List<IndexDefinition> indexes = new ArrayList<>(dropNow);
      Set<String> names = new HashSet<>();
      dropNow.forEach(i -> names.add(i.name()));
      for (IndexDefinition i : leftOver) {
        if (names.add(i.name())) {
          LOG.warn(
              "Index {} of {} was dropped by an earlier run and never rebuilt; this run builds it",
              i.name(),
              i.table());
          indexes.add(i);
        }
      }
      ctx.journal().recordIndexes(ctx.runId(), indexes);
      IndexRebuild.drop(tc, dropNow);
      TargetPreparation.truncate(tc, truncateNow);
      LOG.info(
          "Prepared the target: {} tables emptied now, {} to be emptied with their copy, {} already"
              + " empty; {} secondary indexes of {} big tables dropped for the load",
          truncateNow.size(),
          truncateInChunk.size(),
          loaded.size() - truncateNow.size() - truncateInChunk.size(),
          dropNow.size(),
          bigTables.size());
      return new Prepared(truncateInChunk, indexes);
    }
  }
}
