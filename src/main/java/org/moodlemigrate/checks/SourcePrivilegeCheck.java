package org.moodlemigrate.checks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.report.Finding;
import org.moodlemigrate.report.Severity;
import org.moodlemigrate.sql.Identifiers;

/**
 * The source user can read every table to copy. Tried rather than worked out from grants (which
 * come through roles, wildcards and column privileges): an empty {@code SELECT} of each table
 * either works or fails with MySQL's "SELECT command denied" (1142) or "access denied" (1143).
 *
 * <p>MySQL hides from {@code information_schema} the tables and columns a user cannot read, so a
 * user with grants table by table would see part of the site and the run would copy that part.
 * Without a database-wide {@code SELECT} (global or on the database), that is a warning.
 */
final class SourcePrivilegeCheck implements Check {
  private static final int SELECT_DENIED = 1142;
  private static final int COLUMN_DENIED = 1143;
  private static final int BATCH = 100;

  /** Whether an empty SELECT of all the tables works; one round trip for a hundred tables. */
  private static boolean readable(Statement st, String db, List<String> tables)
      throws SQLException {
    String sql =
        String.join(
            " UNION ALL ",
            tables.stream()
                .map(t -> "(SELECT 1 FROM " + Identifiers.mysql(db, t) + " LIMIT 0)")
                .toList());
    try {
      st.executeQuery(sql).close();
      return true;
    } catch (SQLException e) {
      if (e.getErrorCode() != SELECT_DENIED && e.getErrorCode() != COLUMN_DENIED) {
        throw e;
      }
      return false;
    }
  }

  @Override
  public String name() {
    return "source privileges";
  }

  @Override
  public List<Finding> run(CheckContext ctx) throws SQLException {
    List<String> denied = new ArrayList<>();
    String db = ctx.sourceCatalog().database();
    List<String> tables = Selected.copied(ctx).stream().map(TablePlan::name).toList();
    try (Connection c = ctx.source().getConnection();
        Statement st = c.createStatement()) {
      for (int i = 0; i < tables.size(); i += BATCH) {
        List<String> batch = tables.subList(i, Math.min(i + BATCH, tables.size()));
        if (!readable(st, db, batch)) {
          for (String table : batch) {
            if (!readable(st, db, List.of(table))) {
              denied.add(table);
            }
          }
        }
      }
    }
    List<Finding> out = new ArrayList<>();
    if (!databaseWideSelect(ctx, db)) {
      out.add(
          Finding.warning(
              "source-privilege",
              "the source user "
                  + ctx.settings().source().user()
                  + " has no SELECT on all of "
                  + db
                  + " (only on some tables or columns, or through a role this check cannot see):"
                  + " MySQL hides tables and columns a user cannot read, so those would be left out"
                  + " without a word; "
                  + ctx.sourceCatalog().tables().size()
                  + " tables are visible",
              "GRANT SELECT ON "
                  + db
                  + ".* TO the user, or compare the visible table count with the site's"));
    }
    if (denied.isEmpty()) {
      return out;
    }
    out.add(
        new Finding(
            "source-privilege",
            Severity.ERROR,
            "the source user "
                + ctx.settings().source().user()
                + " cannot read "
                + denied.size()
                + " table(s): "
                + Checks.sample(denied),
            "GRANT SELECT ON " + db + ".* TO the user (it needs nothing else)",
            denied));
    return out;
  }

  /** Whether the user holds SELECT globally or on the whole database (not table by table). */
  private static boolean databaseWideSelect(CheckContext ctx, String db) throws SQLException {
    String sql =
        "SELECT (SELECT COUNT(*) FROM information_schema.USER_PRIVILEGES WHERE PRIVILEGE_TYPE = 'SELECT')"
            + " + (SELECT COUNT(*) FROM information_schema.SCHEMA_PRIVILEGES"
            + " WHERE PRIVILEGE_TYPE = 'SELECT' AND ? LIKE TABLE_SCHEMA)";
    try (Connection c = ctx.source().getConnection();
        java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, db);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getLong(1) > 0;
      }
    }
  }
}
