package org.moodlemigrate.connect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransientErrorsTest {
  @ParameterizedTest(name = "SQLSTATE {0}, error {1}: transient {2}")
  @CsvSource({
    // PostgreSQL: connection failures, terminated backends, restarts, conflicts
    "08006, 0, true",
    "08003, 0, true",
    "57P01, 0, true",
    "57P02, 0, true",
    "57P03, 0, true",
    "53300, 0, true",
    "40001, 0, true",
    "40P01, 0, true",
    "57014, 0, true",
    // PostgreSQL: the data or the schema, which another attempt would not change
    "22P02, 0, false",
    "23505, 0, false",
    "42P01, 0, false",
    "53100, 0, false",
    // MySQL / MariaDB by error number
    "08004, 1040, true",
    "42000, 1203, true",
    "HY000, 1205, true",
    "40001, 1213, true",
    "70100, 1317, true",
    "70100, 1927, true",
    "08S01, 1053, true",
    "HY000, 2013, true",
    "22001, 1406, false",
    "42S02, 1146, false",
    "HY000, 1366, false"
  })
  void classifiesByStateAndVendorCode(String state, int code, boolean expected) {
    SQLException e = new SQLException("x", state, code);
    if (expected) {
      assertTrue(TransientErrors.isTransient(e));
    } else {
      assertFalse(TransientErrors.isTransient(e));
    }
  }

  @Test
  void recognisesJdbcTransientTypesAndBrokenSocketsAnywhereInTheCauses() {
    assertTrue(TransientErrors.isTransient(new SQLTransientConnectionException("pool timeout")));
    assertTrue(TransientErrors.isTransient(new SQLRecoverableException("link failure")));
    assertTrue(
        TransientErrors.isTransient(
            new RuntimeException(new SQLException("I/O error", null, 0, new SocketException()))));
    assertTrue(TransientErrors.isTransient(new SQLException("copy", new EOFException())));
    assertFalse(TransientErrors.isTransient(new IllegalStateException("a bug")));
    assertFalse(TransientErrors.isTransient(new SQLException("no state")));
  }
}
