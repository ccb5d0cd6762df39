package org.moodlemigrate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the demo lands. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Migrates a demo site between embedded servers.")
public final class DemoCommand implements Callable<Integer> {
  private final CliContext context;

  public DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context.err().println("demo: not yet");
    return 4;
  }
}
