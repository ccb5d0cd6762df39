package org.moodlemigrate.transforms;

import org.moodlemigrate.casts.RejectedValueException;

/**
 * A row with a value that cannot be carried, when no more rows may be skipped ({@code
 * --max-rejects}); holds the row's key for the message.
 */
public final class RejectedRowException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final transient RejectedValueException value;
  private final long rejected;
  private final long maxRejects;

  RejectedRowException(String key, RejectedValueException value, long rejected, long maxRejects) {
    super(key + ": " + value.getMessage(), value);
    this.key = key;
    this.value = value;
    this.rejected = rejected;
    this.maxRejects = maxRejects;
  }

  public String key() {
    return key;
  }

  public RejectedValueException value() {
    return value;
  }

  /** Rows refused in the chunk so far, this one included. */
  public long rejected() {
    return rejected;
  }

  /** What {@code --max-rejects} allowed. */
  public long maxRejects() {
    return maxRejects;
  }
}
