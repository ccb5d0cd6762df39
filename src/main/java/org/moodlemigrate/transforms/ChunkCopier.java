package org.moodlemigrate.transforms;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.moodlemigrate.casts.Excerpt;
import org.moodlemigrate.connect.TransientErrors;
import org.moodlemigrate.journal.Journal;
import org.moodlemigrate.journal.RowIssue;
import org.moodlemigrate.plan.Chunk;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one chunk: streams its rows from the source and writes them to the target with {@code
 * COPY}, in one target transaction that also marks the chunk done in the journal, with the chunk's
 * row issues (values changed under the value policy, rows rejected).
 *
 * <p>Either the whole chunk commits, with its journal rows, or nothing of it does; on failure the
 * chunk is recorded as failed with a message that names the table, the row's key and the reason,
 * and the row that stopped it is recorded for the reject file.
 *
 * <p>Rows are rejected in two places. A converter refuses a value before it is sent ({@link
 * RowStream}). PostgreSQL refuses a row the converters could not foresee (a CHECK constraint, an
 * enum label, invalid JSON): its COPY error names a line, which for a single integer key maps to
 * the row's key. When {@code --max-rejects} still allows, that row is recorded as rejected and the
 * chunk is copied again without it, in a new transaction; so a rejected row never takes its chunk's
 * good rows with it.
 *
 * <p>A transient failure (the connection dropped, the server restarted, a deadlock: {@link
 * TransientErrors}) rolls the chunk back and tries it again after a backoff, up to {@code
 * --retries} times, each attempt logged; the journal counts the attempts. Only when they are spent
 * does the chunk fail, and with it its table.
 *
 * <p>Kept free of Beam so that it can be tested and reused on its own; {@link CopyChunkFn} is the
 * thin Beam wrapper.
 */
public final class ChunkCopier {
  private static final Logger LOG = LoggerFactory.getLogger(ChunkCopier.class);

  /** The COPY context line: {@code COPY t, line 3, column v: "abc"}. */
  private static final Pattern COPY_LINE =
      Pattern.compile("COPY .*, line (\\d+)(?:, column (.*?): (.*))?", Pattern.DOTALL);

  private final DataSource source;
  private final DataSource target;
  private final CopyJob job;

  public ChunkCopier(DataSource source, DataSource target, CopyJob job) {
    this.source = source;
    this.target = target;
    this.job = job;
  }

  /** Copies the chunk; never throws for a problem of the chunk's own, which it reports instead. */
  public ChunkOutcome copy(Chunk chunk) {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    TableCopySpec spec = job.table(chunk.table());
    RowKeys keys = new RowKeys(spec);
    List<RowIssue> refusedByTarget = new ArrayList<>();
    Set<Long> skipKeys = new HashSet<>();
    int attempt = 0;
    int transientFailures = 0;
    while (true) {
      attempt++;
      RowIssues issues = new RowIssues(job.policy(), refusedByTarget, skipKeys);
      try {
        RowStream.Result result = copyInTransaction(chunk, spec, keys, issues, started, attempt);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long changed = issues.all().size() - issues.rejectedRows();
        LOG.debug("{}: {} rows in {} s", chunk.describe(), result.rowsWritten(), fmt(seconds));
        return new ChunkOutcome(
            chunk.table(),
            chunk.number(),
            result.rowsRead(),
            result.rowsWritten(),
            issues.rejectedRows(),
            changed,
            seconds,
            null);
      } catch (Exception e) {
        RowIssue refused = refusedByTarget(e, keys, skipKeys);
        if (refused != null && issues.canRejectAnother()) {
          LOG.info(
              "{}: row {} refused by the target ({}); copying the chunk again without it",
              chunk.describe(),
              refused.key(),
              refused.reason());
          refusedByTarget.add(refused);
          continue;
        }
        if (refused == null && TransientErrors.isTransient(e)) {
          transientFailures++;
          if (job.retry().allowsAnother(transientFailures)) {
            Duration wait = job.retry().delayAfter(transientFailures);
            LOG.warn(
                "{}: {} (transient failure {} of at most {}); trying the chunk again in {} s",
                chunk.describe(),
                describe(chunk, e, keys),
                transientFailures,
                job.retry().attempts(),
                fmt(wait.toMillis() / 1000.0));
            if (sleep(wait)) {
              continue;
            }
          } else if (job.retry().retries() > 0) {
            return failed(
                chunk,
                e,
                " (gave up after " + transientFailures + " attempts)",
                keys,
                issues,
                refused,
                started,
                t0,
                attempt);
          }
        }
        return failed(chunk, e, "", keys, issues, refused, started, t0, attempt);
      }
    }
  }

  /** Waits before another attempt; false when interrupted (the run is being stopped). */
  private static boolean sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private ChunkOutcome failed(
      Chunk chunk,
      Exception e,
      String suffix,
      RowKeys keys,
      RowIssues issues,
      RowIssue refused,
      Instant started,
      long t0,
      int attempts) {
    String message = describe(chunk, e, keys) + suffix;
    LOG.warn("{} failed: {}", chunk.describe(), message);
    List<RowIssue> recorded = new ArrayList<>(issues.all());
    recorded.removeIf(i -> i.kind() == RowIssue.Kind.CHANGED); // those rows did not arrive
    if (refused != null) {
      recorded.add(refused);
    }
    try {
      Journal.markFailed(
          target, job.journalSchema(), job.runId(), chunk, message, recorded, started, attempts);
    } catch (SQLException journalError) {
      LOG.error(
          "cannot record the failure of {} in the journal: {}",
          chunk.describe(),
          journalError.getMessage());
    }
    return new ChunkOutcome(
        chunk.table(),
        chunk.number(),
        0,
        0,
        recorded.size(),
        0,
        (System.nanoTime() - t0) / 1e9,
        message);
  }

  private RowStream.Result copyInTransaction(
      Chunk chunk,
      TableCopySpec spec,
      RowKeys keys,
      RowIssues issues,
      Instant started,
      int attempts)
      throws SQLException, RejectedRowException {
    try (Connection tc = target.getConnection()) {
      tc.setAutoCommit(false);
      try {
        if (spec.truncateFirst() && chunk.isWholeTable()) {
          try (var st = tc.createStatement()) {
            st.execute("TRUNCATE TABLE " + spec.targetTable());
          }
        }
        RowStream.Result result =
            RowStream.copy(
                source,
                tc,
                spec,
                chunk,
                spec.copySql(chunk),
                keys,
                job.policy(),
                issues,
                RowStream.Limit.NONE);
        long rowsRead = result.rowsRead();
        long written = result.rowsWritten();
        if (written + issues.rejectedRows() != rowsRead) {
          throw new SQLException(
              "COPY wrote "
                  + written
                  + " rows and "
                  + issues.rejectedRows()
                  + " were rejected, but "
                  + rowsRead
                  + " were read from the source");
        }
        Journal.markDone(
            tc,
            job.journalSchema(),
            job.runId(),
            chunk,
            rowsRead,
            written,
            issues.all(),
            started,
            attempts);
        tc.commit();
        return result;
      } catch (SQLException | RejectedRowException | RuntimeException e) {
        try {
          tc.rollback();
        } catch (SQLException rollbackError) {
          e.addSuppressed(rollbackError);
        }
        throw e;
      }
    }
  }

  /**
   * When PostgreSQL refused a row the converters let through and the row is known by its integer
   * key, that row as a rejected issue (and its key added to {@code skipKeys}); otherwise null.
   */
  private static RowIssue refusedByTarget(Exception e, RowKeys keys, Set<Long> skipKeys) {
    if (!(e instanceof PSQLException pe) || pe.getServerErrorMessage() == null) {
      return null;
    }
    ServerErrorMessage server = pe.getServerErrorMessage();
    String where = server.getWhere();
    if (where == null || !isDataError(server.getSQLState())) {
      return null;
    }
    Matcher m = COPY_LINE.matcher(where);
    if (!m.find()) {
      return null;
    }
    Long key = keys.keyOfLine(Long.parseLong(m.group(1)));
    if (key == null || !skipKeys.add(key)) {
      return null;
    }
    String column = m.group(2) == null ? "(row)" : m.group(2);
    String excerpt = m.group(3) == null ? null : Excerpt.of(unquote(m.group(3)));
    return new RowIssue(
        RowIssue.Kind.REJECTED,
        keys.describe(key),
        column,
        "refused by PostgreSQL: " + server.getMessage(),
        excerpt);
  }

  /**
   * Errors about a row's data (class 22, data exception; class 23, integrity constraint violation),
   * as opposed to the connection or the server failing.
   */
  private static boolean isDataError(String sqlState) {
    return sqlState != null && (sqlState.startsWith("22") || sqlState.startsWith("23"));
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }

  private String describe(Chunk chunk, Exception e, RowKeys keys) {
    if (e instanceof RejectedRowException r) {
      String limit =
          r.maxRejects() == 0
              ? ""
              : " (row "
                  + r.rejected()
                  + " rejected in this chunk; --max-rejects "
                  + r.maxRejects()
                  + ")";
      return "table "
          + chunk.table()
          + ", row "
          + r.key()
          + ", column "
          + r.value().column()
          + ": "
          + r.value().reason()
          + limit;
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof PSQLException pe && pe.getServerErrorMessage() != null) {
      ServerErrorMessage server = pe.getServerErrorMessage();
      message = server.getMessage();
      String where = server.getWhere();
      if (where != null) {
        Matcher m = COPY_LINE.matcher(where);
        Long key = m.find() ? keys.keyOfLine(Long.parseLong(m.group(1))) : null;
        String firstLine = where.lines().findFirst().orElse(where);
        message +=
            key != null
                ? " (row " + keys.describe(key) + "; " + firstLine + ")"
                : " (" + firstLine + ")";
      }
    }
    String root = rootCause(e);
    String first = message.lines().findFirst().orElse(message);
    return "table "
        + chunk.table()
        + (chunk.isWholeTable() ? "" : " " + chunk.describe())
        + ": "
        + first
        + (root == null || first.contains(root) ? "" : " (" + root + ")");
  }

  /**
   * The innermost cause's message when it differs from the outer one: "Database connection failed
   * when writing to copy" says little without the "Broken pipe" or "Connection reset" beneath.
   */
  private static String rootCause(Exception e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    if (t == e || t.getMessage() == null) {
      return null;
    }
    return t.getMessage().lines().findFirst().orElse(null);
  }

  private static String fmt(double seconds) {
    return String.format("%.3f", seconds);
  }
}
