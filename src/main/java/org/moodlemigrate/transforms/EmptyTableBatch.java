package org.moodlemigrate.transforms;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.moodlemigrate.connect.RetriedRead;
import org.moodlemigrate.journal.Journal;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.plan.CopyTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the tables that hold no row in a few statements for all of them, instead of one chunk
 * transaction each.
 *
 * <p>Most of a Moodle site's tables are empty (415 of the fixture's 494), and a chunk costs the
 * same handful of round trips with or without rows: a claim in the journal, a {@code TRUNCATE}, a
 * {@code SELECT} on the source, a {@code COPY}, the digest, the journal's record, the commit — 2.8
 * ms each on a local server, more over a network, and a pipeline element each. Here one source
 * statement per {@value #CHECKED_PER_STATEMENT} tables says which whole-table chunks are empty now
 * (a {@code NOT EXISTS} per table: that is the chunk's read, at the moment it is made, as a chunk's
 * {@code SELECT} would be), and then per {@value #TABLES_PER_TRANSACTION} tables one target
 * transaction claims their chunks ({@code FOR UPDATE}, leaving alone those already done and all of
 * them when the run is stopping), empties the target tables in one {@code TRUNCATE} where the chunk
 * would have, and marks them done with what the journal says of any empty chunk: no row read or
 * written, a digest of no rows. Tables the rules empty ({@code copiesNothing}) are read not at all,
 * as their chunk would not be.
 *
 * <p>Nothing is lost when a group fails (a lock not granted within {@value #LOCK_TIMEOUT}, a
 * connection dropped): its transaction rolls back and its tables go to the pipeline as chunks,
 * where retries, timeouts and failure records apply as to any other.
 */
public final class EmptyTableBatch {
  private static final Logger LOG = LoggerFactory.getLogger(EmptyTableBatch.class);

  /** Tables checked by one source statement. */
  static final int CHECKED_PER_STATEMENT = 200;

  /**
   * Tables per target transaction: each {@code TRUNCATE} holds locks on the table, its TOAST table
   * and indexes until the commit, and the server's lock table is shared by every session.
   */
  static final int TABLES_PER_TRANSACTION = 40;

  /** How long a group waits for a table's lock before it leaves its tables to the pipeline. */
  static final String LOCK_TIMEOUT = "10s";

  private EmptyTableBatch() {}

  /**
   * Copies the empty tables among the whole-table chunks of {@code tasks}; returns the tasks still
   * to copy, without those chunks.
   */
  public static List<CopyTask> copy(
      DataSource source, DataSource target, CopyJob job, List<CopyTask> tasks) {
    if (RunStop.reason(job.runId()) != null) {
      return tasks;
    }
    long t0 = System.nanoTime();
    List<String> candidates = new ArrayList<>();
    for (CopyTask task : tasks) {
      for (Chunk c : task.chunks()) {
        if (c.isWholeTable() && c.count() == 1) {
          candidates.add(c.table());
        }
      }
    }
    if (candidates.isEmpty()) {
      return tasks;
    }
    Set<String> empty;
    try {
      empty = emptyOnSource(source, job, candidates);
    } catch (SQLException e) {
      LOG.debug("cannot tell which tables are empty ({}); copying them as chunks", e.getMessage());
      return tasks;
    }
    Set<String> copied = new HashSet<>();
    List<String> list = new ArrayList<>(empty);
    for (int i = 0; i < list.size(); i += TABLES_PER_TRANSACTION) {
      List<String> group = list.subList(i, Math.min(list.size(), i + TABLES_PER_TRANSACTION));
      try {
        copied.addAll(copyGroup(target, job, group));
      } catch (SQLException e) {
        LOG.debug(
            "empty tables {}..{}: {}; copying them as chunks",
            group.get(0),
            group.get(group.size() - 1),
            e.getMessage());
      }
      if (RunStop.reason(job.runId()) != null) {
        break;
      }
    }
    if (!copied.isEmpty()) {
      LOG.info(
          "{} empty tables handled in {} s, {} at a time",
          copied.size(),
          String.format(Locale.ROOT, "%.2f", (System.nanoTime() - t0) / 1e9),
          TABLES_PER_TRANSACTION);
    }
    List<CopyTask> rest = new ArrayList<>();
    for (CopyTask task : tasks) {
      List<Chunk> left =
          task.chunks().stream()
              .filter(c -> !(c.isWholeTable() && copied.contains(c.table())))
              .toList();
      if (!left.isEmpty()) {
        rest.add(left.size() == task.chunks().size() ? task : new CopyTask(left));
      }
    }
    return rest;
  }

  /** Which of the tables hold no row on the source now (the rules' emptied ones without asking). */
  private static Set<String> emptyOnSource(DataSource source, CopyJob job, List<String> tables)
      throws SQLException {
    Set<String> out = new LinkedHashSet<>();
    List<String> toAsk = new ArrayList<>();
    for (String t : tables) {
      if (job.table(t).copiesNothing()) {
        out.add(t);
      } else {
        toAsk.add(t);
      }
    }
    for (int i = 0; i < toAsk.size(); i += CHECKED_PER_STATEMENT) {
      List<String> group = toAsk.subList(i, Math.min(toAsk.size(), i + CHECKED_PER_STATEMENT));
      String sql =
          group.stream()
              .map(
                  t ->
                      "SELECT "
                          + mysqlLiteral(t)
                          + " FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM "
                          + job.table(t).sourceTable()
                          + ")")
              .collect(Collectors.joining(" UNION ALL "));
      out.addAll(
          RetriedRead.run(
              source,
              job.retry(),
              "finding the empty tables",
              c -> {
                Set<String> found = new LinkedHashSet<>();
                try (Statement st = c.createStatement()) {
                  st.setEscapeProcessing(false);
                  try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                      found.add(rs.getString(1));
                    }
                  }
                }
                return found;
              }));
    }
    return out;
  }

  /**
   * One transaction: returns the group's tables that the pipeline need not copy (copied now, done
   * before, or left pending because the run is stopping), or throws and nothing of them is written.
   * A table the journal does not hold is left to the pipeline, whose chunk says so.
   */
  private static Set<String> copyGroup(DataSource target, CopyJob job, List<String> group)
      throws SQLException {
    Instant started = Instant.now();
    Journal.WholeTableClaim claim;
    try (Connection tc = target.getConnection()) {
      tc.setAutoCommit(false);
      try {
        try (Statement st = tc.createStatement()) {
          st.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
        }
        claim = Journal.claimWholeTables(tc, job.journalSchema(), job.runId(), group);
        if (claim.toCopy().isEmpty()) {
          tc.rollback();
          return claim.found();
        }
        List<String> truncated =
            claim.toCopy().stream()
                .filter(t -> job.table(t).truncateFirst())
                .map(t -> job.table(t).targetTable())
                .toList();
        if (!truncated.isEmpty()) {
          try (Statement st = tc.createStatement()) {
            st.execute("TRUNCATE TABLE " + String.join(", ", truncated));
          }
        }
        Set<String> digested =
            claim.toCopy().stream()
                .filter(t -> job.table(t).digest() != null)
                .collect(Collectors.toSet());
        Journal.markEmptyTablesDone(
            tc, job.journalSchema(), job.runId(), claim.toCopy(), digested, started);
        if (RunStop.reason(job.runId()) != null) {
          tc.rollback(); // the run is stopping: commit nothing more, the chunks stay pending
          return claim.found();
        }
        tc.commit();
      } catch (SQLException | RuntimeException e) {
        try {
          tc.rollback();
        } catch (SQLException rollbackError) {
          e.addSuppressed(rollbackError);
        }
        throw e;
      }
    }
    for (String t : claim.toCopy()) {
      CopyProgress.chunkDone(t, 0, 0);
    }
    LOG.debug("empty tables copied: {}", claim.toCopy());
    return claim.found();
  }

  /** A MySQL string literal of a table name (names are identifiers, but quoted all the same). */
  private static String mysqlLiteral(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
