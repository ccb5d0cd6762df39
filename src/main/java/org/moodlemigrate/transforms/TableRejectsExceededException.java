package org.moodlemigrate.transforms;

import java.sql.SQLException;

/**
 * A chunk's rejected rows would take its table past {@code --max-rejects}, counting the rows its
 * other committed chunks rejected: the chunk is rolled back and fails (it is not a transient
 * failure). The message names the table and the counts.
 */
final class TableRejectsExceededException extends SQLException {
  private static final long serialVersionUID = 1L;

  TableRejectsExceededException(String message) {
    super(message);
  }
}
