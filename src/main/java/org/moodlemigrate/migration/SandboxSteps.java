package org.moodlemigrate.migration;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.moodlemigrate.journal.RunRecord;
import org.moodlemigrate.report.SandboxReport;
import org.moodlemigrate.sandbox.ActionResult;
import org.moodlemigrate.sandbox.PreserveSpec;
import org.moodlemigrate.sandbox.PreservedRow;
import org.moodlemigrate.sandbox.PreservedRowStore;
import org.moodlemigrate.sandbox.PreservedRows;
import org.moodlemigrate.sandbox.RefreshActions;
import org.moodlemigrate.settings.SandboxSettings;
import org.moodlemigrate.sql.Identifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of a sandbox refresh around the copy: the sandbox's own rows read before the load and
 * kept in the journal, and after the copy, in one transaction, those rows written back, the tables
 * the rules empty emptied, and the post-refresh actions ({@link RefreshActions}).
 *
 * <p>The kept rows go to the journal before the first truncate. A refresh killed after the truncate
 * left a half-loaded target, whose {@code config} is production's: the next refresh (or {@code
 * --resume}) takes the rows from the journal of the run that did not finish, never from that
 * target, so the sandbox's own settings survive any number of failed refreshes.
 */
final class SandboxSteps {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxSteps.class);

  private SandboxSteps() {}

  /**
   * The columns the post-refresh actions change in place, by table (so that {@code verify} compares
   * the rest of those tables): with each, the action.
   */
  static Map<String, Map<String, String>> changedColumns(
      SandboxSettings sandbox, String prefix, Set<String> tables) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    if (sandbox == null) {
      return out;
    }
    Set<String> a = sandbox.actions();
    if (a.contains("stop-mail")) {
      out.put(prefix + "message_processors", Map.of("enabled", "after-refresh stop-mail"));
    }
    if (a.contains("disable-tasks")) {
      out.put(
          prefix + "task_scheduled",
          Map.of(
              "disabled",
              "after-refresh disable-tasks",
              "customised",
              "after-refresh disable-tasks"));
    }
    if (a.contains("purge-caches")) {
      out.put(prefix + "course", Map.of("cacherev", "after-refresh purge-caches"));
    }
    out.keySet().retainAll(tables);
    return out;
  }

  /**
   * The tables the steps after the copy rewrite as a whole (rows written back, settings added): by
   * table, why it is not compared with the source.
   */
  static Map<String, String> rewritten(SandboxSettings sandbox, String prefix, Set<String> tables) {
    Map<String, String> out = new TreeMap<>();
    if (sandbox == null) {
      return out;
    }
    for (PreserveSpec spec : sandbox.preserve()) {
      out.put(prefix + spec.table(), "kept rows written back (--preserve)");
    }
    Set<String> a = sandbox.actions();
    if (a.contains("new-siteidentifier") || a.contains("stop-mail") || a.contains("purge-caches")) {
      out.putIfAbsent(prefix + "config", "settings changed by --after-refresh");
    }
    out.keySet().retainAll(tables);
    return out;
  }

  /**
   * Reads the rows to keep and saves them in this run's journal. They come from the journal of
   * {@code unfinished} when the run before this one did not finish and kept rows (the target is
   * then half-loaded), else from the target as it is now.
   */
  static List<PreservedRow> keep(
      RunContext ctx, String prefix, Optional<RunRecord> previous, Long resumedRunId)
      throws SQLException {
    SandboxSettings sandbox = ctx.settings().sandbox();
    if (sandbox == null || sandbox.preserve().isEmpty()) {
      return List.of();
    }
    PreservedRowStore store =
        new PreservedRowStore(ctx.targetAdmin(), ctx.settings().journalSchema());
    if (resumedRunId != null) {
      List<PreservedRow> rows = store.load(resumedRunId);
      LOG.info("Kept rows: {} from the journal of run {}", rows.size(), resumedRunId);
      return rows;
    }
    List<PreservedRow> rows = null;
    if (previous.isPresent() && !previous.get().status().startsWith("succeeded")) {
      List<PreservedRow> saved = store.load(previous.get().runId());
      if (!saved.isEmpty()) {
        LOG.info(
            "Kept rows: {} from the journal of run {}, which did not finish ({}): the target may"
                + " hold a half-loaded copy",
            saved.size(),
            previous.get().runId(),
            previous.get().status());
        rows = saved;
      }
    }
    if (rows == null) {
      try (Connection c = ctx.targetAdmin().getConnection()) {
        rows = PreservedRows.read(c, ctx.settings().targetSchema(), prefix, sandbox.preserve());
      }
      LOG.info("Kept rows: {} read from the target before the load", rows.size());
    }
    store.save(ctx.runId(), rows);
    return rows;
  }

  /** What was done after the copy, for the report; problems are the run's. */
  record After(List<String> preserved, List<SandboxReport.Action> actions, List<String> problems) {}

  /**
   * After the copy: the kept rows written back, the emptied tables emptied, the actions run — one
   * transaction, all or nothing.
   */
  static After after(
      RunContext ctx, SiteMasking masking, List<PreservedRow> kept, String sourceSiteIdentifier) {
    SandboxSettings sandbox = ctx.settings().sandbox();
    List<String> preserved = new ArrayList<>();
    List<SandboxReport.Action> actions = new ArrayList<>();
    if (sandbox == null) {
      return new After(preserved, actions, List.of());
    }
    Set<String> emptied = new TreeSet<>();
    for (String t : masking.emptied()) {
      emptied.add(t.startsWith(masking.prefix()) ? t.substring(masking.prefix().length()) : t);
    }
    Set<String> a = sandbox.actions();
    RefreshActions todo =
        RefreshActions.none()
            .withEmptySessions(a.contains("empty-sessions"))
            .withEmptyTables(List.copyOf(emptied))
            .withNewSiteIdentifier(a.contains("new-siteidentifier"))
            .withStopMail(a.contains("stop-mail"), sandbox.divertEmailTo())
            .withDisableMessageProcessors(a.contains("stop-mail"))
            .withTasksToDisable(
                !a.contains("disable-tasks")
                    ? List.of()
                    : sandbox.disableTasks().isEmpty()
                        ? RefreshActions.EXTERNAL_TASKS
                        : sandbox.disableTasks())
            .withPurgeCaches(a.contains("purge-caches"))
            .withHookSqlFiles(sandbox.afterSql());
    String schema = ctx.settings().targetSchema();
    try (Connection c = ctx.targetAdmin().getConnection()) {
      c.setAutoCommit(false);
      try {
        for (PreservedRows.Restored r : PreservedRows.restore(c, schema, masking.prefix(), kept)) {
          preserved.add(
              r.table()
                  + ": "
                  + r.keyColumn()
                  + "="
                  + r.keyValue()
                  + " ("
                  + r.outcome().name().toLowerCase(java.util.Locale.ROOT)
                  + ")");
        }
        byte[] idSecret =
            sandbox.keys() != null ? sandbox.keys().hmac("sandbox-siteidentifier") : randomBytes();
        for (ActionResult r :
            todo.apply(c, schema, masking.prefix(), sourceSiteIdentifier, idSecret)) {
          actions.add(new SandboxReport.Action(r.action(), r.detail()));
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        LOG.debug("sandbox steps failed", e);
        return new After(
            List.of(),
            List.of(),
            List.of(
                "the sandbox steps after the copy failed, and none of them took effect: "
                    + e.getMessage()
                    + "; fix the cause and run the refresh again"));
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      return new After(
          List.of(),
          List.of(),
          List.of("the sandbox steps after the copy could not start: " + e.getMessage()));
    }
    actions.forEach(x -> LOG.info("After the refresh: {}: {}", x.action(), x.detail()));
    return new After(preserved, actions, List.of());
  }

  /** Production's {@code siteidentifier}, or null when the source has none. */
  static String sourceSiteIdentifier(javax.sql.DataSource source, String database, String prefix)
      throws SQLException {
    try (Connection c = source.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT value FROM "
                    + Identifiers.mysql(database, prefix + "config")
                    + " WHERE name = 'siteidentifier'")) {
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      LOG.debug("no siteidentifier in the source: {}", e.getMessage());
      return null;
    }
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return b;
  }

  /** The report's sandbox section. */
  static SandboxReport report(
      SandboxSettings sandbox, SiteMasking masking, Map<String, Long> valuesByTable, After after) {
    List<SandboxReport.AnonymisedTable> tables = new ArrayList<>();
    masking
        .describe()
        .forEach(
            (t, cols) ->
                tables.add(
                    new SandboxReport.AnonymisedTable(t, cols, valuesByTable.getOrDefault(t, 0L))));
    return new SandboxReport(
        sandbox.rulesName(),
        tables,
        List.copyOf(masking.emptied()),
        after.preserved(),
        after.actions());
  }
}
