package org.moodlemigrate.migration;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.moodlemigrate.catalog.SourceCatalog;
import org.moodlemigrate.connect.ConnectionBudget;
import org.moodlemigrate.connect.ConnectionFailedException;
import org.moodlemigrate.connect.ConnectionRole;
import org.moodlemigrate.connect.DataSources;
import org.moodlemigrate.connect.SharedDataSources;
import org.moodlemigrate.journal.Journal;
import org.moodlemigrate.journal.PlannedChunks;
import org.moodlemigrate.journal.RunLock;
import org.moodlemigrate.journal.RunRecord;
import org.moodlemigrate.pipelines.CopyPipeline;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.plan.MigrationPlan;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.report.Finding;
import org.moodlemigrate.report.ReportWriter;
import org.moodlemigrate.report.RunReport;
import org.moodlemigrate.report.Severity;
import org.moodlemigrate.report.ToolVersion;
import org.moodlemigrate.sandbox.PreservedRow;
import org.moodlemigrate.settings.RunSettings;
import org.moodlemigrate.transforms.ColumnMask;
import org.moodlemigrate.transforms.DigestCheck;
import org.moodlemigrate.transforms.RunStop;
import org.moodlemigrate.transforms.UnrecordedOutcomes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run, phase by phase: inspect both catalogs, plan, refuse early if the plan has problems,
 * record the run in the journal, prepare the target (truncate), copy (the Beam pipeline), complete
 * (sequences, ownership, ANALYZE), report.
 *
 * <p>Nothing is written to the target before planning has found no problem. The source is only ever
 * read, over read-only sessions.
 */
public final class Migration {
  private static final Logger LOG = LoggerFactory.getLogger(Migration.class);

  /**
   * @param report what happened
   * @param exitCode the process exit status ({@link ExitCodes})
   */
  public record Outcome(RunReport report, int exitCode) {
    /**
     * Whether this run may write the report files: not when another run holds the target, whose
     * report they are (two refreshes from cron share one command line).
     */
    public boolean ownsReports() {
      return exitCode != ExitCodes.LOCKED;
    }
  }

  private final RunSettings settings;
  private final RunReportBuilder reports;
  private final HikariDataSource sourceAdmin;
  private final HikariDataSource targetAdmin;
  private final String resumeCommand;
  private final PhaseClock clock;

  private Migration(
      RunSettings settings,
      RunReportBuilder reports,
      HikariDataSource sourceAdmin,
      HikariDataSource targetAdmin,
      String resumeCommand,
      PhaseClock clock) {
    this.settings = settings;
    this.reports = reports;
    this.sourceAdmin = sourceAdmin;
    this.targetAdmin = targetAdmin;
    this.resumeCommand = resumeCommand;
    this.clock = clock;
  }

  /** Runs the migration, for callers that have no command line to repeat (the demo, tests). */
  public static Outcome run(RunSettings settings) {
    return run(settings, "the same command with --resume", new PhaseClock(System::nanoTime, 0));
  }

  /**
   * Runs the migration; never throws for a problem of the data or the servers.
   *
   * <p>The run lock of the target schema comes first, before the source is even connected to, so
   * that a second run (or a resume while this one lives) refuses at once and touches nothing; the
   * lock is held to the end.
   *
   * <p>The report file, when one is asked for, says {@code running} from the moment the lock is
   * held: a report left by an earlier run must never be mistaken for this one's, even if this
   * process is killed. Not before: a run refused by the lock must leave the report of the run that
   * holds it alone (two refreshes from cron share one command line); one that cannot reach the
   * target writes its failure over the old report at its end.
   *
   * @param resumeCommand the command that resumes this run if it stops, for the summary
   */
  public static Outcome run(RunSettings settings, String resumeCommand) {
    return run(settings, resumeCommand, new PhaseClock());
  }

  /**
   * @param clock times the phases; its startup counts from the JVM's start for a run that is the
   *     process's own (the command line), from the call for one run among other work (the demo)
   */
  private static Outcome run(RunSettings settings, String resumeCommand, PhaseClock clock) {
    RunReportBuilder reports = new RunReportBuilder(settings, Instant.now());
    Outcome outcome;
    try (HikariDataSource targetAdmin =
            DataSources.open(
                settings.target(),
                ConnectionRole.ADMIN,
                ConnectionBudget.targetAdmin(settings.parallelism()));
        RunLock lock =
            RunLock.acquire(
                () -> DataSources.connect(settings.target()),
                settings.targetSchema(),
                RunLock.Mode.EXCLUSIVE,
                settings.resume() ? "run --resume" : "run")) {
      writeReport(reports.running(), settings.report(), false);
      try (HikariDataSource sourceAdmin =
          DataSources.open(settings.source(), ConnectionRole.ADMIN, ConnectionBudget.SOURCE_ADMIN)) {
        outcome =
            new Migration(settings, reports, sourceAdmin, targetAdmin, resumeCommand, clock)
                .execute(lock);
      }
    } catch (RunLock.HeldException e) {
      outcome = new Outcome(reports.notStarted(null, e.getMessage()), ExitCodes.LOCKED);
    } catch (SQLException e) {
      outcome =
          new Outcome(
              reports.fatal(null, "cannot take the run lock in the target: " + e.getMessage()),
              ExitCodes.FATAL);
    } catch (ConnectionFailedException e) {
      outcome = new Outcome(reports.fatal(null, e.getMessage()), ExitCodes.FATAL);
    } finally {
      SharedDataSources.closeAll();
    }
    clock.enter(PhaseClock.Phase.DONE);
    outcome = new Outcome(outcome.report().withPhases(clock.phases()), outcome.exitCode());
    if (outcome.ownsReports()) {
      writeReport(outcome.report(), settings.report(), true);
    } else {
      LOG.debug("the report file is the running run's: not written");
    }
    return outcome;
  }

  private Outcome execute(RunLock lock) {
    Thread warmUp = CopyPipeline.warmUp(settings.runner());
    Journal journal = new Journal(targetAdmin, settings.journalSchema());
    RunRecord resumed = null;
    if (settings.resume()) {
      Resumption resumption;
      try {
        resumption = Resumption.find(journal, settings);
      } catch (SQLException e) {
        return new Outcome(
            reports.fatal(null, "cannot read the journal: " + e.getMessage()), ExitCodes.FATAL);
      }
      if (resumption.refusal() != null) {
        return new Outcome(reports.notStarted(null, resumption.refusal()), ExitCodes.REFUSED);
      }
      if (resumption.finished() != null) {
        RunRecord done = resumption.finished();
        LOG.info(
            "Run {} into schema {} already finished ({}, {}): nothing to resume",
            done.runId(),
            done.targetSchema(),
            done.status(),
            done.finishedAt());
        return new Outcome(reports.alreadyFinished(done), ExitCodes.OK);
      }
      resumed = resumption.unfinished();
    }
    // A resumed run plans against the target as the interrupted run left it: the tables that run
    // created now exist, and are loaded into rather than created again.
    RunSettings planning = resumed == null ? settings : settings.forResume();
    Preflight preflight;
    clock.enter(PhaseClock.Phase.CHECKS);
    try {
      preflight = Preflight.run(planning, sourceAdmin, targetAdmin, !settings.skipChecks());
    } catch (SQLException e) {
      return new Outcome(
          reports.fatal(null, "cannot read the catalogs: " + e.getMessage()), ExitCodes.FATAL);
    }
    SourceCatalog source = preflight.source();
    reports.servers(source.server(), preflight.target().server());
    reports.findings(
        resumed == null
            ? preflight.findings()
            : preflight.findings().stream()
                // The rows a resumed table holds are the run's own, and they stay.
                .filter(f -> !f.id().equals("target-tables-not-empty"))
                .toList());
    MigrationPlan plan = preflight.plan();
    if (Interruption.requested() != null) {
      return new Outcome(
          reports.interruptedBeforeStart(
              resumed == null ? null : resumed.runId(),
              Interruption.requested()
                  + " before the copy started: nothing was written"
                  + (resumed == null ? "" : "; resume with: " + resumeCommand)),
          Interruption.exitCode());
    }
    if (preflight.hasErrors()) {
      // Each error is printed once, by the summary (and is in the report).
      LOG.warn(
          "Nothing was written: the pre-flight checks found {} error(s)",
          preflight.errors().size());
      return new Outcome(reports.refused(plan), ExitCodes.REFUSED);
    }
    List<TablePlan> loaded = plan.loaded();
    List<TablePlan> toCreate = plan.created();
    List<TablePlan> copied = new ArrayList<>(loaded);
    copied.addAll(toCreate);
    LOG.info(
        "Plan: {} tables to load, {} to create, {} skipped",
        loaded.size(),
        toCreate.size(),
        plan.skipped().size());

    Long runId = null;
    AutoCloseable onSignal = () -> {};
    clock.enter(PhaseClock.Phase.PREPARE);
    SiteMasking masking = preflight.masking();
    try {
      Map<String, List<ColumnMask>> masks = Map.of();
      if (masking.any()) {
        masks = masking.bind(sourceAdmin, source.database(), settings.sandbox().keys());
      }
      Map<String, List<Chunk>> chunks;
      PlannedChunks planned = null;
      if (resumed != null) {
        planned = journal.plannedChunks(resumed.runId());
        String mismatch = Resumption.mismatch(planned, copied);
        if (mismatch != null) {
          return new Outcome(reports.notStarted(resumed.runId(), mismatch), ExitCodes.REFUSED);
        }
        chunks = planned.chunks();
      } else {
        chunks =
            ChunkPlanning.chunks(
                sourceAdmin,
                settings.retry(),
                settings.source().database(),
                copied,
                settings.chunkRows());
      }
      journal.migrate();
      Optional<RunRecord> previous =
          resumed == null ? journal.latestRun(settings.targetSchema()) : Optional.empty();
      if (resumed != null) {
        runId = resumed.runId();
        journal.resumeRun(runId);
        LOG.info(
            "Resuming run {} (started {}): {} of {} chunks are done and are not copied again",
            runId,
            resumed.startedAt(),
            planned.done().size(),
            chunks.values().stream().mapToInt(List::size).sum());
      } else {
        runId =
            journal.startRun(
                ToolVersion.get(),
                settings.source().describe(),
                settings.targetSchema(),
                settingsJson());
        journal.registerTables(runId, journalEntries(copied, chunks));
        Set<String> names = copied.stream().map(TablePlan::name).collect(Collectors.toSet());
        journal.recordAnonymised(
            runId,
            masking.record(
                SandboxSteps.changedColumns(settings.sandbox(), masking.prefix(), names),
                SandboxSteps.rewritten(settings.sandbox(), masking.prefix(), names)));
        SourceChanges.recordStart(sourceAdmin, settings, journal, runId, copied);
      }
      long id = runId;
      lock.describeAs("run " + runId);
      lock.onLost(reason -> RunStop.stop(id, reason));
      onSignal = Interruption.onRequest(() -> interruptCopy(journal, id));
      RunContext ctx =
          new RunContext(
              settings,
              sourceAdmin,
              targetAdmin,
              journal,
              runId,
              copyDigest(copied),
              masks,
              masking.emptied());
      List<PreservedRow> kept =
          SandboxSteps.keep(
              ctx, masking.prefix(), previous, resumed == null ? null : resumed.runId());
      Predicate<Chunk> done = planned == null ? c -> false : planned::isDone;

      PreparePhase.Prepared prepared = PreparePhase.run(ctx, loaded, chunks, done);
      joinQuietly(warmUp);
      clock.enter(PhaseClock.Phase.COPY);
      long copyStart = System.nanoTime();
      if (Interruption.requested() != null) {
        return interrupted(journal, id, plan, 0);
      }
      CopyPhase.run(
          ctx,
          "main",
          source.database(),
          loaded,
          pending(chunks, done),
          prepared.truncateInChunk());
      if (Interruption.requested() != null) {
        return interrupted(journal, id, plan, (System.nanoTime() - copyStart) / 1e9);
      }
      CreatePhase.Result created =
          CreatePhase.run(ctx, source.database(), plan.createsSchema(), toCreate, chunks);
      double copySeconds = (System.nanoTime() - copyStart) / 1e9;
      if (Interruption.requested() != null) {
        return interrupted(journal, id, plan, copySeconds);
      }
      List<TablePlan> existing = new ArrayList<>(loaded);
      existing.addAll(created.created());
      RunReport.Completion completion =
          CompletePhase.run(ctx, existing, prepared.indexes(), created, clock);

      List<Journal.ChunkRecord> chunkRecords = journal.chunks(runId);
      reports.addFindings(
          SourceChanges.compare(
              ctx,
              copied.stream().filter(t -> !masking.copiesNothing(t.name())).toList(),
              chunkRecords));
      List<String> problems = new ArrayList<>();
      RejectFiles.Written rejects = writeRejectFiles(journal, runId, chunkRecords, problems);
      String stopped = RunStop.reason(runId);
      if (stopped != null) {
        problems.add(
            "the copy stopped: "
                + stopped
                + "; the tables not started are left as they were: fix the cause and continue with"
                + " run --resume");
      }
      problems.addAll(UnrecordedOutcomes.take(runId));
      RunReport report =
          reports.finished(runId, plan, chunkRecords, rejects, completion, copySeconds, problems);
      if (settings.sandbox() != null) {
        clock.enter(PhaseClock.Phase.SANDBOX);
        SandboxSteps.After after =
            SandboxSteps.after(
                ctx,
                masking,
                kept,
                SandboxSteps.sourceSiteIdentifier(
                    sourceAdmin, source.database(), masking.prefix()));
        Map<String, Long> values = new java.util.HashMap<>();
        report.tables().forEach(t -> values.put(t.name(), t.valuesAnonymised()));
        report =
            report.withSandbox(
                SandboxSteps.report(settings.sandbox(), masking, values, after), after.problems());
      }
      if (Interruption.requested() != null) {
        return interrupted(journal, id, plan, copySeconds);
      }
      if (settings.verify() != null && report.status().startsWith("succeeded")) {
        clock.enter(PhaseClock.Phase.VERIFY);
        report =
            report.withVerification(VerifyRun.afterRun(ctx, existing, chunks, settings.verify()));
        if (!report.verification().passed()) {
          journal.finishRun(runId, report.status());
          return new Outcome(report, ExitCodes.DIFFERENCES);
        }
      }
      journal.finishRun(runId, report.status());
      return new Outcome(report, exitCode(report.status()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(reports.fatal(runId, "the run was interrupted"), ExitCodes.FATAL);
    } catch (SQLException | RuntimeException e) {
      String reason = outOfMemory(e) ? HEAP_ADVICE : e.getMessage();
      LOG.debug("The run stopped: {}", reason, e);
      List<String> problems = new ArrayList<>();
      problems.add("the run stopped: " + reason);
      if (runId != null) {
        problems.addAll(UnrecordedOutcomes.take(runId));
        try {
          new Journal(targetAdmin, settings.journalSchema()).finishRun(runId, "failed");
        } catch (SQLException journalError) {
          String message =
              "the journal could not record that run "
                  + runId
                  + " failed: "
                  + journalError.getMessage()
                  + "; status shows it as running, and run --resume continues it";
          problems.add(message); // printed by the summary
        }
      }
      return new Outcome(reports.fatal(runId, problems), ExitCodes.FATAL);
    } finally {
      closeQuietly(onSignal);
      if (runId != null) {
        RunStop.clear(runId);
      }
    }
  }

  /**
   * A signal asked the run to stop: the copy takes no more chunks, the chunks in flight are aborted
   * (their transactions roll back, they stay pending), and other workers learn it from the journal
   * at their next claim.
   */
  private static void interruptCopy(Journal journal, long runId) {
    RunStop.interrupt(runId, "interrupted by " + Interruption.requested());
    try {
      journal.stopRun(runId);
    } catch (SQLException e) {
      LOG.debug("cannot mark run {} stopping in the journal: {}", runId, e.getMessage());
    }
    org.moodlemigrate.transforms.ChunkWatch.abortAll();
  }

  /**
   * The outcome of a run a signal stopped: the journal records it {@code interrupted}; the report
   * says how far it got and the command that continues it. The completion steps did not run (or not
   * all of them); {@code run --resume} copies the chunks left and runs them.
   */
  private Outcome interrupted(Journal journal, long runId, MigrationPlan plan, double copySeconds)
      throws SQLException {
    List<Journal.ChunkRecord> chunkRecords = journal.chunks(runId);
    List<String> problems = new ArrayList<>();
    RejectFiles.Written rejects = writeRejectFiles(journal, runId, chunkRecords, problems);
    long done = chunkRecords.stream().filter(c -> "done".equals(c.status())).count();
    long rows =
        chunkRecords.stream()
            .filter(c -> "done".equals(c.status()))
            .mapToLong(c -> c.rowsWritten() == null ? 0 : c.rowsWritten())
            .sum();
    problems.add(
        0,
        String.format(
            java.util.Locale.ROOT,
            "interrupted by %s: %,d of %,d chunks are copied (%,d rows); the chunks in flight were"
                + " rolled back, and the completion steps (indexes, sequences, ownership, ANALYZE,"
                + " verification) have not run. Resume with: %s",
            Interruption.requested(),
            done,
            chunkRecords.size(),
            rows,
            resumeCommand));
    RunReport report =
        reports.interrupted(runId, plan, chunkRecords, rejects, copySeconds, problems);
    journal.finishRun(runId, "interrupted");
    LOG.warn("Run {} interrupted: {} of {} chunks copied", runId, done, chunkRecords.size());
    return new Outcome(report, Interruption.exitCode());
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("close: {}", e.getMessage());
    }
  }

  /**
   * Whether this run digests its chunks: asked for ({@code --no-copy-digest} not given), and the
   * target hashes text as the tool does. When it does, a finding names the columns the digest
   * cannot compare; when not, a warning says the proof is counts only.
   */
  private boolean copyDigest(List<TablePlan> copied) throws SQLException {
    if (!settings.copyDigest()) {
      return false;
    }
    String unavailable;
    try (Connection tc = targetAdmin.getConnection()) {
      unavailable = DigestCheck.selfCheck(tc);
    }
    if (unavailable == null) {
      reports.addFindings(CopyDigestCoverage.of(copied));
      return true;
    }
    LOG.warn("The copy digest is off: {}", unavailable);
    reports.addFindings(
        List.of(
            new Finding(
                "copy-digest-off",
                Severity.WARNING,
                "the copy digest is off: " + unavailable + "; rows are proved by counts only",
                "run verify --verify checksums after the run to compare every value",
                List.of())));
    return false;
  }

  private static final String HEAP_ADVICE =
      "the JVM ran out of heap memory. Each chunk being copied holds its largest row, about twice"
          + " its largest value while the driver reads it; give the JVM more (JAVA_OPTS=-Xmx4g)"
          + " or copy fewer chunks at once (--parallelism), and run again";

  private static boolean outOfMemory(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  private static int exitCode(String status) {
    return switch (status) {
      case "succeeded" -> ExitCodes.OK;
      case "succeeded-with-rejects" -> ExitCodes.REJECTS;
      default -> ExitCodes.FAILED;
    };
  }

  /**
   * Writes the reject files. The journal keeps the issues whatever happens here, so a file that
   * cannot be written does not lose them; but the run then fails (its report says why and where the
   * issues are), since an administrator relies on the files to see what was not carried.
   */
  private RejectFiles.Written writeRejectFiles(
      Journal journal, long runId, List<Journal.ChunkRecord> chunkRecords, List<String> problems) {
    try {
      RejectFiles.Written written =
          RejectFiles.write(
              journal,
              runId,
              settings.target().database(),
              reports.startedAt(),
              settings.rejectsDir(),
              chunkRecords);
      if (written.directory() != null) {
        LOG.warn(
            "Rows rejected or values changed in {} table(s): see {}",
            written.files().size(),
            written.directory());
      }
      return written;
    } catch (IOException e) {
      String message =
          "cannot write the reject files under "
              + settings.rejectsDir()
              + ": "
              + e.getMessage()
              + "; the rows rejected and values changed remain in the journal table "
              + settings.journalSchema()
              + ".run_row_issue for run "
              + runId;
      problems.add(message); // printed by the summary
      return RejectFiles.Written.NONE;
    } catch (SQLException e) {
      String message =
          "cannot read the row issues from the journal to write the reject files: "
              + e.getMessage();
      problems.add(message); // printed by the summary
      return RejectFiles.Written.NONE;
    }
  }

  /** The chunks not yet done, by table; tables with none left are left out. */
  private static Map<String, List<Chunk>> pending(
      Map<String, List<Chunk>> chunks, Predicate<Chunk> done) {
    Map<String, List<Chunk>> out = new LinkedHashMap<>();
    chunks.forEach(
        (table, list) -> {
          List<Chunk> left = list.stream().filter(done.negate()).toList();
          if (!left.isEmpty()) {
            out.put(table, left);
          }
        });
    return out;
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<Journal.TableEntry> journalEntries(
      List<TablePlan> loaded, Map<String, List<Chunk>> chunks) {
    List<Journal.TableEntry> out = new ArrayList<>();
    for (TablePlan t : loaded) {
      out.add(
          new Journal.TableEntry(
              t.name(),
              t.target().schema() + "." + t.target().name(),
              t.mode().label(),
              Math.max(0, t.source().rowsEstimate()),
              chunks.get(t.name())));
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
  private static void writeReport(RunReport report, java.nio.file.Path file, boolean last) {
    if (file == null) {
      return;
    }
    try {
      ReportWriter.writeJson(report, file);
      if (last) {
        LOG.info("Report written to {}", file);
      }
    } catch (IOException e) {
      LOG.error("cannot write the report to {}: {}", file, e.getMessage());
    }
  }
}
