package org.moodlemigrate.progress;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the tool speaks to whoever runs it, set once per process by the command line: a live progress
 * display on a terminal; plain log lines elsewhere (cron mail, a CI log, a pipe), never an escape
 * code; one JSON object per line with {@code --log-format json}; warnings, errors and the summary
 * only with {@code --quiet}.
 */
public final class OutputMode {
  private static volatile boolean live;
  private static volatile boolean json;

  private OutputMode() {}

  /**
   * Sets the mode for this process.
   *
   * @param quiet {@code --quiet}: no progress at all
   * @param jsonLines {@code --log-format json}
   */
  public static void configure(boolean quiet, boolean jsonLines) {
    json = jsonLines;
    live = !quiet && !jsonLines && stderrIsTerminal();
  }

  /** Whether progress is drawn live (bars redrawn in place) rather than logged line by line. */
  public static boolean live() {
    return live;
  }

  /** Whether logs and summaries are JSON lines. */
  public static boolean json() {
    return json;
  }

  /**
   * Whether stderr, where progress goes, is a terminal that understands cursor movement. Java has
   * no isatty for stderr: on Linux its file descriptor names the terminal device; elsewhere a
   * console (stdin and stdout both terminals) is taken as the sign. No {@code TERM}, or {@code
   * TERM=dumb} (Emacs shells, some CI runners), means no.
   */
  static boolean stderrIsTerminal() {
    String term = System.getenv("TERM");
    if (term == null || term.isEmpty() || term.equals("dumb")) {
      return false;
    }
    Path fd = Path.of("/proc/self/fd/2");
    if (Files.exists(Path.of("/proc/self/fd"))) {
      try {
        String device = Files.readSymbolicLink(fd).toString();
        return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
      } catch (java.io.IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    return System.console() != null;
  }
}
