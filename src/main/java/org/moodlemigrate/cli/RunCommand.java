package org.moodlemigrate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.moodlemigrate.connect.RetryPolicy;
import org.moodlemigrate.migration.ExitCodes;
import org.moodlemigrate.migration.Interruption;
import org.moodlemigrate.migration.Migration;
import org.moodlemigrate.report.HtmlReportWriter;
import org.moodlemigrate.report.ReportWriter;
import org.moodlemigrate.settings.RunSettings;
import org.moodlemigrate.settings.RunnerSettings;
import org.moodlemigrate.verify.VerifyLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code moodle-migrate run}: the migration. Parses options into {@link RunSettings}; nothing else.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Copies a Moodle/Totara database from MySQL/MariaDB into a PostgreSQL schema that Moodle's"
          + " installer created: runs the pre-flight checks (see 'check'), empties the target"
          + " tables, loads the data only (each value cast to the target column's type), creates"
          + " tables the target lacks, resets sequences, sets ownership and analyses the tables.",
      "",
      "Exit status: 0 every table copied; 1 a table or a completion step failed; 2 bad usage; 3"
          + " refused by the checks, nothing written; 4 a server unreachable or an unexpected"
          + " error; 5 every table copied, but rows were rejected within --max-rejects (see the"
          + " reject files); 6 copied, but the verification at the end found differences; 130 /"
          + " 143 stopped by SIGINT (Ctrl-C) / SIGTERM: the chunks in flight were rolled back,"
          + " and the same command with --resume continues the run.",
      ""
    })
public final class RunCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;
  @Mixin PlanOptions plan;
  @Mixin SandboxOptions sandbox;
  @Mixin RunnerOptions runner;
  @Mixin LoggingOptions logging;
  @Mixin ConfigOption config;

  @Option(
      names = "--report",
      paramLabel = "FILE.json",
      description = "Write a JSON report of the run.")
  Path report;

  @Option(
      names = "--report-html",
      paramLabel = "FILE.html",
      description =
          "Write the report as one self-contained HTML page for people: totals, anomalies,"
              + " rejects, verification, a chart of time, rows and size per table, findings,"
              + " settings (no passwords).")
  Path reportHtml;

  @Option(
      names = "--rejects-dir",
      paramLabel = "DIR",
      defaultValue = RunSettings.DEFAULT_REJECTS_DIR,
      description =
          "Where each table's rejected rows and changed values are written, as"
              + " DIR/<target database>-run-<id>-<time>/<table>.csv (default: ${DEFAULT-VALUE});"
              + " only tables with any get a file.")
  Path rejectsDir;

  @Option(
      names = "--resume",
      description =
          "Continue the latest run into the target schema where it stopped: chunks already done"
              + " are not copied again, the others are copied from a clean state, then the"
              + " completion steps run. Give the same options as the run. A run that finished is"
              + " left alone.")
  boolean resume;

  @Option(
      names = "--retries",
      paramLabel = "N",
      defaultValue = "" + RetryPolicy.DEFAULT_RETRIES,
      description =
          "How often a chunk that fails for a transient reason (connection lost, server restart,"
              + " deadlock, too many connections) is tried again, with a growing pause from 1 s to"
              + " 30 s (default: ${DEFAULT-VALUE}).")
  int retries;

  @Option(
      names = "--verify",
      paramLabel = "LEVEL",
      defaultValue = "counts",
      description =
          "What the run proves at its end: counts (exact row counts on both sides, the default)"
              + " or checksums (every value compared, as 'verify' does).")
  String verify;

  @Option(names = "--no-verify", description = "Do not verify at the end of the run.")
  boolean noVerify;

  @Option(
      names = "--no-copy-digest",
      description =
          "Do not digest each chunk's rows, as read and as PostgreSQL stored them, before it"
              + " commits (the copy digest proves that what PostgreSQL stored is what the source"
              + " holds, value for value); the copy is then proved by row counts only.")
  boolean noCopyDigest;

  @Option(
      names = "--skip-checks",
      description =
          "Start without the pre-flight checks (for experts: planning problems still stop the"
              + " run).")
  boolean skipChecks;

  @Option(
      names = "--beam-arg",
      paramLabel = "ARG",
      hidden = true,
      description =
          "A Beam pipeline argument for the chosen runner, passed unchanged (repeatable; for"
              + " experts, e.g. --beam-arg=--maxBundleSize=1000 on Flink).")
  List<String> beamArgs = new ArrayList<>();

  public RunCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    logging.apply();
    RunnerSettings runnerSettings = runner.settings(beamArgs);
    // Flink is not in the jar (see FlinkLibraries): say so before anything connects.
    Optional<String> missing = RunnerOptions.unavailable(runnerSettings);
    if (missing.isPresent()) {
      context.err().println("moodle-migrate: " + missing.get());
      return ExitCodes.FATAL;
    }
    RunSettings settings =
        plan.settings(connection.sourceEndpoint(context), connection.targetEndpoint(context))
            .sandbox(sandbox.withSecrets(context.environment()))
            .report(report)
            .skipChecks(skipChecks)
            .rejectsDir(rejectsDir)
            .resume(resume)
            .retry(RetryPolicy.retries(retries))
            .verify(noVerify ? null : VerifyLevel.parse(verify))
            .copyDigest(!noCopyDigest)
            .runner(runnerSettings)
            .build();
    Interruption.install(context.err());
    Migration.Outcome outcome = Migration.run(settings, resumeCommand());
    if (outcome.ownsReports()) {
      HtmlReportWriter.writeIfAsked(outcome.report(), reportHtml);
    }
    logging.print(
        outcome.report(),
        context.out(),
        () -> ReportWriter.printSummary(outcome.report(), context.out(), context.err()));
    return outcome.exitCode();
  }

  /**
   * The command that continues this run: the command line as given (it holds no password: they are
   * never options), with {@code --resume} added, each word quoted for a POSIX shell.
   */
  private String resumeCommand() {
    List<String> words = new ArrayList<>();
    words.add("moodle-migrate");
    words.addAll(spec.root().commandLine().getParseResult().originalArgs());
    if (!resume) {
      words.add("--resume");
    }
    return String.join(" ", words.stream().map(RunCommand::shellQuoted).toList());
  }

  static String shellQuoted(String word) {
    if (!word.isEmpty() && word.matches("[A-Za-z0-9@%_+=:,./-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
