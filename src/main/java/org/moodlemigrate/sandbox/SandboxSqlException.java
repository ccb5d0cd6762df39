package org.moodlemigrate.sandbox;

import java.sql.SQLException;

/**
 * A failure this package found itself, whose message it wrote and knows to hold names only; {@link
 * SafeMessages} passes it on as it is.
 */
class SandboxSqlException extends SQLException {

  private static final long serialVersionUID = 1L;

  SandboxSqlException(String message) {
    super(message);
  }

  SandboxSqlException(String message, String sqlState) {
    super(message, sqlState);
  }
}
