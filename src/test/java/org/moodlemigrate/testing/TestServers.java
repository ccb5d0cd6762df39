package org.moodlemigrate.testing;

import java.io.IOException;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where tests get their servers: a MySQL-family server ({@link #mysql()}) and a
 * PostgreSQL server ({@link #postgresql()}).
 *
 * <p>The choice follows {@link TestServerMode} ({@code -Dmm.test.servers} or {@code
 * MM_TEST_SERVERS}):
 *
 * <ul>
 *   <li>{@code auto} (default): each local server is used if a real login succeeds within two
 *       seconds, otherwise an embedded one is started;
 *   <li>{@code local}: the local servers, or a clear failure saying how to fix it;
 *   <li>{@code embedded}: always embedded ({@code EmbeddedMariaDb}, {@code
 *       EmbeddedPostgresServer}).
 * </ul>
 *
 * Local servers are expected at 127.0.0.1:3306 ({@code root}, empty password) and 127.0.0.1:5432
 * ({@code postgres}, trust); {@code MM_TEST_MYSQL} and {@code MM_TEST_PG} ({@code host:port}) point
 * elsewhere. Each server is chosen once per JVM, on first use, so a test run that needs only one
 * side never starts the other; the choice is logged. Embedded servers are stopped and their folders
 * deleted by their own JVM shutdown hooks.
 */
public final class TestServers {

  private static final Logger LOG = LoggerFactory.getLogger(TestServers.class);

  private static TestServer mysql;
  private static TestServer postgresql;

  private TestServers() {}

  /** The MySQL-family server for this JVM, chosen (and if need be started) on first call. */
  public static synchronized TestServer mysql() {
    if (mysql == null) {
      mysql =
          choose(
              "MySQL",
              "MM_TEST_MYSQL",
              MySqlTestServer.DEFAULT_LOCAL,
              MySqlTestServer::probe,
              MySqlTestServer::embedded);
    }
    return mysql;
  }

  /** The PostgreSQL server for this JVM, chosen (and if need be started) on first call. */
  public static synchronized TestServer postgresql() {
    if (postgresql == null) {
      postgresql =
          choose(
              "PostgreSQL",
              "MM_TEST_PG",
              PostgresTestServer.DEFAULT_LOCAL,
              PostgresTestServer::probe,
              PostgresTestServer::embedded);
    }
    return postgresql;
  }

  private static TestServer choose(
      String kind,
      String addressVariable,
      ServerAddress defaultAddress,
      Probe probe,
      Starter starter) {
    ServerAddress local = ServerAddress.fromEnvironment(addressVariable, defaultAddress);
    TestServerMode mode = TestServerMode.configured();
    String reason = TestServerMode.PROPERTY + "=" + mode;
    if (mode != TestServerMode.EMBEDDED) {
      try {
        TestServer server = probe.connect(local);
        LOG.info("{} tests use the {} ({})", kind, server, reason);
        return server;
      } catch (SQLException e) {
        if (mode == TestServerMode.LOCAL) {
          throw new IllegalStateException(
              kind
                  + " tests need the local server at "
                  + local
                  + " ("
                  + reason
                  + "), but logging in failed ("
                  + e.getMessage()
                  + "). Start that server, point "
                  + addressVariable
                  + " at another one (host:port), or run with -D"
                  + TestServerMode.PROPERTY
                  + "=embedded.",
              e);
        }
        reason = "no local server at " + local + " (" + e.getMessage() + ")";
      }
    }
    try {
      TestServer server = starter.start();
      LOG.info("{} tests use the {} ({})", kind, server, reason);
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(
          "Could not start an embedded " + kind + " server for the tests: " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface Probe {
    TestServer connect(ServerAddress address) throws SQLException;
  }

  @FunctionalInterface
  private interface Starter {
    TestServer start() throws IOException;
  }
}
