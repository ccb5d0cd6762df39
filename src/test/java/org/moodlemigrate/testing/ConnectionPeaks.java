package org.moodlemigrate.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.moodlemigrate.connect.ConnectionBudget;

/**
 * The most connections a run held to its source and target databases at once, as the servers
 * count them ({@code information_schema.PROCESSLIST}, {@code pg_stat_activity}), sampled every few
 * milliseconds in a thread of its own while the run goes on. A sample can miss a short peak, never
 * invent one: a peak above a bound is a real breach of it.
 */
public final class ConnectionPeaks implements AutoCloseable {
  private final AtomicInteger source = new AtomicInteger();
  private final AtomicInteger target = new AtomicInteger();
  private volatile String targetAtPeak = "";
  private final Thread thread;
  private volatile boolean stop;
  private volatile SQLException failure;

  private ConnectionPeaks(TestDatabase sourceDb, TestDatabase targetDb) {
    thread =
        new Thread(
            () -> {
              try (Connection s = sourceDb.server().connect(sourceDb.name());
                  Connection t = targetDb.server().connect(targetDb.name());
                  PreparedStatement sq =
                      s.prepareStatement(
                          "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = ? AND"
                              + " ID <> CONNECTION_ID()");
                  PreparedStatement tq =
                      t.prepareStatement(
                          "SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE datname = ?"
                              + " AND pid <> pg_backend_pid() AND backend_type = 'client"
                              + " backend'")) {
                sq.setString(1, sourceDb.name());
                tq.setString(1, targetDb.name());
                while (!stop) {
                  source.accumulateAndGet(count(sq), Math::max);
                  int now = count(tq);
                  if (now > target.get()) {
                    target.set(now);
                    targetAtPeak = sessions(t, targetDb.name());
                  }
                  Thread.sleep(5);
                }
              } catch (SQLException e) {
                failure = e;
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "connection-peaks");
    thread.setDaemon(true);
  }

  /** Starts sampling the connections to both databases. */
  public static ConnectionPeaks watch(TestDatabase source, TestDatabase target) {
    ConnectionPeaks peaks = new ConnectionPeaks(source, target);
    peaks.thread.start();
    return peaks;
  }

  private static int count(PreparedStatement q) throws SQLException {
    try (ResultSet rs = q.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** What the target's sessions were doing at the peak: application, state, query. */
  public String targetAtPeak() {
    return targetAtPeak;
  }

  private static String sessions(Connection c, String database) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT string_agg(application_name || ' | ' || state || ' | ' || left(query, 60),"
                + " E'\\n') FROM pg_catalog.pg_stat_activity WHERE datname = ? AND pid <>"
                + " pg_backend_pid() AND backend_type = 'client backend'")) {
      q.setString(1, database);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /**
   * Asserts that the peaks stayed within what the pre-flight checks approve for {@code
   * parallelism} ({@link ConnectionBudget}), with what the target's sessions were doing if not.
   */
  public void assertWithin(int parallelism) {
    int sourceBound = ConnectionBudget.source(parallelism);
    int targetBound = ConnectionBudget.target(parallelism);
    if (source() > sourceBound || target() > targetBound) {
      throw new AssertionError(
          "connections at once: source "
              + source()
              + " (at most "
              + sourceBound
              + "), target "
              + target()
              + " (at most "
              + targetBound
              + "); the target's sessions at its peak:\n"
              + targetAtPeak());
    }
  }

  public int source() {
    return source.get();
  }

  public int target() {
    return target.get();
  }

  /** Stops sampling; the peaks stay readable. */
  @Override
  public void close() throws SQLException {
    stop = true;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw failure;
    }
  }
}
