package org.moodlemigrate.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.moodlemigrate.casts.ColumnCast;
import org.moodlemigrate.catalog.IndexDefinition;
import org.moodlemigrate.catalog.mysql.MySqlCatalogReader;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.report.RunReport;
import org.moodlemigrate.targetdb.IndexRebuild;
import org.moodlemigrate.targetdb.TargetCompletion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The complete phase: builds the dropped indexes again (in parallel), then resets sequences past
 * {@code max(id)} and the source's {@code AUTO_INCREMENT} (read again now: rows inserted during the
 * copy moved it), gives ownership to {@code --owner}, and analyses the tables.
 */
final class CompletePhase {
  private static final Logger LOG = LoggerFactory.getLogger(CompletePhase.class);

  private CompletePhase() {}

  /**
   * @param tables the tables that exist in the target now: loaded and created ones
   * @param indexes the indexes the prepare phase dropped
   * @param created what the dynamic-table pass did
   * @param clock times the index rebuilds apart from the rest, for the report's phases
   */
  static RunReport.Completion run(
      RunContext ctx,
      List<TablePlan> tables,
      List<IndexDefinition> indexes,
      CreatePhase.Result created,
      PhaseClock clock)
      throws SQLException {
    List<TablePlan> loaded = tables;
    clock.enter(PhaseClock.Phase.INDEXES);
    List<IndexRebuild.Built> rebuilt = rebuildIndexes(ctx, loaded, indexes);
    clock.enter(PhaseClock.Phase.COMPLETE);
    TargetCompletion.Result completion;
    try (Connection tc = ctx.targetAdmin().getConnection()) {
      completion =
          TargetCompletion.complete(
              tc,
              ctx.settings().targetSchema(),
              loaded.stream().map(TablePlan::target).toList(),
              autoIncrements(ctx, loaded),
              ctx.settings().owner());
    }
    List<String> errors = new ArrayList<>(created.errors());
    errors.addAll(TargetCompletion.indexErrors(rebuilt));
    errors.addAll(completion.errors());
    return new RunReport.Completion(
        (int) rebuilt.stream().filter(b -> b.error() == null).count() + created.indexesBuilt(),
        completion.sequencesReset(),
        ctx.settings().owner(),
        completion.tablesAnalysed(),
        errors);
  }

  private static List<IndexRebuild.Built> rebuildIndexes(
      RunContext ctx, List<TablePlan> loaded, List<IndexDefinition> indexes) {
    if (indexes.isEmpty()) {
      return List.of();
    }
    long t0 = System.nanoTime();
    Map<String, Long> rows = new HashMap<>();
    loaded.forEach(t -> rows.put(t.target().name(), t.source().rowsEstimate()));
    List<IndexRebuild.Built> built = JournalledIndexBuilds.build(ctx, indexes, rows);
    LOG.info(
        "Rebuilt {} of {} secondary indexes in {} s",
        built.stream().filter(b -> b.error() == null).count(),
        indexes.size(),
        String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
    return built;
  }

  /**
   * The source's next AUTO_INCREMENT, by {@code targetTable.targetColumn} of the auto-increment
   * column.
   */
  private static Map<String, Long> autoIncrements(RunContext ctx, List<TablePlan> loaded)
      throws SQLException {
    Map<String, Long> bySourceTable;
    try (Connection sc = ctx.sourceAdmin().getConnection()) {
      bySourceTable = MySqlCatalogReader.readAutoIncrements(sc, ctx.settings().source().database());
    }
    Map<String, Long> out = new HashMap<>();
    for (TablePlan t : loaded) {
      Long next = bySourceTable.get(t.name());
      if (next != null) {
        for (ColumnCast c : t.columns()) {
          if (c.source().autoIncrement()) {
            out.put(t.target().name() + "." + c.target().name(), next);
          }
        }
      }
    }
    return out;
  }
}
