package org.moodlemigrate.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.moodlemigrate.progress.ProgressDisplay;
import org.moodlemigrate.sql.Identifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the copy's progress every interval, read from the journal (so it is right on any runner,
 * wherever the workers run): chunks done of total, rows written, failures.
 */
public final class JournalProgress implements ProgressDisplay {
  private static final Logger LOG = LoggerFactory.getLogger(JournalProgress.class);

  private final ScheduledExecutorService timer;

  private JournalProgress(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  public static JournalProgress start(
      DataSource target, String schema, long runId, long intervalSeconds) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "progress");
              t.setDaemon(true);
              return t;
            });
    String sql =
        "SELECT count(*), count(*) FILTER (WHERE status = 'done'), count(*) FILTER (WHERE status ="
            + " 'failed'), COALESCE(sum(rows_written), 0) FROM "
            + Identifiers.postgres(schema, "run_chunk")
            + " WHERE run_id = ?";
    timer.scheduleAtFixedRate(
        () -> {
          try (Connection c = target.getConnection();
              PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              LOG.info(
                  "progress: {}/{} chunks done, {} failed, {} rows written",
                  rs.getLong(2),
                  rs.getLong(1),
                  rs.getLong(3),
                  String.format("%,d", rs.getLong(4)));
            }
          } catch (SQLException | RuntimeException e) {
            LOG.debug("progress query failed: {}", e.getMessage());
          }
        },
        intervalSeconds,
        intervalSeconds,
        TimeUnit.SECONDS);
    return new JournalProgress(timer);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
