package org.moodlemigrate.testing;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A database made for one test on a {@link TestServer}; {@link #close()} drops it, so
 * try-with-resources leaves nothing behind on a shared local server.
 */
public final class TestDatabase implements AutoCloseable {

  private final TestServer server;
  private final String name;
  private boolean dropped;

  TestDatabase(TestServer server, String name) {
    this.server = server;
    this.name = name;
  }

  public TestServer server() {
    return server;
  }

  public String name() {
    return name;
  }

  public String host() {
    return server.host();
  }

  public int port() {
    return server.port();
  }

  public String user() {
    return server.user();
  }

  public String password() {
    return server.password();
  }

  public String jdbcUrl() {
    return server.jdbcUrl(name);
  }

  /** The tool's own URI form, e.g. {@code postgresql://postgres@127.0.0.1:5432/mmt_e2e_...}. */
  public String uri() {
    return server.uri(name);
  }

  /** A new superuser connection to this database; the caller closes it. */
  public Connection connect() throws SQLException {
    return server.connect(name);
  }

  /** The first column of the first row of {@code sql}, as a number (a count, a sum). */
  public long queryLong(String sql) throws SQLException {
    try (Connection c = connect();
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery(sql)) {
      if (!rs.next()) {
        throw new SQLException("no row from: " + sql);
      }
      return rs.getLong(1);
    }
  }

  /** Drops the database, first disconnecting any sessions still using it. Safe to call twice. */
  @Override
  public void close() throws SQLException {
    if (!dropped) {
      server.dropDatabase(name);
      dropped = true;
    }
  }

  @Override
  public String toString() {
    return name + " on " + server;
  }
}
