package org.moodlemigrate.cli;

import java.util.concurrent.Callable;
import org.moodlemigrate.migration.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level command: lists the subcommands. Without one it is a usage error (stderr, exit 2),
 * so that a script that lost its command word does not pass for one that ran.
 */
@Command(
    name = "moodle-migrate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Moves a Moodle or Totara site database from MySQL/MariaDB to PostgreSQL.",
    subcommands = {
      RunCommand.class,
      CheckCommand.class,
      PlanCommand.class,
      VerifyCommand.class,
      StatusCommand.class,
      CleanupCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class MoodleMigrateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
