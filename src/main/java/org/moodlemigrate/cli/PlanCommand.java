package org.moodlemigrate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.moodlemigrate.migration.PlanRun;
import org.moodlemigrate.report.ReportWriter;
import org.moodlemigrate.settings.RunSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code moodle-migrate plan}: what a run would do, table by table, and how long it would take. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Shows what 'run' would do, without doing it: per table the mode (load, create or skip, and"
          + " why), rows (the server's estimate, or counted with --exact-counts), size and chunks;"
          + " totals; and an estimated duration with its likely range, from costs measured on the"
          + " servers: the checks, a run's per-table work done on a sample of tables in a scratch"
          + " schema that is dropped, and a sample of rows copied into a scratch table in a"
          + " transaction that is rolled back (see docs/cli.md).",
      "",
      "Exit status: 0 the run could start; 3 the run would be refused (see 'check'); 4 a server"
          + " unreachable.",
      ""
    })
public final class PlanCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin ConnectionOptions connection;
  @Mixin PlanOptions plan;
  @Mixin AnonymiseRuleOptions anonymise;
  @Mixin LoggingOptions logging;
  @Mixin ConfigOption config;

  @Option(
      names = "--exact-counts",
      description = "Count every table's rows (a full scan each) instead of estimating.")
  boolean exactCounts;

  @Option(
      names = "--throughput",
      paramLabel = "ROWS/S",
      description =
          "Estimate the rows' copy with this many rows per second per worker instead of measuring"
              + " it on a sample (the per-table work is measured all the same).")
  Double throughput;

  @Option(names = "--report", paramLabel = "FILE.json", description = "Write the plan as JSON.")
  Path report;

  public PlanCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    logging.apply();
    if (throughput != null && throughput <= 0) {
      throw new IllegalArgumentException("--throughput must be above 0, got " + throughput);
    }
    RunSettings settings =
        plan.settings(connection.sourceEndpoint(context), connection.targetEndpoint(context))
            .sandbox(anonymise.settings())
            .report(report)
            .build();
    PlanRun.Outcome outcome = PlanRun.run(settings, exactCounts, throughput);
    if (outcome.report() == null) {
      context.err().println("moodle-migrate: " + outcome.error());
    } else {
      logging.print(
          outcome.report(),
          context.out(),
          () -> ReportWriter.printPlan(outcome.report(), context.out()));
    }
    return outcome.exitCode();
  }
}
