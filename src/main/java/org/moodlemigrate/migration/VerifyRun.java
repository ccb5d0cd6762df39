package org.moodlemigrate.migration;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.moodlemigrate.connect.ConnectionFailedException;
import org.moodlemigrate.connect.ConnectionRole;
import org.moodlemigrate.connect.DataSources;
import org.moodlemigrate.connect.SharedDataSources;
import org.moodlemigrate.journal.AnonymisedColumns;
import org.moodlemigrate.journal.Journal;
import org.moodlemigrate.journal.PlannedChunks;
import org.moodlemigrate.journal.RunLock;
import org.moodlemigrate.journal.RunRecord;
import org.moodlemigrate.pipelines.VerifyPipeline;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.plan.MigrationPlan;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.report.ReportWriter;
import org.moodlemigrate.report.VerificationReport;
import org.moodlemigrate.settings.RunSettings;
import org.moodlemigrate.settings.RunnerSettings;
import org.moodlemigrate.verify.Difference;
import org.moodlemigrate.verify.RunAnomalies;
import org.moodlemigrate.verify.TableResult;
import org.moodlemigrate.verify.TableStatus;
import org.moodlemigrate.verify.Verifier;
import org.moodlemigrate.verify.VerifyLevel;
import org.moodlemigrate.verify.VerifyResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves a migration: at the end of {@code run} (unless {@code --no-verify}), or on its own as
 * {@code verify}. Compares the source with the target table by table ({@link Verifier}), over the
 * chunks of the latest run when the journal has one (so that a difference is named by chunk and
 * key, and the run's own anomalies, rows rejected and values changed, are accounted for rather than
 * reported as differences), or over chunks planned afresh when it has none.
 *
 * <p>Reads both sides only; the one thing written is the verification's record in the journal, when
 * there is a journal.
 */
public final class VerifyRun {
  private static final Logger LOG = LoggerFactory.getLogger(VerifyRun.class);

  /**
   * @param report what was found; null when the verification could not run
   * @param problem why it could not; null when it ran
   * @param exitCode {@link ExitCodes#OK}, {@link ExitCodes#DIFFERENCES}, {@link ExitCodes#FATAL},
   *     or {@link ExitCodes#REFUSED} while a run holds the target
   */
  public record Outcome(VerificationReport report, String problem, int exitCode) {}

  private VerifyRun() {}

  /** {@code moodle-migrate verify}. */
  public static Outcome run(RunSettings settings, VerifyLevel level) {
    Outcome outcome;
    try (HikariDataSource sourceAdmin =
            DataSources.open(settings.source(), ConnectionRole.ADMIN, 1);
        HikariDataSource targetAdmin =
            DataSources.open(settings.target(), ConnectionRole.ADMIN, 2);
        RunLock lock =
            RunLock.acquire(
                () -> DataSources.connect(settings.target()),
                settings.targetSchema(),
                RunLock.Mode.SHARED,
                "verify")) {
      outcome = verifyCommand(settings, level, sourceAdmin, targetAdmin);
    } catch (RunLock.HeldException e) {
      // A run is writing the target: what it would compare is still changing.
      outcome = new Outcome(null, e.getMessage(), ExitCodes.LOCKED);
    } catch (ConnectionFailedException e) {
      outcome = new Outcome(null, e.getMessage(), ExitCodes.FATAL);
    } catch (SQLException e) {
      outcome = new Outcome(null, "cannot verify: " + e.getMessage(), ExitCodes.FATAL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = new Outcome(null, "interrupted", ExitCodes.FATAL);
    } finally {
      SharedDataSources.closeAll();
    }
    if (outcome.report() != null && settings.report() != null) {
      try {
        ReportWriter.writeJson(outcome.report(), settings.report());
      } catch (IOException e) {
        LOG.error("cannot write the report to {}: {}", settings.report(), e.getMessage());
      }
    }
    return outcome;
  }

  private static Outcome verifyCommand(
      RunSettings settings,
      VerifyLevel level,
      HikariDataSource sourceAdmin,
      HikariDataSource targetAdmin)
      throws SQLException, InterruptedException {
    // The target as it is: every table it has is compared (loaded or created by the run alike).
    Preflight preflight = Preflight.run(settings.forResume(), sourceAdmin, targetAdmin, false);
    MigrationPlan plan = preflight.plan();
    if (!plan.problems().isEmpty()) {
      return new Outcome(null, "cannot compare: " + plan.problems().get(0), ExitCodes.FATAL);
    }
    Journal journal = new Journal(targetAdmin, settings.journalSchema());
    Optional<RunRecord> run =
        journal.exists() ? journal.latestRun(settings.targetSchema()) : Optional.empty();
    Map<String, List<Chunk>> chunks = new LinkedHashMap<>();
    RunAnomalies anomalies = RunAnomalies.NONE;
    AnonymisedColumns anonymised = AnonymisedColumns.NONE;
    if (run.isPresent()) {
      journal.migrate();
      anonymised = journal.anonymised(run.get().runId());
      PlannedChunks planned = journal.plannedChunks(run.get().runId());
      chunks.putAll(planned.chunks());
      anomalies = new JournalAnomalies(journal, run.get().runId());
      LOG.info(
          "Comparing with run {} ({}): its chunks, and the rows it rejected and values it changed",
          run.get().runId(),
          run.get().status());
    } else {
      LOG.info("No run recorded in the target: comparing without a run's anomalies");
    }
    List<TablePlan> tables = comparable(plan.loaded(), anonymised);
    List<TablePlan> unplanned = tables.stream().filter(t -> !chunks.containsKey(t.name())).toList();
    if (!unplanned.isEmpty()) {
      chunks.putAll(
          ChunkPlanning.chunks(
              sourceAdmin,
              settings.retry(),
              settings.source().database(),
              unplanned,
              settings.chunkRows()));
    }
    List<String> missing = plan.created().stream().map(TablePlan::name).toList();
    Instant started = Instant.now();
    VerificationReport report =
        verify(
            settings,
            sourceAdmin,
            targetAdmin,
            tables,
            chunks,
            anomalies,
            level,
            run.map(RunRecord::runId).orElse(null),
            missing);
    if (journal.exists()) {
      record(journal, report, started);
    }
    return new Outcome(report, null, report.passed() ? ExitCodes.OK : ExitCodes.DIFFERENCES);
  }

  /**
   * The tables as far as they are to be compared with the source: without the columns the run's
   * anonymisation rules replaced, and without the tables they emptied or the post-refresh steps
   * rewrote — those differ from the source by design, and are listed in the run's report instead.
   * Each left out is logged.
   */
  static List<TablePlan> comparable(List<TablePlan> tables, AnonymisedColumns anonymised) {
    if (anonymised.isEmpty()) {
      return tables;
    }
    List<TablePlan> out = new java.util.ArrayList<>();
    for (TablePlan t : tables) {
      if (anonymised.emptied().contains(t.name())) {
        LOG.info("Not compared: {} (emptied by the anonymisation rules)", t.name());
        continue;
      }
      String rewritten = anonymised.rewritten().get(t.name());
      if (rewritten != null) {
        LOG.info("Not compared: {} (rewritten after the copy: {})", t.name(), rewritten);
        continue;
      }
      java.util.Set<String> masked = anonymised.of(t.name());
      if (masked.isEmpty()) {
        out.add(t);
        continue;
      }
      LOG.info(
          "Compared without the anonymised columns of {}: {}", t.name(), String.join(", ", masked));
      out.add(
          new TablePlan(
              t.source(),
              t.mode(),
              t.reason(),
              t.target(),
              t.columns().stream().filter(c -> !masked.contains(c.source().name())).toList(),
              t.definition(),
              t.replacesExisting()));
    }
    return out;
  }

  /** At the end of a run: the tables it copied, over its own chunks and anomalies. */
  static VerificationReport afterRun(
      RunContext ctx, List<TablePlan> tables, Map<String, List<Chunk>> chunks, VerifyLevel level)
      throws SQLException, InterruptedException {
    Instant started = Instant.now();
    VerificationReport report =
        verify(
            ctx.settings(),
            ctx.sourceAdmin(),
            ctx.targetAdmin(),
            comparable(tables, ctx.journal().anonymised(ctx.runId())),
            chunks,
            new JournalAnomalies(ctx.journal(), ctx.runId()),
            level,
            ctx.runId(),
            List.of());
    record(ctx.journal(), report, started);
    return report;
  }

  private static VerificationReport verify(
      RunSettings settings,
      DataSource sourceAdmin,
      DataSource targetAdmin,
      List<TablePlan> tables,
      Map<String, List<Chunk>> chunks,
      RunAnomalies anomalies,
      VerifyLevel level,
      Long runId,
      List<String> missingFromTarget)
      throws SQLException, InterruptedException {
    int parallelism = settings.parallelism();
    LOG.info("Verifying {} tables ({}), parallelism {}", tables.size(), level.label(), parallelism);
    VerifyResult result;
    if (settings.runner().kind() != RunnerSettings.Kind.DIRECT) {
      // On a cluster's workers, as the copy ran: the driver's own pools serve only its reads.
      RunAnomalies.Source onWorkers =
          runId == null
              ? RunAnomalies.Source.NONE
              : new JournalAnomalies.Source(settings.journalSchema(), runId);
      result =
          Verifier.between(sourceAdmin, targetAdmin, settings.source().database())
              .withLevel(level)
              .withParallelism(parallelism)
              .withAnomalies(anomalies)
              .onWorkers(
                  new VerifyPipeline(
                      settings.runner(),
                      settings.source(),
                      settings.target(),
                      parallelism,
                      settings.serverTimeout(),
                      onWorkers,
                      targetAdmin,
                      settings.journalSchema(),
                      Duration.ofSeconds(15)))
              .verify(tables, chunks);
    } else {
      try (HikariDataSource source =
              DataSources.open(
                  settings.source(),
                  ConnectionRole.SOURCE_READ,
                  parallelism,
                  settings.serverTimeout());
          HikariDataSource target =
              DataSources.open(settings.target(), ConnectionRole.ADMIN, parallelism)) {
        result =
            Verifier.between(source, target, settings.source().database())
                .withLevel(level)
                .withParallelism(parallelism)
                .withAnomalies(anomalies)
                .withProgressEvery(Duration.ofSeconds(15))
                .verify(tables, chunks);
      }
    }
    VerificationReport report = report(result, runId, missingFromTarget);
    if (report.passed()) {
      LOG.info(
          "Verified {} tables ({}): they agree{} in {} s",
          report.tablesChecked(),
          level.label(),
          report.differencesAccounted() == 0
              ? ""
              : ", but for "
                  + report.differencesAccounted()
                  + " rows the run reported (rejected or changed)",
          String.format(java.util.Locale.ROOT, "%.1f", report.seconds()));
    } else {
      LOG.error(
          "Verification ({}) found differences in {} of {} tables",
          level.label(),
          report.tablesDiffering(),
          report.tablesChecked());
    }
    return report;
  }

  static VerificationReport report(
      VerifyResult result, Long runId, List<String> missingFromTarget) {
    List<VerificationReport.TableLine> lines = new ArrayList<>();
    int accounted = 0;
    int differing = 0;
    long accountedRows = 0;
    for (String table : missingFromTarget) {
      differing++;
      lines.add(
          new VerificationReport.TableLine(
              table,
              null,
              TableStatus.MISMATCH.label(),
              0,
              0,
              0,
              0,
              0,
              "the target has no such table",
              List.of(),
              List.of()));
    }
    for (TableResult t : result.tables()) {
      accountedRows += t.differencesAccounted();
      if (t.status() == TableStatus.ACCOUNTED) {
        accounted++;
      } else if (!t.status().passes()) {
        differing++;
      }
      lines.add(line(t));
    }
    return new VerificationReport(
        result.level().label(),
        differing == 0,
        runId,
        result.tables().size() + missingFromTarget.size(),
        accounted,
        differing,
        accountedRows,
        result.millis() / 1000.0,
        lines);
  }

  /** Every table goes into the report, agreeing or not, with its chunks and their checksums. */
  private static VerificationReport.TableLine line(TableResult t) {
    return new VerificationReport.TableLine(
        t.sourceTable(),
        t.targetTable(),
        t.status().label(),
        t.sourceRows(),
        t.targetRows(),
        t.chunksChecked(),
        t.chunksDiffering(),
        t.differencesAccounted(),
        t.message(),
        t.firstDifferences().stream().map(Difference::toString).toList(),
        t.chunks().stream()
            .map(
                c ->
                    new VerificationReport.ChunkLine(
                        c.number(),
                        c.range(),
                        c.sourceRows(),
                        c.targetRows(),
                        c.sourceChecksum(),
                        c.targetChecksum(),
                        c.refused(),
                        c.changed(),
                        c.unaccounted(),
                        c.error()))
            .toList());
  }

  /** Records the verification in the journal; a failure to do so is logged, not fatal. */
  private static void record(Journal journal, VerificationReport report, Instant started) {
    String summary =
        report.tables().stream()
            .filter(VerificationReport.TableLine::differs)
            .limit(5)
            .map(
                t ->
                    t.table()
                        + (t.firstDifferences().isEmpty()
                            ? ": " + t.message()
                            : ": " + String.join(", ", t.firstDifferences())))
            .reduce((a, b) -> a + "; " + b)
            .orElse(null);
    try {
      journal.recordVerification(
          report.runId(),
          report.level(),
          started,
          report.passed(),
          report.tablesChecked(),
          report.tablesDiffering(),
          summary);
    } catch (SQLException e) {
      LOG.warn("cannot record the verification in the journal: {}", e.getMessage());
    }
  }
}
