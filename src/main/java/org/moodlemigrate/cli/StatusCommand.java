package org.moodlemigrate.cli;

import java.util.concurrent.Callable;
import org.moodlemigrate.migration.StatusRun;
import org.moodlemigrate.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code moodle-migrate status}: how far the latest run got, from the journal in the target. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Shows the latest run into the target schema: its state, tables and chunks done, failed"
          + " and to do, rows written and rejected, indexes still to build, the latest"
          + " verification, and the failed tables with their errors. Reads the journal only:"
          + " safe to run while a run goes on.",
      "",
      "Exit status: 0 the run succeeded; 1 it failed or has not finished; 3 no run recorded; 4"
          + " the target cannot be reached.",
      ""
    })
public final class StatusCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin JournalOptions journal;
  @Mixin LoggingOptions logging;
  @Mixin ConfigOption config;

  public StatusCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    logging.apply();
    StatusRun.Outcome outcome =
        StatusRun.run(journal.targetEndpoint(context), journal.journalSchema, journal.targetSchema);
    if (outcome.status() != null) {
      logging.print(
          outcome.status(),
          context.out(),
          () -> ReportWriter.printStatus(outcome.status(), context.out()));
    } else {
      context.err().println(outcome.message());
    }
    return outcome.exitCode();
  }
}
