package org.moodlemigrate.checks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.moodlemigrate.report.Finding;
import org.moodlemigrate.sql.Identifiers;

/**
 * Is the site still in use? Rows written while the copy runs are not carried (a chunk that was
 * already read does not see them), so a cutover needs the site in maintenance mode with cron
 * stopped. Moodle's CLI maintenance mode leaves no trace in the database; what does is activity:
 * the newest session ({@code <prefix>sessions.timemodified}) and the newest log entry ({@code
 * <prefix>logstore_standard_log.timecreated}), compared with the source server's clock.
 */
final class SourceActivityCheck implements Check {
  /** Activity this recent means the site is in use. */
  private static final long RECENT_SECONDS = 15 * 60;

  @Override
  public String name() {
    return "source activity";
  }

  @Override
  public List<Finding> run(CheckContext ctx) throws SQLException {
    Optional<String> prefix = MoodleSite.prefix(ctx.sourceCatalog().tables().keySet());
    if (prefix.isEmpty()) {
      return List.of();
    }
    String db = ctx.sourceCatalog().database();
    List<String> recent = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    try (Connection c = ctx.source().getConnection();
        Statement st = c.createStatement()) {
      long now;
      try (ResultSet rs = st.executeQuery("SELECT UNIX_TIMESTAMP()")) {
        rs.next();
        now = rs.getLong(1);
      }
      String[][] probes = {
        {"sessions", "timemodified", "a session was active"},
        {"logstore_standard_log", "timecreated", "the standard log was written"}
      };
      for (String[] p : probes) {
        String table = prefix.get() + p[0];
        if (!ctx.sourceCatalog().tables().containsKey(table)) {
          continue;
        }
        try (ResultSet rs =
            st.executeQuery(
                "SELECT MAX("
                    + Identifiers.mysql(p[1])
                    + ") FROM "
                    + Identifiers.mysql(db, table))) {
          rs.next();
          long latest = rs.getLong(1);
          if (rs.wasNull()) {
            continue;
          }
          String ago = ago(now - latest);
          (now - latest <= RECENT_SECONDS ? recent : seen)
              .add(p[2] + " " + ago + " (" + table + "." + p[1] + ")");
        }
      }
    }
    if (!recent.isEmpty()) {
      return List.of(
          Finding.warning(
              "source-in-use",
              "the site looks in use: "
                  + String.join("; ", recent)
                  + "; rows written during the copy are not carried",
              "put the site in maintenance mode (admin/cli/maintenance.php --enable), stop cron,"
                  + " and wait for sessions to end"));
    }
    return seen.isEmpty()
        ? List.of()
        : List.of(Finding.info("source-activity", "last activity: " + String.join("; ", seen)));
  }

  private static String ago(long seconds) {
    if (seconds < 0) {
      return "in the future (the server's clock is behind the data's)";
    }
    if (seconds < 120) {
      return seconds + " s ago";
    }
    if (seconds < 7200) {
      return seconds / 60 + " min ago";
    }
    if (seconds < 172800) {
      return seconds / 3600 + " h ago";
    }
    return seconds / 86400 + " days ago";
  }
}
