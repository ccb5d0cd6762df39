package org.moodlemigrate.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.moodlemigrate.demo.DemoLibraries;
import org.moodlemigrate.demo.DemoRun;
import org.moodlemigrate.migration.ExitCodes;
import org.moodlemigrate.settings.RunSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code moodle-migrate demo}: a real migration between embedded servers; needs nothing installed.
 * The servers come from the build's {@code demo-lib/}, not from the jar, and the command refuses
 * with one line when they are not on the class path.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Starts an embedded MariaDB and an embedded PostgreSQL, builds a small Moodle site on MariaDB"
          + " (16 core tables, about 50,000 generated rows per unit of --scale) and the schema"
          + " Moodle's installer makes on PostgreSQL, migrates it with 'run' (with --owner moodle),"
          + " prints the summary and a few checks, and stops both servers. Needs no servers and no"
          + " arguments."
    })
public final class DemoCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin LoggingOptions logging;

  @Option(
      names = "--scale",
      paramLabel = "N",
      defaultValue = "1",
      description = "Size of the demo site: N × about 50,000 rows (default: ${DEFAULT-VALUE}).")
  int scale;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description = "Chunks copied at once (default: the CPU count, at least 2).")
  Integer parallelism;

  @Option(
      names = "--report",
      paramLabel = "FILE.json",
      description = "Write the run's JSON report.")
  Path report;

  public DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    logging.apply();
    if (scale < 1) {
      throw new IllegalArgumentException("--scale must be at least 1, got " + scale);
    }
    // The embedded servers are not in the jar (see DemoLibraries): say so in one line before
    // anything reaches for them.
    Optional<String> missing = DemoLibraries.problem();
    if (missing.isPresent()) {
      context.err().println("moodle-migrate: " + missing.get());
      return ExitCodes.FATAL;
    }
    return DemoRun.run(
        scale,
        parallelism == null ? RunSettings.defaultParallelism() : parallelism,
        report,
        context.out(),
        context.err());
  }
}
