package org.moodlemigrate.checks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.report.Finding;
import org.moodlemigrate.report.Severity;
import org.moodlemigrate.sql.Identifiers;
import org.moodlemigrate.targetdb.TargetPreparation;

/**
 * Target tables that hold rows will be emptied before they are loaded. Right after Moodle's
 * installer that is a few dozen tables (its default configuration, the admin and guest users); many
 * more, or big ones, suggest the wrong target, so they are listed with their row counts.
 */
final class TargetRowsCheck implements Check {
  @Override
  public String name() {
    return "target rows";
  }

  @Override
  public List<Finding> run(CheckContext ctx) throws SQLException {
    String schema = ctx.settings().targetSchema();
    List<String> holding = new ArrayList<>();
    long totalRows = 0;
    try (Connection c = ctx.target().getConnection();
        Statement st = c.createStatement()) {
      Set<String> nonEmpty = TargetPreparation.nonEmptyTables(c, schema);
      for (TablePlan t : ctx.plan().loaded()) {
        if (!nonEmpty.contains(t.target().name())) {
          continue;
        }
        try (ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM (SELECT 1 FROM "
                    + Identifiers.postgres(schema, t.target().name())
                    + " LIMIT 100000) x")) {
          rs.next();
          long n = rs.getLong(1);
          if (n > 0) {
            holding.add(
                t.target().name()
                    + " ("
                    + (n == 100000 ? "100,000+" : String.format("%,d", n))
                    + ")");
            totalRows += n;
          }
        }
      }
    }
    if (holding.isEmpty()) {
      return List.of();
    }
    return List.of(
        new Finding(
            "target-tables-not-empty",
            // A sandbox refresh replaces the sandbox's data every time: that is not worth a
            // warning in the cron mail of every night.
            ctx.settings().sandbox() != null ? Severity.INFO : Severity.WARNING,
            holding.size()
                + " target table(s) hold rows ("
                + String.format("%,d", totalRows)
                + " in all) and will be emptied before loading: "
                + Checks.sample(holding),
            "expected right after Moodle's installer; otherwise check that --target is the right"
                + " database",
            holding.stream().map(h -> h.substring(0, h.indexOf(' '))).toList()));
  }
}
