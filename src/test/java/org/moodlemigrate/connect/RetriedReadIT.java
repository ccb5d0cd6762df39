package org.moodlemigrate.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * Reads outside the chunk copy ride out a connection the server killed, as chunks do: the first
 * connection handed out is killed on the real server ({@code KILL}) before the read runs on it.
 * Caught in CI: a source connection killed while the chunks were being planned stopped a run that
 * would have survived the same kill a second later.
 */
class RetriedReadIT {
  private static final RetryPolicy FAST =
      new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20));

  private TestDatabase source;

  @BeforeEach
  void database() throws SQLException {
    source = TestServers.mysql().createDatabase("rr_src");
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (id INT PRIMARY KEY)");
      st.execute("INSERT INTO t SELECT seq FROM seq_1_to_250");
    }
  }

  @AfterEach
  void drop() throws SQLException {
    if (source != null) {
      source.close();
    }
  }

  @Test
  void aKilledConnectionIsReplacedAndTheReadDone() throws SQLException {
    Handing ds = new Handing(2);
    long rows = RetriedRead.run(ds, FAST, "counting", RetriedReadIT::count);
    assertEquals(250, rows);
    assertEquals(3, ds.handedOut, "two killed connections, then a good one");
  }

  @Test
  void moreKillsThanTheRetriesFailWithTheServersError() throws SQLException {
    Handing ds = new Handing(3);
    SQLException e =
        assertThrows(
            SQLException.class, () -> RetriedRead.run(ds, FAST, "counting", RetriedReadIT::count));
    assertEquals(true, TransientErrors.isTransient(e), e.toString());
    assertEquals(3, ds.handedOut, "the first attempt and two retries");
  }

  @Test
  void aLastingFailureIsNotTriedAgain() throws SQLException {
    Handing ds = new Handing(0);
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                RetriedRead.run(
                    ds,
                    FAST,
                    "counting",
                    c -> {
                      try (Statement st = c.createStatement()) {
                        st.executeQuery("SELECT count(*) FROM no_such_table");
                        return 0L;
                      }
                    }));
    assertEquals(1146, e.getErrorCode(), e.toString());
    assertEquals(1, ds.handedOut);
  }

  private static long count(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM t")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Real connections to the test database; the first {@code killed} are killed by the server. */
  private final class Handing implements DataSource {
    private final Deque<Boolean> kills = new ArrayDeque<>();
    int handedOut;

    Handing(int killed) {
      for (int i = 0; i < killed; i++) {
        kills.add(true);
      }
    }

    @Override
    public Connection getConnection() throws SQLException {
      handedOut++;
      Connection c = source.connect();
      if (kills.pollFirst() != null) {
        long id;
        try (Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()")) {
          rs.next();
          id = rs.getLong(1);
        }
        try (Connection killer = source.connect();
            Statement st = killer.createStatement()) {
          st.execute("KILL CONNECTION " + id);
        }
      }
      return c;
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
