package org.moodlemigrate.checks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.moodlemigrate.connect.ConnectionBudget;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.report.Finding;
import org.moodlemigrate.targetdb.StatementBatches;

/**
 * Server settings the run relies on.
 *
 * <ul>
 *   <li>Connections: {@code --parallelism} workers plus the driver's own connections ({@link
 *       ConnectionBudget}) must fit in {@code max_connections} on both sides, next to the sessions
 *       already there.
 *   <li>Locks: the run's largest transaction (a batch of {@value StatementBatches#DEFAULT_SIZE}
 *       truncates, or of ownership changes) locks every table in it with its indexes, sequences and
 *       TOAST relations. PostgreSQL keeps all sessions' locks in one table sized {@code
 *       max_locks_per_transaction × (max_connections + max_prepared_transactions)}; a transaction
 *       that needs more than is free fails with "out of shared memory". The tool never takes all
 *       tables in one transaction (what exhausts it with pgloader on large Totara sites), and this
 *       check says when even its batches would not fit.
 * </ul>
 */
final class ServerSettingsCheck implements Check {
  /** The run's largest ownership batch, in tables (see TargetCompletion). */
  private static final int OWNER_BATCH = 100;

  @Override
  public String name() {
    return "server settings";
  }

  @Override
  public List<Finding> run(CheckContext ctx) throws SQLException {
    List<Finding> out = new ArrayList<>();
    int parallelism = ctx.settings().parallelism();
    int targetNeeds = ConnectionBudget.target(parallelism);
    try (Connection c = ctx.target().getConnection();
        Statement st = c.createStatement()) {
      long maxConnections = longValue(st, "SELECT current_setting('max_connections')::int");
      long reserved =
          longValue(st, "SELECT current_setting('superuser_reserved_connections')::int");
      long used =
          longValue(
              st,
              "SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE backend_type = 'client"
                  + " backend'");
      long free = maxConnections - reserved - used;
      if (free < targetNeeds) {
        out.add(
            Finding.error(
                "target-connections",
                "the run opens up to "
                    + targetNeeds
                    + " connections to the target"
                    + " (--parallelism "
                    + parallelism
                    + " plus its own), but only "
                    + free
                    + " of max_connections "
                    + maxConnections
                    + " are free",
                "lower --parallelism, or raise max_connections"));
      }
      long maxLocks = longValue(st, "SELECT current_setting('max_locks_per_transaction')::int");
      long prepared = longValue(st, "SELECT current_setting('max_prepared_transactions')::int");
      long capacity = maxLocks * (maxConnections + prepared);
      long biggest = biggestTransaction(ctx);
      String settings =
          "max_locks_per_transaction " + maxLocks + ", max_connections " + maxConnections;
      if (biggest > capacity / 2) {
        out.add(
            Finding.error(
                "target-lock-table",
                "the run's largest transaction locks about "
                    + biggest
                    + " relations, more than half of the server's lock table ("
                    + capacity
                    + " = "
                    + settings
                    + ")",
                "raise max_locks_per_transaction (needs a restart), e.g. to "
                    + (2 * biggest / Math.max(1, maxConnections) + 64)));
      } else {
        out.add(
            Finding.info(
                "target-settings",
                settings
                    + "; the run's largest transaction locks about "
                    + biggest
                    + " relations of "
                    + capacity));
      }
    }
    try (Connection c = ctx.source().getConnection();
        Statement st = c.createStatement()) {
      long maxConnections = longValue(st, "SELECT @@max_connections");
      long used;
      try (ResultSet rs = st.executeQuery("SHOW GLOBAL STATUS LIKE 'Threads_connected'")) {
        used = rs.next() ? rs.getLong(2) : 0;
      }
      long needs = ConnectionBudget.source(parallelism);
      if (maxConnections - used < needs) {
        out.add(
            Finding.error(
                "source-connections",
                "the run opens up to "
                    + needs
                    + " connections to the source, but only "
                    + (maxConnections - used)
                    + " of max_connections "
                    + maxConnections
                    + " are free",
                "lower --parallelism, or raise max_connections on the source"));
      }
    }
    return out;
  }

  /**
   * Relations locked by the largest batch: each table with its indexes and sequences, and TOAST.
   */
  private static long biggestTransaction(CheckContext ctx) {
    Map<String, Integer> relations = new HashMap<>();
    ctx.targetCatalog()
        .relations()
        .forEach((relation, table) -> relations.merge(table, 1, Integer::sum));
    List<Integer> perTable = new ArrayList<>();
    for (TablePlan t : Selected.copied(ctx)) {
      int own = t.target() == null ? 1 : relations.getOrDefault(t.target().name(), 1);
      int created =
          t.definition() == null
              ? 0
              : t.definition().indexes().size() + (t.definition().sequence() == null ? 0 : 1);
      perTable.add(Math.max(own, 1 + created) + 2);
    }
    perTable.sort(java.util.Comparator.reverseOrder());
    long biggest = 0;
    for (int batch : new int[] {StatementBatches.DEFAULT_SIZE, OWNER_BATCH}) {
      biggest =
          Math.max(biggest, perTable.stream().limit(batch).mapToLong(Integer::longValue).sum());
    }
    return biggest;
  }

  private static long longValue(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
