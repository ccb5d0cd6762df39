package org.moodlemigrate.sandbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * Runs a piece of work all or nothing on a connection the caller owns.
 *
 * <p>On a connection in auto-commit mode the work gets a transaction of its own, committed at the
 * end and rolled back on any failure; auto-commit is switched back on afterwards. On a connection
 * already in a transaction (auto-commit off) the work joins it under a savepoint: a failure rolls
 * back exactly this work, and the commit stays with the caller, who may want, say, the restored
 * rows and the post-refresh actions to commit together.
 */
final class Transactions {

  @FunctionalInterface
  interface Work<T> {
    T run() throws SQLException;
  }

  private Transactions() {}

  static <T> T allOrNothing(Connection connection, Work<T> work) throws SQLException {
    if (connection.getAutoCommit()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run();
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(connection, e);
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
    Savepoint savepoint = connection.setSavepoint();
    try {
      T result = work.run();
      connection.releaseSavepoint(savepoint);
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      try {
        connection.rollback(savepoint);
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      throw e;
    }
  }

  private static void rollbackQuietly(Connection connection, Throwable failure) {
    try {
      connection.rollback();
    } catch (SQLException rollbackFailure) {
      failure.addSuppressed(rollbackFailure);
    }
  }
}
