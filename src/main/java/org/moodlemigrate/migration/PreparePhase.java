package org.moodlemigrate.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
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

  /**
   * @param done the chunks a resumed run finished already (none for a new run): their tables are
   *     not emptied; only the key ranges of their unfinished chunks are, should anything be there
   */
  static Prepared run(
      RunContext ctx,
      List<TablePlan> loaded,
      Map<String, List<Chunk>> chunks,
      Predicate<Chunk> done)
      throws SQLException {
    String schema = ctx.settings().targetSchema();
    Set<String> bigTables = new HashSet<>();
    List<TablePlan> fresh = new ArrayList<>();
    Map<TablePlan, List<Chunk>> partlyDone = new LinkedHashMap<>();
    for (TablePlan t : loaded) {
      List<Chunk> tableChunks = chunks.get(t.name());
      List<Chunk> left = tableChunks.stream().filter(done.negate()).toList();
      if (left.isEmpty()) {
        continue; // finished by the run being resumed
      }
      if (left.size() == tableChunks.size()) {
        fresh.add(t);
      } else {
        partlyDone.put(t, left);
      }
      if (Math.max(0, t.source().rowsEstimate()) >= ctx.settings().indexRebuildRows()) {
        bigTables.add(t.target().name());
      }
    }
    try (Connection tc = ctx.targetAdmin().getConnection()) {
      Set<String> nonEmpty = TargetPreparation.nonEmptyTables(tc, schema);
      List<TargetTable> truncateNow = new ArrayList<>();
      Set<String> truncateInChunk = new HashSet<>();
      for (var e : partlyDone.entrySet()) {
        TablePlan t = e.getKey();
        long removed =
            TargetPreparation.clearChunks(tc, t.target(), targetKey(t, e.getValue()), e.getValue());
        LOG.info(
            "{}: {} of {} chunks left to copy{}",
            t.name(),
            e.getValue().size(),
            chunks.get(t.name()).size(),
            removed == 0 ? "" : "; removed " + removed + " rows found in their key ranges");
      }
      for (TablePlan t : fresh) {
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
              "Index {} of {} was recorded by an earlier run and is not in the target; this run"
                  + " builds it",
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
          fresh.size() - truncateNow.size() - truncateInChunk.size(),
          dropNow.size(),
          bigTables.size());
      return new Prepared(truncateInChunk, indexes);
    }
  }

  /** The target column of the key the chunks are split on. */
  private static String targetKey(TablePlan t, List<Chunk> chunks) {
    String sourceKey = chunks.get(0).keyColumn();
    return t.columns().stream()
        .filter(c -> c.source().name().equals(sourceKey))
        .map(c -> c.target().name())
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "table " + t.name() + ": chunk key " + sourceKey + " is not a copied column"));
  }
}
