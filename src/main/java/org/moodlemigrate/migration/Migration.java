package org.moodlemigrate.migration;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import org.moodlemigrate.casts.ColumnCast;
import org.moodlemigrate.catalog.IndexDefinition;
import org.moodlemigrate.catalog.SourceCatalog;
import org.moodlemigrate.catalog.TargetCatalog;
import org.moodlemigrate.catalog.TargetTable;
import org.moodlemigrate.catalog.mysql.MySqlCatalogReader;
import org.moodlemigrate.catalog.postgresql.PostgresCatalogReader;
import org.moodlemigrate.connect.ConnectionFailedException;
import org.moodlemigrate.connect.ConnectionRole;
import org.moodlemigrate.connect.DataSources;
import org.moodlemigrate.connect.SharedDataSources;
import org.moodlemigrate.journal.Journal;
import org.moodlemigrate.journal.JournalProgress;
import org.moodlemigrate.pipelines.CopyPipeline;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.plan.CopyTask;
import org.moodlemigrate.plan.MigrationPlan;
import org.moodlemigrate.plan.MigrationPlanner;
import org.moodlemigrate.plan.PlanProblem;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.plan.TaskPacker;
import org.moodlemigrate.report.ReportWriter;
import org.moodlemigrate.report.RunReport;
import org.moodlemigrate.report.ToolVersion;
import org.moodlemigrate.target.TargetCompletion;
import org.moodlemigrate.target.IndexRebuild;
import org.moodlemigrate.target.TargetPreparation;
import org.moodlemigrate.transforms.CopyJob;
import org.moodlemigrate.transforms.TableCopySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run, phase by phase: inspect both catalogs, plan, refuse early if the plan has problems,
 * record the run in the journal, prepare the target (truncate), copy (the Beam pipeline), complete
 * (sequences, ownership, ANALYZE), report.
 *
 * <p>Nothing is written to the target before planning has found no problem. The source is only
 * ever read, over read-only sessions.
 */
public final class Migration {
  private static final Logger LOG = LoggerFactory.getLogger(Migration.class);

  /** Empty single-chunk tables this big are truncated with their copy anyway, for COPY FREEZE. */
  private static final long FREEZE_ROWS = 10_000;

  /** {@code maintenance_work_mem} of each index-building session. */
  private static final String INDEX_BUILD_MEMORY = "256MB";

  /**
   * @param report what happened
   * @param exitCode the process exit status ({@link ExitCodes})
   */
  public record Outcome(RunReport report, int exitCode) {}

  private final RunSettings settings;
  private final RunReportBuilder reports;
  private final HikariDataSource sourceAdmin;
  private final HikariDataSource targetAdmin;

  private Migration(
      RunSettings settings, RunReportBuilder reports, HikariDataSource sourceAdmin, HikariDataSource targetAdmin) {
    this.settings = settings;
    this.reports = reports;
    this.sourceAdmin = sourceAdmin;
    this.targetAdmin = targetAdmin;
  }

  /** Runs the migration; never throws for a problem of the data or the servers. */
  public static Outcome run(RunSettings settings) {
    RunReportBuilder reports = new RunReportBuilder(settings, Instant.now());
    Outcome outcome;
    try (HikariDataSource sourceAdmin = DataSources.open(settings.source(), ConnectionRole.ADMIN, 1);
        HikariDataSource targetAdmin =
            DataSources.open(settings.target(), ConnectionRole.ADMIN, Math.max(2, settings.parallelism()))) {
      outcome = new Migration(settings, reports, sourceAdmin, targetAdmin).execute();
    } catch (ConnectionFailedException e) {
      outcome = new Outcome(reports.fatal(null, e.getMessage()), ExitCodes.FATAL);
    } finally {
      SharedDataSources.closeAll();
    }
    writeReport(outcome.report(), settings.report());
    return outcome;
  }

  private Outcome execute() {
    Thread warmUp = CopyPipeline.warmUp(settings.beamArgs());
    SourceCatalog source;
    TargetCatalog target;
    try (Connection sc = sourceAdmin.getConnection();
        Connection tc = targetAdmin.getConnection()) {
      source = MySqlCatalogReader.read(sc, settings.source().database());
      target = PostgresCatalogReader.read(tc, settings.targetSchema());
    } catch (SQLException e) {
      return new Outcome(reports.fatal(null, "cannot read the catalogs: " + e.getMessage()), ExitCodes.FATAL);
    }
    reports.servers(source.server(), target.server());
    LOG.info("Source {} ({}): {} tables; target {} schema {} ({}): {} tables",
        settings.source().describe(), source.server(), source.tables().size(),
        settings.target().describe(), settings.targetSchema(), target.server(), target.tables().size());

    MigrationPlan plan = new MigrationPlanner(settings.castRules(), settings.selector()).plan(source, target);
    if (!plan.canStart()) {
      for (PlanProblem p : plan.problems()) {
        LOG.error("{}", p);
      }
      LOG.error("Nothing was written: the plan has {} problem(s)", plan.problems().size());
      return new Outcome(reports.refused(plan), ExitCodes.REFUSED);
    }
    List<TablePlan> loaded = plan.loaded();
    LOG.info("Plan: {} tables to load, {} skipped", loaded.size(), plan.skipped().size());

    Long runId = null;
    try {
      Map<String, List<Chunk>> chunks;
      try (Connection sc = sourceAdmin.getConnection()) {
        chunks = ChunkPlanning.chunks(sc, settings.source().database(), loaded, settings.chunkRows());
      }
      LOG.debug("Chunked {} tables", chunks.size());
      Journal journal = new Journal(targetAdmin, settings.journalSchema());
      journal.migrate();
      LOG.debug("Journal schema {} is up to date", settings.journalSchema());
      runId = journal.startRun(ToolVersion.get(), settings.source().describe(), settings.targetSchema(), settingsJson());
      journal.registerTables(runId, journalEntries(loaded, chunks));
      LOG.debug("Run {} registered", runId);

      Prepared prepared = prepare(runId, journal, loaded, chunks);
      joinQuietly(warmUp);
      double copySeconds = copy(runId, source, loaded, chunks, prepared.truncateInChunk());

      List<IndexRebuild.Built> rebuilt = rebuildIndexes(runId, journal, loaded, prepared.indexes());
      TargetCompletion.Result completion = complete(loaded);
      List<String> completionErrors = new ArrayList<>(TargetCompletion.indexErrors(rebuilt));
      completionErrors.addAll(completion.errors());
      RunReport report =
          reports.finished(runId, plan, journal.chunks(runId),
              new RunReport.Completion(
                  (int) rebuilt.stream().filter(b -> b.error() == null).count(),
                  completion.sequencesReset(), settings.owner(), completion.tablesAnalysed(), completionErrors),
              copySeconds);
      journal.finishRun(runId, report.status());
      return new Outcome(report, "succeeded".equals(report.status()) ? ExitCodes.OK : ExitCodes.FAILED);
    } catch (SQLException | RuntimeException e) {
      LOG.error("The run stopped: {}", e.getMessage(), e);
      if (runId != null) {
        try {
          new Journal(targetAdmin, settings.journalSchema()).finishRun(runId, "failed");
        } catch (SQLException journalError) {
          LOG.debug("cannot mark the run failed: {}", journalError.getMessage());
        }
      }
      return new Outcome(reports.fatal(runId, "the run stopped: " + e.getMessage()), ExitCodes.FATAL);
    }
  }

  /**
   * @param truncateInChunk whole-table chunks whose table is emptied inside the chunk's transaction
   * @param indexes secondary indexes dropped for the load, to be built again after it
   */
  private record Prepared(Set<String> truncateInChunk, List<IndexDefinition> indexes) {}

  /**
   * Empties the split tables that hold rows, drops the secondary indexes of big tables (after
   * recording them in the journal), and decides which whole-table chunks empty their table
   * themselves: those holding rows, and big ones (for {@code COPY FREEZE}).
   */
  private Prepared prepare(long runId, Journal journal, List<TablePlan> loaded, Map<String, List<Chunk>> chunks)
      throws SQLException {
    List<TargetTable> truncateNow = new ArrayList<>();
    Set<String> truncateInChunk = new HashSet<>();
    Set<String> bigTables = new HashSet<>();
    for (TablePlan t : loaded) {
      if (Math.max(0, t.source().rowsEstimate()) >= settings.indexRebuildRows()) {
        bigTables.add(t.target().name());
      }
    }
    List<IndexDefinition> indexes = new ArrayList<>();
    try (Connection tc = targetAdmin.getConnection()) {
      Set<String> nonEmpty = TargetPreparation.nonEmptyTables(tc, settings.targetSchema());
      for (TablePlan t : loaded) {
        boolean split = chunks.get(t.name()).size() > 1;
        if (split && nonEmpty.contains(t.target().name())) {
          truncateNow.add(t.target());
        } else if (!split && (nonEmpty.contains(t.target().name()) || t.source().rowsEstimate() >= FREEZE_ROWS)) {
          truncateInChunk.add(t.name());
        }
      }
      List<IndexDefinition> dropNow = IndexRebuild.droppable(tc, settings.targetSchema(), bigTables);
      List<IndexDefinition> leftOver = journal.unfinishedIndexes(settings.targetSchema());
      Set<String> names = new HashSet<>();
      for (IndexDefinition i : leftOver) {
        LOG.warn("Index {} of {} was dropped by an earlier run and never rebuilt; it is built in this run",
            i.name(), i.table());
      }
      for (IndexDefinition i : concat(dropNow, leftOver)) {
        if (names.add(i.name())) {
          indexes.add(i);
        }
      }
      journal.recordIndexes(runId, indexes);
      IndexRebuild.drop(tc, dropNow);
      TargetPreparation.truncate(tc, truncateNow);
      LOG.info("Prepared the target: {} tables emptied now, {} to be emptied with their copy, {} already empty;"
              + " {} secondary indexes of {} big tables dropped for the load",
          truncateNow.size(), truncateInChunk.size(), loaded.size() - truncateNow.size() - truncateInChunk.size(),
          dropNow.size(), bigTables.size());
    }
    return new Prepared(truncateInChunk, indexes);
  }

  private List<IndexRebuild.Built> rebuildIndexes(
      long runId, Journal journal, List<TablePlan> loaded, List<IndexDefinition> indexes) {
    if (indexes.isEmpty()) {
      return List.of();
    }
    long t0 = System.nanoTime();
    Map<String, Long> rows = new HashMap<>();
    loaded.forEach(t -> rows.put(t.target().name(), t.source().rowsEstimate()));
    List<IndexRebuild.Built> built =
        IndexRebuild.build(targetAdmin, indexes, rows, settings.parallelism(), INDEX_BUILD_MEMORY, result -> {
          try {
            journal.markIndex(runId, result.index(), result.seconds(), result.error());
          } catch (SQLException e) {
            LOG.error("cannot record the rebuild of index {} in the journal: {}", result.index().name(), e.getMessage());
          }
        });
    LOG.info("Rebuilt {} of {} secondary indexes in {} s", built.stream().filter(b -> b.error() == null).count(),
        indexes.size(), String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
    return built;
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private double copy(
      long runId, SourceCatalog source, List<TablePlan> loaded, Map<String, List<Chunk>> chunks,
      Set<String> truncateInChunk) {
    Map<String, TableCopySpec> specs = new LinkedHashMap<>();
    for (TablePlan t : loaded) {
      specs.put(t.name(), TableCopySpec.of(t, source.database(), truncateInChunk.contains(t.name())));
    }
    CopyJob job =
        new CopyJob(runId, settings.source(), settings.target(), settings.journalSchema(),
            settings.parallelism(), specs);
    List<Chunk> all = chunks.values().stream().flatMap(List::stream).toList();
    List<CopyTask> tasks = new TaskPacker(settings.parallelism(), settings.chunkRows()).pack(all);
    long rows = all.stream().mapToLong(Chunk::rowsEstimate).sum();
    LOG.info("Copying {} tables: {} chunks in {} tasks, about {} rows, parallelism {}",
        loaded.size(), all.size(), tasks.size(), String.format("%,d", rows), settings.parallelism());
    long t0 = System.nanoTime();
    try (JournalProgress progress = JournalProgress.start(targetAdmin, settings.journalSchema(), runId, 15)) {
      CopyPipeline.run("main", job, tasks, CopyPipeline.options(settings.parallelism(), settings.beamArgs()));
    } finally {
      SharedDataSources.closeAll();
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private TargetCompletion.Result complete(List<TablePlan> loaded) throws SQLException {
    Map<String, Long> autoIncrementBySourceTable;
    try (Connection sc = sourceAdmin.getConnection()) {
      autoIncrementBySourceTable = MySqlCatalogReader.readAutoIncrements(sc, settings.source().database());
    }
    Map<String, Long> autoIncrements = new HashMap<>();
    for (TablePlan t : loaded) {
      Long ai = autoIncrementBySourceTable.get(t.name());
      if (ai == null) {
        continue;
      }
      for (ColumnCast c : t.columns()) {
        if (c.source().autoIncrement()) {
          autoIncrements.put(t.target().name() + "." + c.target().name(), ai);
        }
      }
    }
    try (Connection tc = targetAdmin.getConnection()) {
      return TargetCompletion.complete(tc, settings.targetSchema(), targets(loaded), autoIncrements, settings.owner());
    }
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<TargetTable> targets(List<TablePlan> loaded) {
    return loaded.stream().map(TablePlan::target).toList();
  }

  private static List<Journal.TableEntry> journalEntries(List<TablePlan> loaded, Map<String, List<Chunk>> chunks) {
    List<Journal.TableEntry> out = new ArrayList<>();
    for (TablePlan t : loaded) {
      out.add(new Journal.TableEntry(t.name(), t.target().schema() + "." + t.target().name(),
          t.mode().label(), Math.max(0, t.source().rowsEstimate()), chunks.get(t.name())));
    }
    return out;
  }

  private String settingsJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("targetSchema", settings.targetSchema());
    m.put("owner", settings.owner());
    m.put("parallelism", settings.parallelism());
    m.put("chunkRows", settings.chunkRows());
    m.put("indexRebuildRows", settings.indexRebuildRows());
    return Journal.settingsJson(m);
  }

  /** Writes the JSON report when a path is set; a failure to write is logged, not fatal. */
  private static void writeReport(RunReport report, java.nio.file.Path file) {
    if (file == null) {
      return;
    }
    try {
      ReportWriter.writeJson(report, file);
      LOG.info("Report written to {}", file);
    } catch (IOException e) {
      LOG.error("cannot write the report to {}: {}", file, e.getMessage());
    }
  }
}
