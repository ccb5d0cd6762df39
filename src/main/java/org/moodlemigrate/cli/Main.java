package org.moodlemigrate.cli;

import java.io.PrintWriter;
import org.moodlemigrate.migration.ExitCodes;
import picocli.CommandLine;

/** The entry point: builds the command line, runs it, exits with its status. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(execute(args, CliContext.system()));
  }

  /** Runs the command line in-process; returns the exit status. */
  public static int execute(String[] args, CliContext context) {
    CommandLine cli = commandLine(context);
    return ConfigArguments.execute(cli, args);
  }

  static CommandLine commandLine(CliContext context) {
    CommandLine cli = new CommandLine(new MoodleMigrateCommand(), new Factory(context));
    cli.setOut(new PrintWriter(context.out(), true));
    cli.setErr(new PrintWriter(context.err(), true));
    // A usage error is one line and a pointer to --help, never picocli's usage dump or its
    // quotes of the arguments (UsageErrors says why).
    cli.setParameterExceptionHandler(new UsageErrors());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof IllegalArgumentException) {
            String command = commandLine.getCommandSpec().qualifiedName();
            commandLine.getErr().println(command + ": " + e.getMessage());
            commandLine.getErr().println("Try '" + command + " --help'.");
            return ExitCodes.USAGE;
          }
          commandLine.getErr().println("moodle-migrate: " + e);
          return ExitCodes.FATAL;
        });
    return cli;
  }

  /** Gives commands the context instead of letting them reach for {@link System}. */
  private record Factory(CliContext context) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      if (cls == RunCommand.class) {
        return cls.cast(new RunCommand(context));
      }
      if (cls == CheckCommand.class) {
        return cls.cast(new CheckCommand(context));
      }
      if (cls == PlanCommand.class) {
        return cls.cast(new PlanCommand(context));
      }
      if (cls == DemoCommand.class) {
        return cls.cast(new DemoCommand(context));
      }
      if (cls == VerifyCommand.class) {
        return cls.cast(new VerifyCommand(context));
      }
      if (cls == StatusCommand.class) {
        return cls.cast(new StatusCommand(context));
      }
      if (cls == CleanupCommand.class) {
        return cls.cast(new CleanupCommand(context));
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
