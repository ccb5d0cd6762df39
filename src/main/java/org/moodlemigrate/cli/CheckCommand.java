package org.moodlemigrate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.moodlemigrate.migration.CheckRun;
import org.moodlemigrate.report.ReportWriter;
import org.moodlemigrate.settings.RunSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code moodle-migrate check}: the pre-flight checks, nothing written. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Runs every pre-flight check that 'run' runs, and writes nothing: connectivity and server"
          + " versions, Moodle/Totara version match, the schema diff and values that will not fit"
          + " (measured in the data), character sets, identifiers, primary keys, privileges on both"
          + " sides, server settings, sizes and free space, activity on the source, and target"
          + " tables that hold rows. Each finding has a stable id, a severity, the objects involved"
          + " and how to fix it (docs/checks.md).",
      "",
      "Exit status: 0 no error (warnings may remain); 3 errors found: 'run' would refuse to start;"
          + " 4 a server cannot be reached or refuses the login; 2 bad usage.",
      ""
    })
public final class CheckCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin ConnectionOptions connection;
  @Mixin PlanOptions plan;
  @Mixin AnonymiseRuleOptions anonymise;
  @Mixin LoggingOptions logging;
  @Mixin ConfigOption config;

  @Option(names = "--report", paramLabel = "FILE.json", description = "Write the findings as JSON.")
  Path report;

  public CheckCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    logging.apply();
    RunSettings settings =
        plan.settings(connection.sourceEndpoint(context), connection.targetEndpoint(context))
            .sandbox(anonymise.settings())
            .report(report)
            .build();
    CheckRun.Outcome outcome = CheckRun.run(settings);
    logging.print(
        outcome.report(),
        context.out(),
        () -> ReportWriter.printFindings(outcome.report(), context.out()));
    return outcome.exitCode();
  }
}
