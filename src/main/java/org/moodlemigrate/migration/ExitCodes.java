package org.moodlemigrate.migration;

/**
 * Exit statuses, stable for scripts (documented in {@code docs/cli.md}).
 *
 * <ul>
 *   <li>{@link #OK} 0: every planned table was copied in full and the complete phase succeeded.
 *   <li>{@link #FAILED} 1: the run started, and a table or a complete step failed; stderr has one
 *       line per failed table.
 *   <li>{@link #USAGE} 2: the command line is wrong.
 *   <li>{@link #REFUSED} 3: planning found problems; nothing was written to the target.
 *   <li>{@link #FATAL} 4: a server could not be reached, or an unexpected error stopped the run.
 *   <li>{@link #REJECTS} 5: every table was copied and completed, but rows were rejected within
 *       {@code --max-rejects}; they are in the reject files.
 *   <li>{@link #DIFFERENCES} 6: the copy went through, but verification found the source and the
 *       target differ where the run reported nothing; stderr names the tables and first keys.
 *   <li>{@link #LOCKED} 7: another moodle-migrate process holds the target schema (a refresh from
 *       cron that overlaps the last one); nothing was written, not even the {@code --report} file,
 *       which belongs to the run that holds the lock. Its own status so that a scheduler can tell
 *       "still busy" from "refused".
 *   <li>{@link #INTERRUPTED} 130 ({@code 128 + SIGINT}): Ctrl-C stopped the run; the chunks in
 *       flight were rolled back, the journal and the report say {@code interrupted}, and {@code run
 *       --resume} continues it.
 *   <li>{@link #TERMINATED} 143 ({@code 128 + SIGTERM}): the same, for SIGTERM.
 * </ul>
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int REFUSED = 3;
  public static final int FATAL = 4;
  public static final int REJECTS = 5;
  public static final int DIFFERENCES = 6;
  public static final int LOCKED = 7;
  public static final int INTERRUPTED = 130;
  public static final int TERMINATED = 143;

  private ExitCodes() {}
}
