package org.moodlemigrate.sandbox;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What of a PostgreSQL error may go into the tool's own messages here, where the rows at hand are
 * the sandbox's preserved settings (SMTP passwords, API keys) and data the anonymisation has not
 * necessarily reached.
 *
 * <p>pgjdbc's {@link SQLException#getMessage()} carries the server's {@code DETAIL} line, which for
 * a constraint violation quotes the row ("Failing row contains (...)", "Key (name)=(...)"), and a
 * data exception (SQLSTATE class 22) quotes the refused value in its primary message ({@code
 * invalid input syntax for type bigint: "..."}). So only the primary message is kept, and for class
 * 22 not even that: the SQLSTATE, and the column when the server names it. The original exception
 * is never chained as a cause, since its message would reach logs with the stack trace; the stack
 * trace itself is kept.
 */
final class SafeMessages {

  private static final String DATA_EXCEPTION_CLASS = "22";

  private SafeMessages() {}

  /** The error's text, without any quoted row or value. */
  static String describe(SQLException e) {
    String state = e.getSQLState();
    ServerErrorMessage server =
        e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
    StringBuilder text = new StringBuilder();
    if (state != null && state.startsWith(DATA_EXCEPTION_CLASS)) {
      text.append("a value was refused");
      if (server != null && server.getColumn() != null) {
        text.append(" in column ").append(server.getColumn());
      }
    } else if (server != null && server.getMessage() != null) {
      text.append(server.getMessage());
      if (server.getPosition() > 0) {
        text.append(" (at character ").append(server.getPosition()).append(')');
      }
    } else {
      text.append(firstLine(e.getMessage()));
    }
    if (state != null) {
      text.append(" [SQLSTATE ").append(state).append(']');
    }
    return text.toString();
  }

  /**
   * A new exception with {@code context} and the safe text of {@code e}, and its stack trace; one
   * of this package's own exceptions as it is.
   */
  static SQLException rethrown(String context, SQLException e) {
    if (e instanceof SandboxSqlException) {
      return e;
    }
    SQLException safe = new SandboxSqlException(context + ": " + describe(e), e.getSQLState());
    safe.setStackTrace(e.getStackTrace());
    return safe;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
