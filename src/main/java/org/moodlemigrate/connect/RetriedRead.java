package org.moodlemigrate.connect;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read outside the chunk copy (chunk planning, the source's row counts) tried again on a fresh
 * connection when it fails transiently ({@link TransientErrors}), with the run's {@link
 * RetryPolicy}. Chunks ride out a dropped connection, a server restart or a killed query; without
 * this the reads around them did not, and a run that would have survived the same fault in its copy
 * stopped in its planning. Only reads belong here: they have no effect to repeat.
 */
public final class RetriedRead {
  private static final Logger LOG = LoggerFactory.getLogger(RetriedRead.class);

  /** A read over one connection. */
  @FunctionalInterface
  public interface Read<T> {
    T apply(Connection connection) throws SQLException;
  }

  private RetriedRead() {}

  /**
   * Runs {@code read} on a connection from {@code source}, again on a new connection after each
   * transient failure that {@code policy} allows; a lasting failure, or the last transient one, is
   * thrown as it came.
   *
   * @param what what is being read, for the log ("planning the chunks")
   */
  public static <T> T run(DataSource source, RetryPolicy policy, String what, Read<T> read)
      throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = source.getConnection()) {
        return read.apply(c);
      } catch (SQLException e) {
        if (!TransientErrors.isTransient(e) || !policy.allowsAnother(attempt)) {
          throw e;
        }
        long wait = policy.delayAfter(attempt).toMillis();
        LOG.warn(
            "{}: the connection failed ({}); trying again in {} ms (attempt {} of {})",
            what,
            firstLine(e.getMessage()),
            wait,
            attempt + 1,
            policy.attempts());
        try {
          Thread.sleep(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl).strip();
  }
}
