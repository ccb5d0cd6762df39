package org.moodlemigrate.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Iterator;
import org.moodlemigrate.progress.JsonLogEncoder;
import org.moodlemigrate.progress.OutputMode;
import org.moodlemigrate.report.ReportWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * {@code -v} / {@code -q} / {@code --log-format}: how much the tool says on stderr, and in what
 * form. Progress follows: live on a terminal, plain lines elsewhere, none with {@code --quiet}.
 */
public final class LoggingOptions {
  @Option(
      names = {"-v", "--verbose"},
      description = "Log every step, chunk by chunk (DEBUG).")
  boolean verbose;

  @Option(
      names = {"-q", "--quiet"},
      description =
          "Print warnings, errors and the final summary only: no progress, no step logs (for"
              + " cron).")
  boolean quiet;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text (default: a live progress display on a terminal, plain lines elsewhere) or json"
              + " (one JSON object per line on stderr, and the summary as one JSON object on"
              + " stdout).")
  String logFormat;

  void apply() {
    boolean json;
    switch (logFormat) {
      case "text" -> json = false;
      case "json" -> json = true;
      default ->
          throw new IllegalArgumentException(
              "--log-format must be text or json; got '" + logFormat + "'");
    }
    Logger tool = (Logger) LoggerFactory.getLogger("org.moodlemigrate");
    if (verbose) {
      tool.setLevel(Level.DEBUG);
    } else if (quiet) {
      tool.setLevel(Level.WARN);
    } else {
      tool.setLevel(Level.INFO); // commands run in-process one after another (tests) start afresh
    }
    encodeWith(json);
    OutputMode.configure(quiet, json);
  }

  /** Whether summaries are printed as one JSON object. */
  boolean json() {
    return "json".equals(logFormat);
  }

  /**
   * Prints a command's result: as people read it, or with {@code --log-format json} as one JSON
   * object on one line.
   */
  void print(Object report, PrintStream out, Runnable forPeople) {
    if (!json()) {
      forPeople.run();
      return;
    }
    try {
      out.println(ReportWriter.toJsonLine(report));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the summary as JSON: " + e.getMessage(), e);
    }
  }

  /** Switches the console appender to JSON lines, or back to logback.xml's pattern. */
  private static void encodeWith(boolean json) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender
          && json != appender.getEncoder() instanceof JsonLogEncoder) {
        Encoder<ILoggingEvent> encoder;
        if (json) {
          encoder = new JsonLogEncoder();
        } else {
          PatternLayoutEncoder text = new PatternLayoutEncoder();
          text.setPattern(TEXT_PATTERN);
          encoder = text;
        }
        encoder.setContext(context);
        encoder.start();
        appender.stop();
        appender.setEncoder(encoder);
        appender.start();
      }
    }
  }

  /** logback.xml's pattern. */
  private static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %msg%n";
}
