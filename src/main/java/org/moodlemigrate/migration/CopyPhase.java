package org.moodlemigrate.migration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.moodlemigrate.connect.ConnectionBudget;
import org.moodlemigrate.connect.SharedDataSources;
import org.moodlemigrate.journal.JournalProgress;
import org.moodlemigrate.pipelines.CopyPipeline;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.plan.CopyTask;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.plan.TaskPacker;
import org.moodlemigrate.progress.CopyDisplay;
import org.moodlemigrate.progress.ProgressDisplay;
import org.moodlemigrate.progress.TableTotal;
import org.moodlemigrate.settings.RunSettings;
import org.moodlemigrate.transforms.CopyJob;
import org.moodlemigrate.transforms.FailureLog;
import org.moodlemigrate.transforms.TableCopySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copy phase: packs the chunks into tasks and runs the copy pipeline over them, logging
 * progress from the journal. Each chunk's outcome is in the journal when it returns.
 */
final class CopyPhase {
  private static final Logger LOG = LoggerFactory.getLogger(CopyPhase.class);
  private static final long PROGRESS_SECONDS = 15;

  private CopyPhase() {}

  /**
   * Copies the tables; returns the wall time in seconds.
   *
   * @param pass the pass's name, for step names and logs ({@code main}, {@code dynamic})
   * @param chunks the chunks to copy, by table; a table without an entry is not copied (a resumed
   *     run's finished tables)
   */
  static double run(
      RunContext ctx,
      String pass,
      String sourceDatabase,
      List<TablePlan> loaded,
      Map<String, List<Chunk>> chunks,
      Set<String> truncateInChunk) {
    List<TablePlan> toCopy = loaded.stream().filter(t -> chunks.containsKey(t.name())).toList();
    if (toCopy.isEmpty()) {
      return 0;
    }
    RunSettings settings = ctx.settings();
    Map<String, TableCopySpec> specs = new LinkedHashMap<>();
    for (TablePlan t : toCopy) {
      specs.put(
          t.name(),
          TableCopySpec.of(
              t,
              sourceDatabase,
              truncateInChunk.contains(t.name()),
              ctx.copyDigest(),
              ctx.masks().getOrDefault(t.name(), List.of()),
              ctx.emptied().contains(t.name())));
    }
    CopyJob job =
        new CopyJob(
            ctx.runId(),
            settings.source(),
            settings.target(),
            settings.journalSchema(),
            ConnectionBudget.copyPerSide(settings.parallelism()),
            settings.valuePolicy(),
            settings.retry(),
            settings.serverTimeout(),
            specs);
    List<Chunk> all = toCopy.stream().flatMap(t -> chunks.get(t.name()).stream()).toList();
    List<CopyTask> tasks = new TaskPacker(settings.parallelism(), settings.chunkRows()).pack(all);
    LOG.info(
        "Copying ({} pass) {} tables: {} chunks in {} tasks, about {} rows, parallelism {}, on the"
            + " {} runner",
        pass,
        toCopy.size(),
        all.size(),
        tasks.size(),
        String.format("%,d", all.stream().mapToLong(Chunk::rowsEstimate).sum()),
        settings.parallelism(),
        settings.runner().describe());
    long t0 = System.nanoTime();
    List<TableTotal> totals =
        toCopy.stream()
            .map(
                t ->
                    new TableTotal(
                        t.name(),
                        chunks.get(t.name()).size(),
                        chunks.get(t.name()).stream().mapToLong(Chunk::rowsEstimate).sum()))
            .toList();
    try (ProgressDisplay progress = progress(ctx, totals)) {
      CopyPipeline.run(
          "main",
          job,
          tasks,
          CopyPipeline.options(settings.parallelism(), settings.runner()),
          settings.runner().workersInThisJvm());
    } finally {
      SharedDataSources.closeAll();
      FailureLog.summarise(ctx.runId());
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * The progress display: live figures from the workers when they run in this JVM (the direct
   * runner, Flink's local cluster); when they run elsewhere, a periodic line read from the journal.
   */
  private static ProgressDisplay progress(RunContext ctx, List<TableTotal> totals) {
    if (ctx.settings().runner().workersInThisJvm()) {
      return CopyDisplay.start(totals);
    }
    return JournalProgress.start(
        ctx.targetAdmin(), ctx.settings().journalSchema(), ctx.runId(), PROGRESS_SECONDS);
  }
}
