package org.moodlemigrate.connect;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells a failure worth trying again (the connection dropped, the server restarted, a deadlock, too
 * many connections) from one that will happen again (a value the target refuses, a missing table).
 *
 * <p>Both drivers are covered. PostgreSQL reports by SQLSTATE: class 08 (connection exception),
 * 40001 (serialization failure), 40P01 (deadlock), 53300 (too many connections), 57P01/57P02/57P03
 * (the backend was terminated, the server crashed or is starting), 57014 (the query was cancelled).
 * MySQL and MariaDB report by error number, which pgjdbc never sets: 1040 and 1203 (too many
 * connections), 1053 (server shutdown), 1205 (lock wait timeout), 1213 (deadlock), 1317 (query
 * interrupted), 1927 (connection killed, MariaDB), 2006 and 2013 (server gone, connection lost).
 * Connector/J's {@code CommunicationsException} and HikariCP's timeout when no connection can be
 * had are the JDBC types {@link SQLRecoverableException} and {@link SQLTransientException}; an
 * {@link IOException} anywhere in the causes is a broken socket.
 */
public final class TransientErrors {
  private static final Set<String> POSTGRES_STATES =
      Set.of("40001", "40P01", "53300", "57P01", "57P02", "57P03", "57014");

  private static final Set<Integer> MYSQL_ERRORS =
      Set.of(1040, 1203, 1053, 1205, 1213, 1317, 1927, 2006, 2013);

  private TransientErrors() {}

  /** Whether {@code e}, or any of its causes, is a failure worth trying again. */
  public static boolean isTransient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException
          || t instanceof SQLRecoverableException
          || t instanceof IOException) {
        return true;
      }
      if (t instanceof SQLException s && isTransient(s.getSQLState(), s.getErrorCode())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Whether an SQLSTATE and vendor error number describe a transient failure. */
  static boolean isTransient(String sqlState, int vendorCode) {
    if (vendorCode != 0 && MYSQL_ERRORS.contains(vendorCode)) {
      return true;
    }
    if (sqlState == null) {
      return false;
    }
    return sqlState.startsWith("08") || POSTGRES_STATES.contains(sqlState);
  }
}
