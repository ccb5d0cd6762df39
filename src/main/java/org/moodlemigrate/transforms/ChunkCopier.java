package org.moodlemigrate.transforms;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.moodlemigrate.casts.ColumnCast;
import org.moodlemigrate.casts.CopyTextBuffer;
import org.moodlemigrate.casts.RejectedValueException;
import org.moodlemigrate.casts.ValueConverter;
import org.moodlemigrate.journal.Journal;
import org.moodlemigrate.plan.Chunk;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
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
 * #FLUSH_BYTES} bytes. Either the whole chunk commits, with its journal row, or nothing of it does;
 * on failure the chunk is recorded as failed with a message that names the table, the row's key and
 * the reason.
 *
 * <p>Kept free of Beam so that it can be tested and reused on its own; {@link CopyChunkFn} is the
 * thin Beam wrapper.
 */
public final class ChunkCopier {
  private static final Logger LOG = LoggerFactory.getLogger(ChunkCopier.class);
  static final int FLUSH_BYTES = 512 * 1024;
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
      CopyIn copyIn = null;
      try {
        if (spec.truncateFirst() && chunk.isWholeTable()) {
          try (var st = tc.createStatement()) {
            st.execute("TRUNCATE TABLE " + spec.targetTable());
          }
        }
        long rowsRead = 0;
        CopyTextBuffer buffer = new CopyTextBuffer(64 * 1024);
        List<ColumnCast> casts = spec.casts();
        ValueConverter[] converters = new ValueConverter[casts.size()];
        for (int i = 0; i < converters.length; i++) {
          converters[i] = casts.get(i).newConverter();
        }
        Connection sc = source.getConnection();
        boolean drained = false;
        try (PreparedStatement ps =
            sc.prepareStatement(
                spec.selectSql(chunk), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
          ps.setFetchSize(Integer.MIN_VALUE);
          int p = 1;
          if (chunk.lower() != null) {
            ps.setLong(p++, chunk.lower());
          }
          if (chunk.upper() != null) {
            ps.setLong(p, chunk.upper());
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rowsRead++;
              keys.remember(rs);
              for (int i = 0; i < converters.length; i++) {
                try {
                  converters[i].convert(rs, i + 1, buffer);
                } catch (RejectedValueException e) {
                  buffer.abortRow();
                  throw new RejectedRowException(keys.describe(rs), e);
                }
              }
              buffer.endRow();
              if (buffer.completeLength() >= FLUSH_BYTES) {
                copyIn = send(tc, spec.copySql(chunk), copyIn, buffer);
              }
            }
            drained = true;
          }
        } finally {
          if (!drained) {
            abandon(sc);
          }
          sc.close();
        }
        if (buffer.completeLength() > 0) {
          copyIn = send(tc, spec.copySql(chunk), copyIn, buffer);
        }
        long written = copyIn == null ? 0 : copyIn.endCopy();
        copyIn = null;
        if (written != rowsRead) {
          throw new SQLException(
              "COPY wrote " + written + " rows but " + rowsRead + " were read from the source");
        }
        Journal.markDone(tc, job.journalSchema(), job.runId(), chunk, rowsRead, written, started);
        tc.commit();
        return new long[] {rowsRead, written};
      } catch (SQLException | RejectedRowException | RuntimeException e) {
        if (copyIn != null && copyIn.isActive()) {
          try {
            copyIn.cancelCopy();
          } catch (SQLException ignored) {
            // The connection is going back to a rollback anyway.
          }
        }
        try {
          tc.rollback();
        } catch (SQLException rollbackError) {
          e.addSuppressed(rollbackError);
        }
        throw e;
      }
    }
  }

  private static CopyIn send(Connection tc, String copySql, CopyIn copyIn, CopyTextBuffer buffer)
      throws SQLException {
    CopyIn in = copyIn;
    if (in == null) {
      in = tc.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    }
    in.writeToCopy(buffer.array(), 0, buffer.completeLength());
    buffer.clearCompleteRows();
    return in;
  }

  /**
   * Drops a source connection whose streaming result set was not read to the end. Closing it
   * normally would make Connector/J read (and discard) every remaining row of the chunk first.
   */
  private void abandon(Connection sc) {
    try {
      sc.abort(Runnable::run);
    } catch (SQLException | RuntimeException e) {
      LOG.debug("abort of a source connection failed: {}", e.getMessage());
    }
    if (source instanceof HikariDataSource hikari) {
      hikari.evictConnection(sc);
    }
  }

  private String describe(Chunk chunk, Exception e, RowKeys keys) {
    if (e instanceof RejectedRowException r) {
      return "table "
          + chunk.table()
          + ", row "
          + r.key
          + ", column "
          + r.value.column()
          + ": "
          + r.value.reason();
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

  /** A row with a value that cannot be carried; holds the row's key for the message. */
  static final class RejectedRowException extends Exception {
    private static final long serialVersionUID = 1L;
    final String key;
    final RejectedValueException value;

    RejectedRowException(String key, RejectedValueException value) {
      super(key + ": " + value.getMessage(), value);
      this.key = key;
      this.value = value;
    }
  }

  /**
   * Remembers the integer key of every row sent in this chunk (8 bytes a row), so that a COPY
   * error, which PostgreSQL reports by line number, can name the row by its key.
   */
  static final class RowKeys {
    private final TableCopySpec spec;
    private final boolean integerKey;
    private long[] keys = new long[1024];
    private int count;

    RowKeys(TableCopySpec spec) {
      this.spec = spec;
      this.integerKey =
          spec.keyIndexes().size() == 1
              && spec.casts().get(spec.keyIndexes().get(0) - 1).source().type().isInteger()
              && !spec.casts().get(spec.keyIndexes().get(0) - 1).source().type().unsigned();
    }

    void remember(ResultSet rs) throws SQLException {
      if (!integerKey) {
        count++;
        return;
      }
      if (count == keys.length) {
        keys = Arrays.copyOf(keys, count * 2);
      }
      keys[count++] = rs.getLong(spec.keyIndexes().get(0));
    }

    String describe(ResultSet rs) throws SQLException {
      if (spec.keyIndexes().isEmpty()) {
        return "#" + count + " of the chunk (the table has no primary key)";
      }
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < spec.keyIndexes().size(); i++) {
        b.append(i == 0 ? "" : ", ")
            .append(spec.keyColumns().get(i))
            .append('=')
            .append(rs.getString(spec.keyIndexes().get(i)));
      }
      return b.toString();
    }

    String keyOfLine(long line) {
      if (!integerKey || line < 1 || line > count) {
        return null;
      }
      return spec.keyColumns().get(0) + "=" + keys[(int) line - 1];
    }
  }
}
