package org.moodlemigrate.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** {@code -v} / {@code -q}: how much the tool says on stderr. */
public final class LoggingOptions {
  @Option(
      names = {"-v", "--verbose"},
      description = "Log every step, chunk by chunk (DEBUG).")
  boolean verbose;

  @Option(
      names = {"-q", "--quiet"},
      description = "Log warnings and errors only (for cron).")
  boolean quiet;

  void apply() {
    Logger tool = (Logger) LoggerFactory.getLogger("org.moodlemigrate");
    if (verbose) {
      tool.setLevel(Level.DEBUG);
    } else if (quiet) {
      tool.setLevel(Level.WARN);
    }
  }
}
