package org.moodlemigrate.testing;

/**
 * One statement of a dump script, without its delimiter, and the line it starts on (1-based), so
 * that a failing statement can be found in the file.
 */
public record SqlStatement(String sql, int line) {

  private static final int EXCERPT_LENGTH = 200;

  /** The start of the statement, for error messages; whole statements can be megabytes long. */
  public String excerpt() {
    return sql.length() <= EXCERPT_LENGTH ? sql : sql.substring(0, EXCERPT_LENGTH) + "...";
  }
}
