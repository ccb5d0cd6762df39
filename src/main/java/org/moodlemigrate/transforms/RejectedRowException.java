package org.moodlemigrate.transforms;

import org.moodlemigrate.casts.RejectedValueException;

/** A row with a value that cannot be carried; holds the row's key for the message. */
public final class RejectedRowException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final transient RejectedValueException value;

  RejectedRowException(String key, RejectedValueException value) {
    super(key + ": " + value.getMessage(), value);
    this.key = key;
    this.value = value;
  }

  public String key() {
    return key;
  }

  public RejectedValueException value() {
    return value;
  }
}
