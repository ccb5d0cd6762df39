package org.moodlemigrate.anonymise;

/**
 * A rules file that cannot be used: which file, which line (0 when the problem has none, such as an
 * unreadable file) and why.
 *
 * <p>The message never quotes the file's text or a value from it: a rules file written by hand may
 * hold something secret (a {@code fixed} value, a password pasted by mistake), and messages end up
 * in logs and reports. It names keys, rule kinds and lines instead.
 */
public final class AnonymisationRulesException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String reason;

  AnonymisationRulesException(String file, int line, String reason) {
    super(file + (line > 0 ? " line " + line : "") + ": " + reason);
    this.file = file;
    this.line = line;
    this.reason = reason;
  }

  /** The file (or class-path resource) as named to the tool. */
  public String file() {
    return file;
  }

  /** The 1-based line of the problem, or 0 when it is not on a line. */
  public int line() {
    return line;
  }

  /** What is wrong, without the file name and line. */
  public String reason() {
    return reason;
  }
}
