package org.moodlemigrate.transforms;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.moodlemigrate.journal.Journal;
import org.moodlemigrate.plan.Chunk;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one chunk: streams its rows from the source and writes them to the target with {@code
 * COPY}, in one target transaction that also marks the chunk done in the journal.
 *
 * <p>Memory does not grow with the chunk: the source result set streams ({@code fetchSize =
 * Integer.MIN_VALUE}, Connector/J's row-by-row mode) and COPY data is sent every {@value
 * RowStream#FLUSH_BYTES} bytes. Either the whole chunk commits, with its journal row, or nothing of
 * it does; on failure the chunk is recorded as failed with a message that names the table, the
 * row's key and the reason.
 *
 * <p>Kept free of Beam so that it can be tested and reused on its own; {@link CopyChunkFn} is the
 * thin Beam wrapper.
 */
public final class ChunkCopier {
  private static final Logger LOG = LoggerFactory.getLogger(ChunkCopier.class);
  private static final Pattern COPY_LINE = Pattern.compile("COPY [^,]+, line (\\d+)");

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
    try {
      long[] counts = copyInTransaction(chunk, spec, keys, started);
      double seconds = (System.nanoTime() - t0) / 1e9;
      LOG.debug("{}: {} rows in {} s", chunk.describe(), counts[1], String.format("%.3f", seconds));
      return new ChunkOutcome(chunk.table(), chunk.number(), counts[0], counts[1], seconds, null);
    } catch (Exception e) {
      String message = describe(chunk, e, keys);
      LOG.warn("{} failed: {}", chunk.describe(), message);
      try {
        Journal.markFailed(target, job.journalSchema(), job.runId(), chunk, message, started);
      } catch (SQLException journalError) {
        LOG.error(
            "cannot record the failure of {} in the journal: {}",
            chunk.describe(),
            journalError.getMessage());
      }
      return new ChunkOutcome(
          chunk.table(), chunk.number(), 0, 0, (System.nanoTime() - t0) / 1e9, message);
    }
  }

  private long[] copyInTransaction(Chunk chunk, TableCopySpec spec, RowKeys keys, Instant started)
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
                source, tc, spec, chunk, spec.copySql(chunk), keys, RowStream.Limit.NONE);
        long rowsRead = result.rowsRead();
        long written = result.rowsWritten();
        if (written != rowsRead) {
          throw new SQLException(
              "COPY wrote " + written + " rows but " + rowsRead + " were read from the source");
        }
        Journal.markDone(tc, job.journalSchema(), job.runId(), chunk, rowsRead, written, started);
        tc.commit();
        return new long[] {rowsRead, written};
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

  private String describe(Chunk chunk, Exception e, RowKeys keys) {
    if (e instanceof RejectedRowException r) {
      return "table "
          + chunk.table()
          + ", row "
          + r.key()
          + ", column "
          + r.value().column()
          + ": "
          + r.value().reason();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof PSQLException pe && pe.getServerErrorMessage() != null) {
      ServerErrorMessage server = pe.getServerErrorMessage();
      message = server.getMessage();
      String where = server.getWhere();
      if (where != null) {
        Matcher m = COPY_LINE.matcher(where);
        String key = m.find() ? keys.keyOfLine(Long.parseLong(m.group(1))) : null;
        message += key != null ? " (row " + key + "; " + where + ")" : " (" + where + ")";
      }
    }
    return "table "
        + chunk.table()
        + (chunk.isWholeTable() ? "" : " " + chunk.describe())
        + ": "
        + message.lines().findFirst().orElse(message);
  }
}
