package org.moodlemigrate.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.moodlemigrate.catalog.IndexDefinition;
import org.moodlemigrate.ddl.DdlRenderer;
import org.moodlemigrate.journal.Journal;
import org.moodlemigrate.journal.RowIssueSource;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.sql.Identifiers;
import org.moodlemigrate.targetdb.IndexRebuild;
import org.moodlemigrate.targetdb.StatementRunner;
import org.moodlemigrate.targetdb.TargetCompletion;
import org.moodlemigrate.transforms.UnrecordedOutcomes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dynamic-table pass: tables the target does not have (Totara's {@code
 * mdl_appraisal_quest_data_<n>}, tables of plugins the target lacks, or all of them with {@code
 * --schema-mode create}) are created from the source catalog, copied by a second run of the same
 * copy pipeline, and then given their primary keys and indexes, built in parallel after the load
 * (and recorded in the journal before, like every index the tool builds). Sequences, ownership and
 * statistics follow in the complete phase with every other table.
 *
 * <p>Each table is created in a transaction of its own: one that cannot be created fails alone,
 * with PostgreSQL's message, and is not copied.
 */
final class CreatePhase {
  private static final Logger LOG = LoggerFactory.getLogger(CreatePhase.class);

  /**
   * @param created the tables that were created (and copied)
   * @param indexesBuilt keys and indexes built
   * @param errors what failed, each naming its object
   */
  record Result(List<TablePlan> created, int indexesBuilt, List<String> errors) {}

  private CreatePhase() {}

  static Result run(
      RunContext ctx,
      String sourceDatabase,
      boolean createSchema,
      List<TablePlan> tables,
      Map<String, List<Chunk>> chunks)
      throws SQLException {
    if (tables.isEmpty()) {
      return new Result(List.of(), 0, List.of());
    }
    String schema = ctx.settings().targetSchema();
    List<TablePlan> created = new ArrayList<>();
    try (Connection tc = ctx.targetAdmin().getConnection()) {
      if (createSchema) {
        List<String> errors =
            StatementRunner.run(
                tc, List.of("CREATE SCHEMA IF NOT EXISTS " + Identifiers.postgres(schema)), 1);
        if (!errors.isEmpty()) {
          throw new SQLException("cannot create schema " + schema + ": " + errors.get(0));
        }
        LOG.info("Created schema {}", schema);
      }
      for (TablePlan t : tables) {
        List<String> ddl = DdlRenderer.createStatements(t.definition(), t.replacesExisting());
        List<String> errors = StatementRunner.run(tc, ddl, ddl.size());
        if (errors.isEmpty()) {
          created.add(t);
          t.definition().warnings().forEach(w -> LOG.warn("{}", w));
        } else {
          String error = "cannot create table " + t.name() + ": " + errors.get(0);
          LOG.error("{}", error);
          markFailed(ctx, t, chunks, error);
        }
      }
    }
    LOG.info("Created {} of {} tables missing from the target", created.size(), tables.size());

    // Recorded before the copy: a run stopped during it leaves tables without their keys, which
    // the resumed run (or the next one) finds here and builds.
    List<IndexDefinition> indexes = new ArrayList<>();
    Map<String, Long> rows = new HashMap<>();
    for (TablePlan t : created) {
      indexes.addAll(DdlRenderer.indexes(t.definition()));
      rows.put(t.name(), Math.max(0, t.source().rowsEstimate()));
    }
    ctx.journal().recordIndexes(ctx.runId(), indexes);

    CopyPhase.run(ctx, "dynamic", sourceDatabase, created, chunks, Set.<String>of());
    if (Interruption.requested() != null) {
      // The keys stay recorded as pending in the journal; the resumed run builds them.
      return new Result(created, 0, List.of());
    }
    long t0 = System.nanoTime();
    List<IndexRebuild.Built> built = JournalledIndexBuilds.build(ctx, indexes, rows);
    int ok = (int) built.stream().filter(b -> b.error() == null).count();
    LOG.info(
        "Built {} of {} keys and indexes of the created tables in {} s",
        ok,
        indexes.size(),
        String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
    return new Result(created, ok, TargetCompletion.indexErrors(built));
  }

  private static void markFailed(
      RunContext ctx, TablePlan t, Map<String, List<Chunk>> chunks, String error) {
    for (Chunk chunk : chunks.getOrDefault(t.name(), List.of())) {
      try {
        Journal.markFailed(
            ctx.targetAdmin(),
            ctx.settings().journalSchema(),
            ctx.runId(),
            chunk,
            error,
            RowIssueSource.of(List.of()),
            Instant.now(),
            0);
      } catch (SQLException e) {
        String message =
            "the journal could not record that table "
                + t.name()
                + " could not be created ("
                + error
                + "): "
                + e.getMessage();
        LOG.error("{}", message);
        UnrecordedOutcomes.add(ctx.runId(), message);
      }
    }
  }
}
