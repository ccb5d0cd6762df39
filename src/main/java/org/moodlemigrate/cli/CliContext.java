package org.moodlemigrate.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What a command may take from its surroundings: the environment (for passwords) and where to
 * print. Injected rather than read from {@link System}, so tests run the real commands in-process
 * with an environment of their own.
 *
 * @param environment the environment variables
 * @param out where summaries go
 * @param err where failures go
 */
public record CliContext(Map<String, String> environment, PrintStream out, PrintStream err) {
  public static CliContext system() {
    return new CliContext(System.getenv(), System.out, System.err);
  }
}
