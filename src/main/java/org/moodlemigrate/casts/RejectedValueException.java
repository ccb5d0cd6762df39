package org.moodlemigrate.casts;

/**
 * A value that cannot be carried into its target column as it is.
 *
 * <p>Thrown by a {@link ValueConverter}; the copy step adds the table and the row's key, so that
 * the message an administrator reads names table, key, column and reason. Checked, because every
 * caller must decide what a rejected value means for its row.
 */
public final class RejectedValueException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final String reason;
  private final String excerpt;

  /**
   * @param column the source column
   * @param reason why the value cannot be carried
   * @param excerpt a safe excerpt of the value ({@link Excerpt}), for the reject file
   */
  public RejectedValueException(String column, String reason, String excerpt) {
    super(column + ": " + reason);
    this.column = column;
    this.reason = reason;
    this.excerpt = excerpt;
  }

  public String column() {
    return column;
  }

  public String reason() {
    return reason;
  }

  public String excerpt() {
    return excerpt;
  }
}
