package org.moodlemigrate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.moodlemigrate.migration.ExitCodes;
import org.moodlemigrate.migration.VerifyRun;
import org.moodlemigrate.report.HtmlReportWriter;
import org.moodlemigrate.report.ReportWriter;
import org.moodlemigrate.settings.RunSettings;
import org.moodlemigrate.settings.RunnerSettings;
import org.moodlemigrate.verify.VerifyLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code moodle-migrate verify}: proves that the target holds what the source holds. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Compares the source with the target, table by table: exact row counts (--verify counts),"
          + " or every value of every row, compared through its canonical form chunk by chunk"
          + " (--verify checksums, the default). A difference is named by table and key. Rows"
          + " the latest run rejected and values it changed under --on-nul/--on-zero-date are"
          + " accounted for from its journal, not reported as differences. Reads both sides"
          + " only. Takes the same options as 'run'.",
      "",
      "Exit status: 0 source and target agree; 6 they differ; 2 bad usage; 4 a server cannot be"
          + " reached, or a table cannot be compared.",
      ""
    })
public final class VerifyCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin ConnectionOptions connection;
  @Mixin PlanOptions plan;
  @Mixin RunnerOptions runner;
  @Mixin LoggingOptions logging;
  @Mixin ConfigOption config;

  @Option(
      names = "--verify",
      paramLabel = "LEVEL",
      defaultValue = "checksums",
      description = "counts or checksums (default: ${DEFAULT-VALUE}).")
  String level;

  @Option(
      names = "--report",
      paramLabel = "FILE.json",
      description = "Write what was found as JSON.")
  Path report;

  @Option(
      names = "--report-html",
      paramLabel = "FILE.html",
      description = "Write what was found as one self-contained HTML page.")
  Path reportHtml;

  public VerifyCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    logging.apply();
    VerifyLevel verifyLevel = VerifyLevel.parse(level);
    RunnerSettings runnerSettings = runner.settings(List.of());
    Optional<String> missing = RunnerOptions.unavailable(runnerSettings);
    if (missing.isPresent()) {
      context.err().println("moodle-migrate: " + missing.get());
      return ExitCodes.FATAL;
    }
    RunSettings settings =
        plan.settings(connection.sourceEndpoint(context), connection.targetEndpoint(context))
            .report(report)
            .runner(runnerSettings)
            .build();
    VerifyRun.Outcome outcome = VerifyRun.run(settings, verifyLevel);
    HtmlReportWriter.writeIfAsked(
        outcome.report(), settings.source().describe(), settings.target().describe(), reportHtml);
    if (outcome.report() != null) {
      logging.print(
          outcome.report(),
          context.out(),
          () -> ReportWriter.printVerification(outcome.report(), context.out(), context.err()));
    } else {
      context.err().println("ERROR " + outcome.problem());
    }
    return outcome.exitCode();
  }
}
