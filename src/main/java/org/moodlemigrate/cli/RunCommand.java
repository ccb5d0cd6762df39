package org.moodlemigrate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.moodlemigrate.migration.Migration;
import org.moodlemigrate.report.ReportWriter;
import org.moodlemigrate.settings.RunSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
          + " reject files).",
      ""
    })
public final class RunCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin ConnectionOptions connection;
  @Mixin PlanOptions plan;
  @Mixin LoggingOptions logging;

  @Option(
      names = "--report",
      paramLabel = "FILE.json",
      description = "Write a JSON report of the run.")
  Path report;

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
      names = "--skip-checks",
      description =
          "Start without the pre-flight checks (for experts: planning problems still stop the"
              + " run).")
  boolean skipChecks;

  @Option(
      names = "--beam-arg",
      paramLabel = "ARG",
      hidden = true,
      description = "A Beam pipeline argument, e.g. --beam-arg=--runner=FlinkRunner (repeatable).")
  List<String> beamArgs = new ArrayList<>();

  public RunCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    logging.apply();
    RunSettings settings =
        plan.settings(connection.sourceEndpoint(context), connection.targetEndpoint(context))
            .report(report)
            .skipChecks(skipChecks)
            .rejectsDir(rejectsDir)
            .beamArgs(beamArgs)
            .build();
    Migration.Outcome outcome = Migration.run(settings);
    ReportWriter.printSummary(outcome.report(), context.out(), context.err());
    return outcome.exitCode();
  }
}
