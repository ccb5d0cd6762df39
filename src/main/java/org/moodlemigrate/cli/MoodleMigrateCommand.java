package org.moodlemigrate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command: lists the subcommands. */
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
public final class MoodleMigrateCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
