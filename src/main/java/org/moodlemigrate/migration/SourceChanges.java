package org.moodlemigrate.migration;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.moodlemigrate.catalog.SourceColumn;
import org.moodlemigrate.catalog.mysql.SourceStateReader;
import org.moodlemigrate.connect.RetriedRead;
import org.moodlemigrate.journal.Journal;
import org.moodlemigrate.journal.SourceState;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.report.Finding;
import org.moodlemigrate.settings.RunSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a source written to while it was being copied: each table's row count and highest key are
 * noted in one consistent snapshot when the run plans and again when it ends, and the rows the
 * chunks read are added up. A table whose three figures disagree was changed during the copy, and
 * its copy may hold rows from different moments: the run warns, naming the tables.
 *
 * <p>One snapshot per chunk is the strongest consistency MySQL gives a copy in parallel sessions
 * (there is no snapshot that several sessions can share); a site in maintenance mode, with cron
 * stopped, is what makes the chunks agree with each other, and this is how a run notices when that
 * was not the case.
 */
final class SourceChanges {
  private static final Logger LOG = LoggerFactory.getLogger(SourceChanges.class);
  private static final int NAMED_TABLES = 10;

  private SourceChanges() {}

  /**
   * Notes the state at the start of a run. A failure to read it is a warning, not a reason to stop
   * a run that could otherwise go on: the run then cannot tell whether the source changed.
   */
  static void recordStart(
      DataSource sourceAdmin,
      RunSettings settings,
      Journal journal,
      long runId,
      List<TablePlan> tables) {
    try {
      journal.recordSourceStates(runId, read(sourceAdmin, settings, tables), true);
    } catch (SQLException e) {
      LOG.warn(
          "cannot note the source's row counts at the start ({}); the run will not be able to tell"
              + " whether the source changed during the copy",
          e.getMessage());
    }
  }

  /** Reads the state of the copied tables now. */
  static Map<String, SourceState> read(
      DataSource sourceAdmin, RunSettings settings, List<TablePlan> tables) throws SQLException {
    Map<String, String> keys = new LinkedHashMap<>();
    for (TablePlan t : tables) {
      keys.put(t.name(), t.source().singleIntegerKey().map(SourceColumn::name).orElse(null));
    }
    long t0 = System.nanoTime();
    Map<String, SourceState> states =
        RetriedRead.run(
            sourceAdmin,
            settings.retry(),
            "reading the source's row counts",
            c -> SourceStateReader.read(c, settings.source().database(), keys));
    LOG.debug(
        "Read the source's row counts of {} tables in {} ms",
        states.size(),
        (System.nanoTime() - t0) / 1_000_000);
    return states;
  }

  /**
   * Reads the state at the end, records it, and compares it with the start and with the rows the
   * chunks read; a warning when any table changed, none otherwise. A failure to read is logged and
   * gives no finding: it must not fail a run whose copy succeeded.
   */
  static List<Finding> compare(
      RunContext ctx, List<TablePlan> tables, List<Journal.ChunkRecord> chunks) {
    try {
      Map<String, SourceState> end = read(ctx.sourceAdmin(), ctx.settings(), tables);
      ctx.journal().recordSourceStates(ctx.runId(), end, false);
      Map<String, SourceState> start = ctx.journal().sourceStatesAtStart(ctx.runId());
      Map<String, Long> read = new HashMap<>();
      Map<String, Boolean> complete = new HashMap<>();
      for (Journal.ChunkRecord c : chunks) {
        boolean done = "done".equals(c.status()) && c.rowsRead() != null;
        read.merge(c.table(), done ? c.rowsRead() : 0L, Long::sum);
        complete.merge(c.table(), done, Boolean::logicalAnd);
      }
      List<String> changed = new ArrayList<>();
      for (TablePlan t : tables) {
        SourceState before = start.get(t.name());
        SourceState after = end.get(t.name());
        if (after == null) {
          continue;
        }
        String change =
            change(
                before, after, complete.getOrDefault(t.name(), false) ? read.get(t.name()) : null);
        if (change != null) {
          changed.add(t.name() + " (" + change + ")");
        }
      }
      if (changed.isEmpty()) {
        return List.of();
      }
      String named =
          String.join(", ", changed.subList(0, Math.min(NAMED_TABLES, changed.size())))
              + (changed.size() > NAMED_TABLES
                  ? " and " + (changed.size() - NAMED_TABLES) + " more"
                  : "");
      Finding finding =
          Finding.warning(
              "source-changed",
              "the source changed while it was being copied: "
                  + changed.size()
                  + " table(s) differ between the start and the end of the run: "
                  + named
                  + "; their copies may miss rows or hold rows from different moments",
              "put the site in maintenance mode and stop cron (admin/cli/maintenance.php"
                  + " --enable), then run again, or run 'verify' to see what differs",
              changed.stream().map(c -> c.substring(0, c.indexOf(" ("))).toArray(String[]::new));
      LOG.warn("{} — {}", finding.message(), finding.fix());
      return List.of(finding);
    } catch (SQLException e) {
      LOG.warn("cannot compare the source's state with the start of the run: {}", e.getMessage());
      return List.of();
    }
  }

  /** What changed in a table, or null when nothing did. */
  static String change(SourceState start, SourceState end, Long rowsRead) {
    List<String> parts = new ArrayList<>();
    if (start != null && start.rows() != end.rows()) {
      parts.add(String.format("%,d rows at the start, %,d at the end", start.rows(), end.rows()));
    }
    if (start != null && !Objects.equals(start.maxKey(), end.maxKey())) {
      parts.add("highest key " + start.maxKey() + " at the start, " + end.maxKey() + " at the end");
    }
    if (parts.isEmpty() && rowsRead != null && rowsRead != end.rows()) {
      parts.add(String.format("%,d rows read by the copy, %,d now", rowsRead, end.rows()));
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }
}
