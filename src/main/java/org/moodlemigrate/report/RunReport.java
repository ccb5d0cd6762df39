package org.moodlemigrate.report;

import java.time.Instant;
import java.util.List;

/**
 * What {@code --report FILE.json} holds, and what the summary is printed from. Never holds a
 * password: endpoints appear only in their {@code describe()} form.
 *
 * @param tool always {@code moodle-migrate}
 * @param version the tool's version
 * @param runId the journal's run id; null when the run was refused before it started
 * @param status {@code succeeded}; {@code succeeded-with-rejects} (every table copied, but rows
 *     were rejected within {@code --max-rejects}); {@code failed}; {@code refused} (nothing was
 *     written); {@code interrupted} (a signal stopped it; {@code run --resume} continues it); or
 *     {@code running} (the report written as the run starts, replaced when it ends). A table's
 *     status is {@code copied}, {@code failed}, {@code not-started} (the run stopped before it;
 *     {@code run --resume} copies it) or {@code skipped}
 * @param startedAt when the run started
 * @param finishedAt when it ended
 * @param seconds wall time
 * @param source the source, {@code mysql://user@host:port/db}
 * @param sourceServer the source server's product and version; null when it was never reached
 * @param target the target, {@code postgresql://user@host:port/db}
 * @param targetSchema the schema written into
 * @param targetServer the target server's product and version; null when it was never reached
 * @param settings the options the run was given that shape what it did (never a password)
 * @param totals sums over all tables
 * @param tables one entry per source table; {@code mode} is {@code loaded}, {@code created} or
 *     {@code skipped}
 * @param problems why the run was refused, or what failed
 * @param findings what the pre-flight checks found (errors, warnings, information), each with its
 *     stable id
 * @param completion what the complete phase did
 * @param verification what the verification at the end of the run found; null when there was none
 *     ({@code --no-verify}, or the copy failed)
 * @param sandbox what a sandbox refresh did beyond the copy (anonymised, emptied, preserved,
 *     actions); null for a run without anonymisation rules, kept rows or post-refresh actions
 */
public record RunReport(
    String tool,
    String version,
    Long runId,
    String status,
    Instant startedAt,
    Instant finishedAt,
    double seconds,
    String source,
    String sourceServer,
    String target,
    String targetSchema,
    String targetServer,
    Settings settings,
    Totals totals,
    List<TableReport> tables,
    List<String> problems,
    List<Finding> findings,
    Completion completion,
    VerificationReport verification,
    SandboxReport sandbox,
    Phases phases) {

  /** This report with another status. */
  public RunReport withStatus(String newStatus) {
    return with(newStatus, finishedAt, seconds, problems, verification, sandbox, phases);
  }

  /**
   * This report with a verification's outcome: a verification that found differences fails the run,
   * with one problem per differing table (the first 50 of them: the verification lists all).
   */
  public RunReport withVerification(VerificationReport v) {
    List<String> allProblems = new java.util.ArrayList<>(problems);
    String newStatus = status;
    if (!v.passed()) {
      newStatus = "failed";
      List<VerificationReport.TableLine> differing =
          v.tables().stream().filter(VerificationReport.TableLine::differs).toList();
      for (VerificationReport.TableLine t : differing.subList(0, Math.min(50, differing.size()))) {
        allProblems.add(
            "verification: table "
                + t.table()
                + " "
                + t.status()
                + (t.message().isEmpty() ? "" : ": " + t.message())
                + (t.firstDifferences().isEmpty()
                    ? ""
                    : " (" + String.join("; ", t.firstDifferences()) + ")"));
      }
      if (differing.size() > 50) {
        allProblems.add(
            "verification: "
                + (differing.size() - 50)
                + " more tables differ; the report's verification lists every table");
      }
    }
    return with(
        newStatus,
        java.time.Instant.now(),
        seconds + v.seconds(),
        List.copyOf(allProblems),
        v,
        sandbox,
        phases);
  }

  private RunReport with(
      String newStatus,
      Instant newFinishedAt,
      double newSeconds,
      List<String> newProblems,
      VerificationReport newVerification,
      SandboxReport newSandbox,
      Phases newPhases) {
    return new RunReport(
        tool,
        version,
        runId,
        newStatus,
        startedAt,
        newFinishedAt,
        newSeconds,
        source,
        sourceServer,
        target,
        targetSchema,
        targetServer,
        settings,
        totals,
        tables,
        newProblems,
        findings,
        completion,
        newVerification,
        newSandbox,
        newPhases);
  }

  /** This report with the time its phases took (the last step of a run, once all are done). */
  public RunReport withPhases(Phases measured) {
    return with(status, finishedAt, seconds, problems, verification, sandbox, measured);
  }

  /** This report with what the sandbox refresh did; a failed step fails the run. */
  public RunReport withSandbox(SandboxReport newSandbox, List<String> sandboxProblems) {
    List<String> allProblems = new java.util.ArrayList<>(problems);
    allProblems.addAll(sandboxProblems);
    return with(
        sandboxProblems.isEmpty() ? status : "failed",
        java.time.Instant.now(),
        seconds,
        List.copyOf(allProblems),
        verification,
        newSandbox,
        phases);
  }

  /**
   * @param tables source tables considered
   * @param loaded tables planned for loading into existing target tables
   * @param created tables planned for creating (the dynamic-table pass)
   * @param copied tables copied in full
   * @param failed tables that failed
   * @param notStarted tables the run did not come to (it stopped first); not failed, not copied
   * @param skipped tables skipped
   * @param rowsRead rows read from the source
   * @param rowsWritten rows written to the target
   * @param rowsDigested rows hashed alike as read and as stored before their chunk committed (the
   *     copy digest); the rest were carried changed on purpose, or the digest was off
   * @param rowsRejected rows rejected (in the reject files)
   * @param valuesChanged values changed under the value policy (in the reject files)
   * @param rejectsDir the directory of this run's reject files; null when there are none
   * @param chunks chunks planned
   * @param copySeconds wall time of the copy phase
   * @param rowsPerSecond rows written per second of the whole run
   * @param sourceBytes the copied tables' data size as the source's catalog states it ({@code
   *     DATA_LENGTH}; an estimate for InnoDB)
   */
  public record Totals(
      int tables,
      int loaded,
      int created,
      int copied,
      int failed,
      int notStarted,
      int skipped,
      long rowsRead,
      long rowsWritten,
      long rowsDigested,
      long rowsRejected,
      long valuesChanged,
      String rejectsDir,
      int chunks,
      double copySeconds,
      double rowsPerSecond,
      long sourceBytes) {}

  /**
   * The options of the run that decide what it does, each named as its option is; what a reader
   * needs to repeat the run or to size the next one from it.
   *
   * @param schemaMode {@code --schema-mode}
   * @param include {@code --include} patterns
   * @param exclude {@code --exclude} patterns
   * @param owner {@code --owner}; null when not given
   * @param parallelism {@code --parallelism}
   * @param runner {@code --runner} and, on Flink, {@code --flink-master}: {@code direct}, {@code
   *     flink [local]} or {@code flink HOST:PORT}
   * @param chunkRows {@code --chunk-rows}
   * @param rebuildIndexesFrom {@code --rebuild-indexes-from}
   * @param onNul {@code --on-nul}: {@code strip}, {@code fail} or {@code replace:C}
   * @param onZeroDate {@code --on-zero-date}
   * @param maxRejects {@code --max-rejects}
   * @param retries {@code --retries}
   * @param serverTimeout {@code --server-timeout}, in seconds
   * @param verify {@code --verify}; null with {@code --no-verify}
   * @param copyDigest false with {@code --no-copy-digest}
   * @param resume {@code --resume}
   * @param skipChecks {@code --skip-checks}
   * @param allowVersionMismatch {@code --allow-version-mismatch}
   * @param journalSchema {@code --journal-schema}
   */
  public record Settings(
      String schemaMode,
      List<String> include,
      List<String> exclude,
      String owner,
      int parallelism,
      String runner,
      long chunkRows,
      long rebuildIndexesFrom,
      String onNul,
      String onZeroDate,
      long maxRejects,
      int retries,
      long serverTimeout,
      String verify,
      boolean copyDigest,
      boolean resume,
      boolean skipChecks,
      boolean allowVersionMismatch,
      String journalSchema) {}

  /**
   * @param indexesRebuilt indexes built after the load: those dropped for it, and the keys and
   *     indexes of created tables
   * @param sequencesReset sequences repositioned
   * @param owner the role given ownership, null when {@code --owner} was not used
   * @param tablesAnalysed tables analysed
   * @param errors what failed in the complete phase
   */
  /**
   * Wall-clock seconds of each phase of the run, in the order they run, so that a rehearsal's
   * report says where a maintenance window goes (and the benchmark can set each phase beside the
   * other tools'). They add up to the process's time: {@code startup} counts from the JVM's start
   * (connections and the run lock included), so it is more than {@code seconds} leaves out.
   *
   * @param startup the JVM's start to the first catalog read: boot, connections, the run lock
   * @param checks catalogs, pre-flight checks and the plan
   * @param prepare chunk planning, the journal's records, the sandbox's kept rows, truncates and
   *     index drops, and the wait for the copy pipeline's warm-up
   * @param copy the copy of every chunk (loaded and created tables)
   * @param indexes the rebuild of the indexes dropped before the copy
   * @param complete sequences, ownership, {@code ANALYZE}, the source's end state, reject files
   * @param sandbox a sandbox refresh's kept rows, emptied tables and post-refresh actions
   * @param verify the verification at the end of the run
   */
  public record Phases(
      double startup,
      double checks,
      double prepare,
      double copy,
      double indexes,
      double complete,
      double sandbox,
      double verify) {}

  public record Completion(
      int indexesRebuilt,
      int sequencesReset,
      String owner,
      int tablesAnalysed,
      List<String> errors) {}
}
