package org.moodlemigrate.migration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.moodlemigrate.casts.ValuePolicy;
import org.moodlemigrate.catalog.ServerInfo;
import org.moodlemigrate.journal.Journal.ChunkRecord;
import org.moodlemigrate.journal.RunRecord;
import org.moodlemigrate.plan.MigrationPlan;
import org.moodlemigrate.plan.TableMode;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.report.Finding;
import org.moodlemigrate.report.ReportWriter;
import org.moodlemigrate.report.RunReport;
import org.moodlemigrate.report.TableReport;
import org.moodlemigrate.report.ToolVersion;
import org.moodlemigrate.settings.RunSettings;
import org.moodlemigrate.transforms.RunStop;

/** Builds the {@link RunReport} from the plan and what the journal recorded. */
final class RunReportBuilder {
  private final RunSettings settings;
  private final Instant startedAt;
  private ServerInfo sourceServer;
  private ServerInfo targetServer;
  private List<Finding> findings = List.of();

  RunReportBuilder(RunSettings settings, Instant startedAt) {
    this.settings = settings;
    this.startedAt = startedAt;
  }

  Instant startedAt() {
    return startedAt;
  }

  void findings(List<Finding> preflightFindings) {
    this.findings = List.copyOf(preflightFindings);
  }

  /** Adds findings made after the pre-flight checks (the source changed during the copy). */
  void addFindings(List<Finding> more) {
    List<Finding> all = new ArrayList<>(findings);
    all.addAll(more);
    this.findings = List.copyOf(all);
  }

  /** A run that did not start, for {@code reason}; nothing was written. */
  RunReport notStarted(Long runId, String reason) {
    return build(runId, "refused", List.of(), List.of(reason), null, 0, null);
  }

  /** The report of a run that has just started: written first, so no stale report remains. */
  RunReport running() {
    return build(null, "running", List.of(), List.of(), null, 0, null);
  }

  /** A signal stopped the run before its copy started: nothing was written. */
  RunReport interruptedBeforeStart(Long runId, String reason) {
    return build(runId, "interrupted", List.of(), List.of(reason), null, 0, null);
  }

  /**
   * A run a signal stopped during or after its copy: the tables as far as the journal has them,
   * status {@code interrupted}, no completion.
   */
  RunReport interrupted(
      long runId,
      MigrationPlan plan,
      List<ChunkRecord> chunks,
      RejectFiles.Written rejects,
      double copySeconds,
      List<String> problems) {
    RunReport finished =
        finished(
            runId,
            plan,
            chunks,
            rejects,
            new RunReport.Completion(0, 0, null, 0, List.of()),
            copySeconds,
            problems);
    return finished.withStatus("interrupted");
  }

  /** {@code run --resume} of a run that already finished: nothing to do. */
  RunReport alreadyFinished(RunRecord run) {
    addFindings(
        List.of(
            ReportWriter.nothingToResume(
                "nothing to resume: run "
                    + run.runId()
                    + " into schema "
                    + run.targetSchema()
                    + " already finished ("
                    + run.status()
                    + ", "
                    + run.finishedAt()
                    + "); the target was left as it is. To copy the site again, run without"
                    + " --resume")));
    return build(run.runId(), run.status(), List.of(), List.of(), null, 0, null);
  }

  void servers(ServerInfo source, ServerInfo target) {
    this.sourceServer = source;
    this.targetServer = target;
  }

  /** A run that planning refused: nothing was written. */
  RunReport refused(MigrationPlan plan) {
    List<TableReport> tables = new ArrayList<>();
    for (TablePlan t : plan.tables()) {
      tables.add(
          new TableReport(
              t.name(),
              targetName(t),
              modeLabel(t.mode()),
              t.mode() == TableMode.SKIP ? "skipped" : "pending",
              blankToNull(t.reason()),
              0,
              0,
              0,
              0,
              0,
              null));
    }
    List<String> problems =
        findings.stream()
            .filter(Finding::isError)
            .map(f -> f.id() + ": " + f.message() + (f.fix().isEmpty() ? "" : " — " + f.fix()))
            .toList();
    return build(null, "refused", tables, problems, null, 0, null);
  }

  /** A run that failed before or outside the copy, with a single reason. */
  RunReport fatal(Long runId, String reason) {
    return fatal(runId, List.of(reason));
  }

  /** A run that failed before or outside the copy, with its reasons. */
  RunReport fatal(Long runId, List<String> reasons) {
    return build(runId, "failed", List.of(), reasons, null, 0, null);
  }

  /**
   * A run that went through the copy.
   *
   * @param rejects the reject file of each table that has one, and the run's directory of them
   * @param runProblems what went wrong beside the tables (the copy stopped, an outcome the journal
   *     could not record, reject files that could not be written); any fails the run
   */
  RunReport finished(
      long runId,
      MigrationPlan plan,
      List<ChunkRecord> chunks,
      RejectFiles.Written rejects,
      RunReport.Completion completion,
      double copySeconds,
      List<String> runProblems) {
    long maxRejects = settings.valuePolicy().maxRejects();
    Map<String, List<ChunkRecord>> byTable = new HashMap<>();
    for (ChunkRecord c : chunks) {
      byTable.computeIfAbsent(c.table(), k -> new ArrayList<>()).add(c);
    }
    List<TableReport> tables = new ArrayList<>();
    for (TablePlan t : plan.tables()) {
      if (t.mode() == TableMode.SKIP) {
        tables.add(
            new TableReport(t.name(), null, "skipped", "skipped", t.reason(), 0, 0, 0, 0, 0, null));
        continue;
      }
      List<ChunkRecord> records = byTable.getOrDefault(t.name(), List.of());
      long read = 0;
      long written = 0;
      long digested = 0;
      long rejected = 0;
      long changed = 0;
      long anonymised = 0;
      int done = 0;
      String error = null;
      Instant first = null;
      Instant last = null;
      for (ChunkRecord c : records) {
        if ("done".equals(c.status())) {
          done++;
          read += c.rowsRead() == null ? 0 : c.rowsRead();
          written += c.rowsWritten() == null ? 0 : c.rowsWritten();
          digested += c.rowsDigested() == null ? 0 : c.rowsDigested();
          changed += c.valuesChanged();
          anonymised += c.valuesAnonymised();
        }
        rejected += c.rowsRejected();
        if (!"done".equals(c.status()) && error == null && c.error() != null) {
          error = c.error();
        }
        if (c.startedAt() != null && (first == null || c.startedAt().isBefore(first))) {
          first = c.startedAt();
        }
        if (c.finishedAt() != null && (last == null || c.finishedAt().isAfter(last))) {
          last = c.finishedAt();
        }
      }
      String status;
      String file = rejects.files().get(t.name());
      boolean untouched = done == 0 && records.stream().allMatch(c -> "pending".equals(c.status()));
      if (!records.isEmpty() && untouched) {
        // Nothing of it was copied, and nothing failed: the run stopped before it came to it.
        status = "not-started";
      } else if (done == records.size() && !records.isEmpty() && rejected > maxRejects) {
        status = "failed";
        error =
            "table "
                + t.name()
                + ": "
                + rejected
                + " rows rejected, more than --max-rejects "
                + maxRejects
                + " allows"
                + (file == null ? "" : "; see " + file);
      } else if (done == records.size() && !records.isEmpty()) {
        status = "copied";
      } else if (error != null || records.stream().anyMatch(c -> "failed".equals(c.status()))) {
        status = "failed";
      } else if (RunStop.reason(runId) != null
          && records.stream().allMatch(c -> !"failed".equals(c.status()))) {
        // Partly copied, nothing failed: the run was stopped (interrupted, the lock lost, a
        // failure elsewhere) while it was at this table.
        status = "partial";
      } else {
        status = "failed";
        error = (records.size() - done) + " of " + records.size() + " chunks did not finish";
      }
      double seconds =
          first == null || last == null ? 0 : Duration.between(first, last).toNanos() / 1e9;
      tables.add(
          new TableReport(
              t.name(),
              targetName(t),
              modeLabel(t.mode()),
              status,
              null,
              read,
              written,
              records.size(),
              done,
              Math.max(0, seconds),
              error,
              rejected,
              changed,
              file,
              digested,
              t.source().dataBytes(),
              anonymised));
    }
    boolean ok =
        tables.stream()
                .noneMatch(
                    t ->
                        "failed".equals(t.status())
                            || "not-started".equals(t.status())
                            || "partial".equals(t.status()))
            && completion.errors().isEmpty()
            && runProblems.isEmpty();
    boolean anyRejected = tables.stream().anyMatch(t -> t.rowsRejected() > 0);
    String status = !ok ? "failed" : anyRejected ? "succeeded-with-rejects" : "succeeded";
    List<String> problems = new ArrayList<>(runProblems);
    problems.addAll(completion.errors());
    return build(runId, status, tables, problems, completion, copySeconds, rejects.directory());
  }

  private RunReport build(
      Long runId,
      String status,
      List<TableReport> tables,
      List<String> problems,
      RunReport.Completion completion,
      double copySeconds,
      String rejectsDir) {
    Instant finishedAt = Instant.now();
    double seconds = Duration.between(startedAt, finishedAt).toNanos() / 1e9;
    int loaded = (int) tables.stream().filter(t -> "loaded".equals(t.mode())).count();
    int created = (int) tables.stream().filter(t -> "created".equals(t.mode())).count();
    int copied = (int) tables.stream().filter(t -> "copied".equals(t.status())).count();
    int failed = (int) tables.stream().filter(t -> "failed".equals(t.status())).count();
    int notStarted =
        (int)
            tables.stream()
                .filter(t -> "not-started".equals(t.status()) || "partial".equals(t.status()))
                .count();
    int skipped = (int) tables.stream().filter(t -> "skipped".equals(t.status())).count();
    long read = tables.stream().mapToLong(TableReport::rowsRead).sum();
    long written = tables.stream().mapToLong(TableReport::rowsWritten).sum();
    int chunks = tables.stream().mapToInt(TableReport::chunks).sum();
    RunReport.Totals totals =
        new RunReport.Totals(
            tables.size(),
            loaded,
            created,
            copied,
            failed,
            notStarted,
            skipped,
            read,
            written,
            tables.stream().mapToLong(TableReport::rowsDigested).sum(),
            tables.stream().mapToLong(TableReport::rowsRejected).sum(),
            tables.stream().mapToLong(TableReport::valuesChanged).sum(),
            rejectsDir,
            chunks,
            copySeconds,
            seconds > 0 ? written / seconds : 0,
            tables.stream().mapToLong(TableReport::sourceBytes).sum());
    return new RunReport(
        "moodle-migrate",
        ToolVersion.get(),
        runId,
        status,
        startedAt,
        finishedAt,
        seconds,
        settings.source().describe(),
        sourceServer == null ? null : sourceServer.toString(),
        settings.target().describe(),
        settings.targetSchema(),
        targetServer == null ? null : targetServer.toString(),
        reportSettings(settings),
        totals,
        tables,
        problems,
        findings,
        completion,
        null,
        null,
        null);
  }

  /** The run's options as the report states them: no endpoint, so no password. */
  static RunReport.Settings reportSettings(RunSettings s) {
    ValuePolicy policy = s.valuePolicy();
    String onNul = policy.onNul().name().toLowerCase(Locale.ROOT);
    if (policy.onNul() == ValuePolicy.OnNul.REPLACE) {
      onNul += ":" + policy.nulReplacement();
    }
    return new RunReport.Settings(
        s.schemaMode().option(),
        s.selector().includes(),
        s.selector().excludes(),
        s.owner(),
        s.parallelism(),
        s.runner().describe(),
        s.chunkRows(),
        s.indexRebuildRows(),
        onNul,
        policy.onZeroDate().name().toLowerCase(Locale.ROOT),
        policy.maxRejects(),
        s.retry().retries(),
        s.serverTimeout().toSeconds(),
        s.verify() == null ? null : s.verify().label(),
        s.copyDigest(),
        s.resume(),
        s.skipChecks(),
        s.allowVersionMismatch(),
        s.journalSchema());
  }

  /** The report's word for a table's mode: {@code loaded}, {@code created} or {@code skipped}. */
  static String modeLabel(TableMode mode) {
    return switch (mode) {
      case LOAD -> "loaded";
      case CREATE -> "created";
      case SKIP -> "skipped";
    };
  }

  private static String targetName(TablePlan t) {
    return t.target() == null ? null : t.target().schema() + "." + t.target().name();
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
