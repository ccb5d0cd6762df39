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
import org.moodlemigrate.journal.RowIssueSource;
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
 * <p><b>A chunk is written once.</b> Its transaction first claims the chunk's journal row ({@link
 * Journal#claim}, {@code SELECT … FOR UPDATE}) and leaves a chunk that is already done alone: a
 * retry after a {@code COMMIT} whose acknowledgement was lost (the connection dropped after the
 * server committed) finds its own work done, and a chunk a runner hands over twice (Flink re-runs
 * bundles after a failure) waits for the first delivery and then finds it done. So neither
 * duplicates rows, and a duplicate-key error can never come from a chunk's own committed rows.
 *
 * <p>Rows are rejected in two places. A converter refuses a value before it is sent ({@link
 * RowStream}). PostgreSQL refuses a row the converters could not foresee (a CHECK constraint, an
 * enum label, invalid JSON): its COPY error names a line, which for a single integer key maps to
 * the row's key. When {@code --max-rejects} still allows, that row is recorded as rejected and the
 * chunk is copied again without it, in a new transaction; so a rejected row never takes its chunk's
 * good rows with it. {@code --max-rejects} is the table's budget, across its chunks: the claim says
 * what its committed chunks used, and the commit reserves this chunk's rejects under a lock on the
 * table's journal row ({@link Journal#reserveRejects}).
 *
 * <p>A transient failure (the connection dropped, the server restarted, a deadlock: {@link
 * TransientErrors}; or no answer at all for {@code --server-timeout}, {@link ChunkWatch}) rolls the
 * chunk back and tries it again after a backoff, up to {@code --retries} times, each attempt
 * logged; the journal counts the attempts. Only when they are spent does the chunk fail, and with
 * it its table. A failure that every other chunk would meet as well (the target's disk is full, it
 * is out of memory or shared memory: SQLSTATE class 53 but too many connections, or an I/O error)
 * stops the run ({@link RunStop}): the chunks not yet started stay pending, for {@code run
 * --resume} once the cause is fixed, instead of failing one by one. Each cause is logged once
 * ({@link FailureLog}), with PostgreSQL's hint.
 *
 * <p>Kept free of Beam so that it can be tested and reused on its own; {@link CopyChunkFn} is the
 * thin Beam wrapper.
 */
public final class ChunkCopier {
  private static final Logger LOG = LoggerFactory.getLogger(ChunkCopier.class);

  /** The COPY context line: {@code COPY t, line 3, column v: "abc"}. */
  static final Pattern COPY_LINE =
      Pattern.compile("COPY .*, line (\\d+)(?:, column (.*?): (.*))?", Pattern.DOTALL);

  private final DataSource source;
  private final DataSource target;
  private final CopyJob job;

  public ChunkCopier(DataSource source, DataSource target, CopyJob job) {
    this.source = source;
    this.target = target;
    this.job = job;
  }

  /** What one attempt came to, when it did not throw. */
  private enum Attempt {
    COPIED,
    ALREADY_DONE,
    NOT_STARTED
  }

  /** Copies the chunk; never throws for a problem of the chunk's own, which it reports instead. */
  public ChunkOutcome copy(Chunk chunk) {
    String stop = RunStop.reason(job.runId());
    if (stop != null) {
      LOG.debug("{}: not started, the run is stopping ({})", chunk.describe(), stop);
      return ChunkOutcome.notStarted(chunk);
    }
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    TableCopySpec spec = job.table(chunk.table());
    List<RowIssue> refusedByTarget = new ArrayList<>();
    Set<Long> skipKeys = new HashSet<>();
    int attempt = 0;
    int transientFailures = 0;
    try (RowKeys keys = new RowKeys(spec)) {
      while (true) {
        attempt++;
        long[] done = new long[4];
        try (RowIssues issues = new RowIssues(job.policy(), refusedByTarget, skipKeys);
            ChunkWatch watch =
                ChunkWatch.start(chunk.table(), chunk.describe(), job.serverTimeout())) {
          try {
            Attempt a = copyInTransaction(chunk, spec, keys, issues, started, attempt, watch, done);
            double seconds = (System.nanoTime() - t0) / 1e9;
            switch (a) {
              case NOT_STARTED -> {
                return ChunkOutcome.notStarted(chunk);
              }
              case ALREADY_DONE -> {
                LOG.info(
                    "{}: already copied (an earlier attempt's commit reached the server, or the"
                        + " chunk was handed over twice); not copied again",
                    chunk.describe());
                return new ChunkOutcome(
                    chunk.table(),
                    chunk.number(),
                    done[0],
                    done[1],
                    done[2],
                    done[3],
                    seconds,
                    null);
              }
              default -> {
                LOG.debug("{}: {} rows in {} s", chunk.describe(), done[1], fmt(seconds));
                return new ChunkOutcome(
                    chunk.table(),
                    chunk.number(),
                    done[0],
                    done[1],
                    issues.rejectedRows(),
                    issues.changedValues(),
                    seconds,
                    null);
              }
            }
          } catch (Exception e) {
            watch.close(); // the attempt is over: a backoff or the failure's record is not a hang
            if (RunStop.interrupted(job.runId())) {
              LOG.debug("{}: rolled back, the run was interrupted ({})", chunk.describe(), e);
              return ChunkOutcome.notStarted(chunk);
            }
            String timedOut = watch.timedOut();
            RowIssue refused = timedOut == null ? refusedByTarget(e, keys, skipKeys) : null;
            if (refused != null && issues.canRejectAnother()) {
              LOG.info(
                  "{}: row {} refused by the target ({}); copying the chunk again without it",
                  chunk.describe(),
                  refused.key(),
                  refused.reason());
              refusedByTarget.add(refused);
              continue;
            }
            Failure failure = Failure.of(chunk, e, keys, timedOut);
            if (refused == null && failure.transientCause()) {
              transientFailures++;
              if (job.retry().allowsAnother(transientFailures)) {
                Duration wait = job.retry().delayAfter(transientFailures);
                LOG.warn(
                    "{}: {} (transient failure {} of at most {}); trying the chunk again in {} s",
                    chunk.describe(),
                    failure.cause(),
                    transientFailures,
                    job.retry().attempts(),
                    fmt(wait.toMillis() / 1000.0));
                if (sleep(wait)) {
                  continue;
                }
                if (RunStop.interrupted(job.runId())) {
                  return ChunkOutcome.notStarted(chunk);
                }
              } else if (job.retry().retries() > 0) {
                failure = failure.withSuffix(" (gave up after " + transientFailures + " attempts)");
              }
            }
            if (failure.stopsTheRun()) {
              stopRun(failure.stopReason(chunk));
            }
            CopyProgress.chunkFailed(chunk.table());
            return failed(chunk, failure, issues, refused, started, t0, attempt);
          }
        }
      }
    }
  }

  /** Stops the run's copy: this JVM at once, other workers at their next claim. */
  private void stopRun(String reason) {
    if (!RunStop.stop(job.runId(), reason)) {
      return; // another chunk stopped it first, and said so
    }
    LOG.error(
        "Stopping the copy: {}. Chunks not started yet stay pending; fix the cause and continue"
            + " with run --resume",
        reason);
    try {
      new Journal(target, job.journalSchema()).stopRun(job.runId());
    } catch (SQLException e) {
      LOG.debug("cannot mark the run stopping in the journal: {}", e.getMessage());
    }
  }

  /** Waits before another attempt; false when interrupted (the run is being stopped). */
  private boolean sleep(Duration wait) {
    long end = System.nanoTime() + wait.toNanos();
    try {
      // In short steps, so that a run being stopped (interrupted) does not wait out a backoff.
      for (long left = wait.toMillis(); left > 0; left = (end - System.nanoTime()) / 1_000_000) {
        if (RunStop.reason(job.runId()) != null) {
          return false;
        }
        Thread.sleep(Math.min(left, 200));
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private ChunkOutcome failed(
      Chunk chunk,
      Failure failure,
      RowIssues issues,
      RowIssue refused,
      Instant started,
      long t0,
      int attempts) {
    FailureLog.failed(job.runId(), chunk.describe(), failure.cause(), failure.message());
    RowIssueSource recorded = issues.rejectedOnly(); // the changed rows did not arrive
    long rejected = recorded.rejected();
    if (refused != null) {
      IssueSpool withRefused = new IssueSpool();
      try {
        recorded.forEachBatch(1000, b -> b.forEach(withRefused::add));
      } catch (SQLException impossible) {
        throw new IllegalStateException(impossible);
      }
      withRefused.add(refused);
      recorded = withRefused;
      rejected++;
    }
    try {
      recordFailure(chunk, failure, recorded, started, attempts);
    } catch (SQLException journalError) {
      String message =
          "the journal could not record the failure of "
              + chunk.describe()
              + " ("
              + failure.cause()
              + "): "
              + journalError.getMessage()
              + "; the chunk shows as pending, and run --resume copies it";
      LOG.error("{}", message);
      UnrecordedOutcomes.add(job.runId(), message);
    } finally {
      if (recorded instanceof IssueSpool spool) {
        spool.close();
      }
    }
    return new ChunkOutcome(
        chunk.table(),
        chunk.number(),
        0,
        0,
        rejected,
        0,
        (System.nanoTime() - t0) / 1e9,
        failure.message());
  }

  /**
   * Records a failed chunk in the journal, trying again for a while when the target itself is what
   * failed (the usual reason a chunk fails transiently to the end): the record is what {@code
   * status}, the report and {@code --resume} go by.
   */
  private void recordFailure(
      Chunk chunk, Failure failure, RowIssueSource recorded, Instant started, int attempts)
      throws SQLException {
    long giveUpAt =
        System.nanoTime()
            + Math.max(Duration.ofMinutes(1).toNanos(), 2 * job.serverTimeout().toNanos());
    for (int attempt = 1; ; attempt++) {
      try {
        Journal.markFailed(
            target,
            job.journalSchema(),
            job.runId(),
            chunk,
            failure.message(),
            recorded,
            started,
            attempts);
        return;
      } catch (SQLException e) {
        if (!TransientErrors.isTransient(e) || System.nanoTime() > giveUpAt) {
          throw e;
        }
        Duration wait = job.retry().delayAfter(attempt);
        LOG.debug("recording the failure of {} failed ({}); again in {}", chunk, e, wait);
        if (!sleep(wait)) {
          throw e;
        }
      }
    }
  }

  /**
   * One attempt, in one target transaction. {@code done} receives rows read, rows written, rows
   * rejected and values changed (for an already-done chunk, as its journal row has them).
   */
  private Attempt copyInTransaction(
      Chunk chunk,
      TableCopySpec spec,
      RowKeys keys,
      RowIssues issues,
      Instant started,
      int attempts,
      ChunkWatch watch,
      long[] done)
      throws SQLException, RejectedRowException {
    watch.waiting(ChunkWatch.Side.TARGET, "connecting to the target");
    try (Connection tc = target.getConnection()) {
      watch.connections(null, tc);
      tc.setAutoCommit(false);
      try {
        watch.waiting(ChunkWatch.Side.TARGET, "claiming the chunk in the journal");
        Journal.Claim claim = Journal.claim(tc, job.journalSchema(), job.runId(), chunk);
        if (claim.done()) {
          tc.rollback();
          done[0] = claim.rowsRead();
          done[1] = claim.rowsWritten();
          done[2] = claim.rowsRejected();
          done[3] = claim.valuesChanged();
          return Attempt.ALREADY_DONE;
        }
        if (claim.runStopping() || RunStop.reason(job.runId()) != null) {
          tc.rollback();
          return Attempt.NOT_STARTED;
        }
        issues.limitTo(claim.tableRejected());
        if (spec.truncateFirst() && chunk.isWholeTable()) {
          watch.waiting(ChunkWatch.Side.TARGET, "emptying the table");
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
                RowStream.Limit.NONE,
                watch);
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
        watch.waiting(ChunkWatch.Side.TARGET, "digesting the chunk's rows on the target");
        DigestCheck.check(tc, source, spec, chunk, result.digest(), keys);
        if (result.digest() != null && result.digest().unusable() != null) {
          LOG.debug("{}: no copy digest: {}", chunk.describe(), result.digest().unusable());
        }
        watch.waiting(ChunkWatch.Side.TARGET, "recording the chunk in the journal");
        String overdrawn =
            Journal.reserveRejects(
                tc,
                job.journalSchema(),
                job.runId(),
                chunk,
                issues.rejectedRows(),
                issues.maxRejects());
        if (overdrawn != null) {
          throw new TableRejectsExceededException(overdrawn);
        }
        DigestSum digest = result.digest();
        Long digested = digest == null || digest.unusable() != null ? null : digest.rows();
        Journal.markDone(
            tc,
            job.journalSchema(),
            job.runId(),
            chunk,
            rowsRead,
            written,
            digested,
            result.valuesAnonymised(),
            issues.all(),
            started,
            attempts);
        String stop = RunStop.reason(job.runId());
        if (stop != null) {
          tc.rollback(); // the lock was lost, or the run is stopping: commit nothing more
          return Attempt.NOT_STARTED;
        }
        watch.waiting(ChunkWatch.Side.TARGET, "committing");
        tc.commit();
        CopyProgress.chunkDone(chunk.table(), written, result.copyBytes());
        done[0] = rowsRead;
        done[1] = written;
        return Attempt.COPIED;
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

  static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }

  private static String fmt(double seconds) {
    return String.format("%.3f", seconds);
  }
}
