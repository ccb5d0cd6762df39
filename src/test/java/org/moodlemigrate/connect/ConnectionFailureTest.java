package org.moodlemigrate.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * The failures the local servers cannot produce (they trust every login from this host, and have no
 * TLS certificate to refuse), by the SQLSTATEs and exception types the drivers document; every
 * other cause is proved against real servers in {@code ConnectionFailuresIT}.
 */
class ConnectionFailureTest {
  private static final Endpoint TARGET =
      new Endpoint(DatabaseKind.POSTGRESQL, "pg.example", 5432, "moodle", "moodle", Map.of(), null);

  @Test
  void aPostgresPasswordRefusedWithoutAPasswordSaysWhichVariableIsNotSet() {
    Endpoint none =
        TARGET.withPassword(
            new PasswordResolver(Map.of())
                .resolve(null, "MM_TARGET_PASSWORD", "--target-password-file"));
    ConnectionFailedException e =
        ConnectionFailure.of(
            none, new SQLException("FATAL: password authentication failed for user", "28P01"));
    assertEquals(ConnectionFailure.Cause.NO_PASSWORD, e.failureCause());
    assertTrue(
        e.getMessage()
            .contains("MM_TARGET_PASSWORD is not set and no --target-password-file was given"),
        e.getMessage());
  }

  @Test
  void pgjdbcsOwnNoPasswordMessageIsTheSame() {
    ConnectionFailedException e =
        ConnectionFailure.of(
            TARGET,
            new SQLException(
                "The server requested SCRAM-based authentication, but no password was provided.",
                "08004"));
    assertEquals(ConnectionFailure.Cause.NO_PASSWORD, e.failureCause());
  }

  @Test
  void aWrongPostgresPasswordNamesWhereItCameFromButNotIt() {
    Endpoint given =
        TARGET.withPassword(
            new PasswordResolver(Map.of("MM_TARGET_PASSWORD", "hunter2-zz"))
                .resolve(null, "MM_TARGET_PASSWORD", "--target-password-file"));
    ConnectionFailedException e =
        ConnectionFailure.of(
            given,
            new SQLException(
                "FATAL: password authentication failed for user \"moodle\" hunter2-zz", "28P01"));
    assertEquals(ConnectionFailure.Cause.AUTHENTICATION, e.failureCause());
    assertTrue(e.getMessage().contains("with the password from MM_TARGET_PASSWORD"));
    assertFalse(e.getMessage().contains("hunter2-zz"), "masked even if a server echoed it");
  }

  @Test
  void aCertificateThatIsNotTrustedIsTls() {
    SQLException failure = new SQLException("SSL error", "08006");
    failure.initCause(new SSLHandshakeException("PKIX path building failed"));
    ConnectionFailedException e = ConnectionFailure.of(TARGET, failure);
    assertEquals(ConnectionFailure.Cause.TLS, e.failureCause());
    assertTrue(e.getMessage().contains("sslmode, sslrootcert"), e.getMessage());
  }

  @Test
  void aMissingPgHbaLineSaysSo() {
    ConnectionFailedException e =
        ConnectionFailure.of(
            TARGET,
            new SQLException("FATAL: no pg_hba.conf entry for host \"10.0.0.9\", user", "28000"));
    assertEquals(ConnectionFailure.Cause.AUTHENTICATION, e.failureCause());
    assertTrue(e.fix().contains("pg_hba.conf"), e.fix());
  }

  @Test
  void theMessageIsOneLineNamingSideEndpointCauseAndFix() {
    ConnectionFailedException e =
        ConnectionFailure.of(TARGET, new SQLException("too many", "53300"));
    assertEquals(
        "cannot connect to the target postgresql://moodle@pg.example:5432/moodle: the server has"
            + " no connection left (too many connections); wait for other sessions to end, or"
            + " raise the server's max_connections",
        e.getMessage());
  }
}
