package org.moodlemigrate.transforms;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.moodlemigrate.casts.ColumnCast;
import org.moodlemigrate.casts.CopyTextBuffer;
import org.moodlemigrate.casts.RejectedValueException;
import org.moodlemigrate.casts.ValueConverter;
import org.moodlemigrate.casts.ValuePolicy;
import org.moodlemigrate.plan.Chunk;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copy loop: streams one chunk's rows from the source, converts every value with its column's
 * converter, and writes them to the target through {@code COPY}, in the target connection's current
 * transaction (the caller commits or rolls back).
 *
 * <p>Memory does not grow with the chunk: the source result set streams ({@code fetchSize =
 * Integer.MIN_VALUE}, Connector/J's row-by-row mode) and COPY data goes out every {@value
 * #FLUSH_BYTES} bytes. A source connection left before the end of its result set is aborted rather
 * than closed: closing would make Connector/J read every remaining row first.
 *
 * <p>A value a converter refuses drops its row from the COPY ({@link CopyTextBuffer#abortRow()});
 * {@link RowIssues} records it and decides whether the chunk may go on ({@code --max-rejects}).
 */
public final class RowStream {
  private static final Logger LOG = LoggerFactory.getLogger(RowStream.class);
  static final int FLUSH_BYTES = 512 * 1024;

  private RowStream() {}

  /**
   * @param rowsRead rows read from the source, rejected ones included
   * @param rowsWritten rows COPY reported
   * @param copyBytes bytes of COPY text sent
   * @param streamNanos time spent reading, converting and sending rows (without leaving the source
   *     result set, which for a sample stopped early is not part of the copy)
   * @param digest the source side of the copy digest; null when the table has none
   * @param valuesAnonymised values the anonymisation rules changed, in rows that were sent
   */
  public record Result(
      long rowsRead,
      long rowsWritten,
      long copyBytes,
      long streamNanos,
      DigestSum digest,
      long valuesAnonymised) {}

  /** Where to stop early: after so many rows or nanoseconds (for a throughput sample). */
  public record Limit(long rows, long nanos) {
    public static final Limit NONE = new Limit(Long.MAX_VALUE, Long.MAX_VALUE);
  }

  /**
   * Copies without naming rows by key (for samples, where a rejected value only ends the sample).
   */
  public static Result copy(
      DataSource source,
      Connection target,
      TableCopySpec spec,
      Chunk chunk,
      String copySql,
      Limit limit)
      throws SQLException, RejectedRowException {
    try (RowKeys keys = new RowKeys(spec);
        RowIssues issues = RowIssues.failFast();
        ChunkWatch watch = ChunkWatch.start(chunk.describe(), CopyJob.DEFAULT_SERVER_TIMEOUT)) {
      return copy(
          source, target, spec, chunk, copySql, keys, ValuePolicy.DEFAULT, issues, limit, watch);
    }
  }

  static Result copy(
      DataSource source,
      Connection target,
      TableCopySpec spec,
      Chunk chunk,
      String copySql,
      RowKeys keys,
      ValuePolicy policy,
      RowIssues issues,
      Limit limit,
      ChunkWatch watch)
      throws SQLException, RejectedRowException {
    long deadline =
        limit.nanos() == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + limit.nanos();
    CopyIn copyIn = null;
    long rowsRead = 0;
    long bytes = 0;
    long started = System.nanoTime();
    long streamed = 0;
    try {
      CopyTextBuffer buffer = new CopyTextBuffer(64 * 1024);
      List<ColumnCast> casts = spec.casts();
      ValueConverter[] converters = new ValueConverter[casts.size()];
      for (int i = 0; i < converters.length; i++) {
        converters[i] = casts.get(i).newConverter(policy, issues);
      }
      List<MaskingConverter> masking = new ArrayList<>();
      for (ColumnMask mask : spec.masks()) {
        MaskingConverter m = new MaskingConverter(mask);
        converters[mask.index() - 1] = m;
        masking.add(m);
      }
      keys.reset();
      DigestSum digest = spec.digest() == null ? null : new DigestSum();
      RowHasher hasher = digest == null ? null : new RowHasher(spec.digest());
      if (spec.copiesNothing()) {
        // The rules empty the table: not one row of it is read.
        return new Result(0, 0, 0, 0, digest, 0);
      }
      watch.waiting(ChunkWatch.Side.SOURCE, "connecting to the source");
      Connection sc = source.getConnection();
      watch.connections(sc, null);
      boolean drained = false;
      boolean stoppedEarly = false;
      try (Statement st =
          sc.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        st.setFetchSize(Integer.MIN_VALUE);
        st.setEscapeProcessing(false); // a '{' in an identifier is not a JDBC escape
        watch.waiting(ChunkWatch.Side.SOURCE, "reading rows from the source");
        try (ResultSet rs = st.executeQuery(spec.selectSql(chunk))) {
          issues.bind(rs, keys);
          boolean more = true;
          try {
            while ((more = rs.next())
                && rowsRead < limit.rows()
                && (deadline == Long.MAX_VALUE || System.nanoTime() < deadline)) {
              rowsRead++;
              keys.read();
              watch.progress();
              if (issues.skip()) {
                continue;
              }
              int sent = convertRow(rs, converters, buffer, issues, hasher, digest);
              if (sent != REFUSED) {
                keys.sent(rs);
                if (digest != null) {
                  if (sent == ARRIVED) {
                    if (digest.unusable() == null) {
                      digest.add(hasher.finish());
                    }
                  } else if (keys.integerKey()) {
                    digest.exclude(keys.keyOf(rs));
                  } else {
                    digest.cannotExclude();
                  }
                }
                // A row holding a large value goes at once: the value is sent from its column
                // reader's array, which the next row's value replaces.
                if (buffer.completeLength() >= FLUSH_BYTES || buffer.hasLargeValues()) {
                  watch.waiting(ChunkWatch.Side.TARGET, "writing COPY data to the target");
                  copyIn = open(target, copySql, copyIn);
                  bytes += buffer.writeCompleteRows(copyIn::writeToCopy);
                  watch.sent(rowsRead, bytes);
                  watch.waiting(ChunkWatch.Side.SOURCE, "reading rows from the source");
                }
              }
            }
            drained = !more;
            stoppedEarly = more;
            streamed = System.nanoTime() - started;
          } finally {
            // Before the result set is closed: closing it first would read every remaining row.
            if (!drained) {
              abandon(source, sc);
            }
          }
        }
      } catch (SQLException e) {
        if (!stoppedEarly) {
          throw e;
        }
        // Closing a result set on a connection aborted after a deliberate early stop may
        // complain; the abort was the point. Any other failure (the source went away mid-chunk)
        // propagates: the chunk must not commit the rows read before it.
      } finally {
        sc.close();
      }
      watch.waiting(ChunkWatch.Side.TARGET, "writing COPY data to the target");
      if (buffer.completeLength() > 0) {
        copyIn = open(target, copySql, copyIn);
        bytes += buffer.writeCompleteRows(copyIn::writeToCopy);
        watch.sent(rowsRead, bytes);
      }
      watch.waiting(ChunkWatch.Side.TARGET, "ending the COPY");
      long written = copyIn == null ? 0 : copyIn.endCopy();
      copyIn = null;
      long t = System.nanoTime();
      LOG.trace("left the source result set in {} ms", (t - started - streamed) / 1_000_000);
      long anonymised = masking.stream().mapToLong(MaskingConverter::changed).sum();
      return new Result(rowsRead, written, bytes, streamed, digest, anonymised);
    } finally {
      if (copyIn != null && copyIn.isActive()) {
        try {
          copyIn.cancelCopy();
        } catch (SQLException ignored) {
          // The caller rolls the transaction back anyway.
        }
      }
    }
  }

  /** {@link #convertRow}: the row goes as it was read. */
  private static final int ARRIVED = 0;

  /** {@link #convertRow}: the row goes, with values changed under the value policy. */
  private static final int CHANGED = 1;

  /** {@link #convertRow}: a value was refused and the row dropped (within --max-rejects). */
  private static final int REFUSED = 2;

  /**
   * Converts one row into the buffer, each column then added to the row's hash when there is a copy
   * digest; says whether the row goes, and changed or not.
   */
  private static int convertRow(
      ResultSet rs,
      ValueConverter[] converters,
      CopyTextBuffer buffer,
      RowIssues issues,
      RowHasher hasher,
      DigestSum digest)
      throws SQLException, RejectedRowException {
    boolean hashing = hasher != null && digest.unusable() == null;
    if (hashing) {
      hasher.start();
    }
    for (int i = 0; i < converters.length; i++) {
      try {
        converters[i].convert(rs, i + 1, buffer);
        if (hashing) {
          try {
            hasher.column(rs, i + 1);
          } catch (IllegalArgumentException e) {
            digest.cannotDigest(e.getMessage());
            hashing = false;
          }
        }
      } catch (RejectedValueException e) {
        buffer.abortRow();
        issues.rowRejected(e);
        return REFUSED;
      }
    }
    buffer.endRow();
    return issues.rowDone() ? CHANGED : ARRIVED;
  }

  /** The COPY, started on first use. */
  private static CopyIn open(Connection tc, String copySql, CopyIn copyIn) throws SQLException {
    return copyIn != null ? copyIn : tc.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
  }

  /** Drops a source connection whose streaming result set was not read to the end. */
  private static void abandon(DataSource source, Connection sc) {
    try {
      sc.abort(Runnable::run);
    } catch (SQLException | RuntimeException e) {
      LOG.debug("abort of a source connection failed: {}", e.getMessage());
    }
    if (source instanceof HikariDataSource hikari) {
      hikari.evictConnection(sc);
    }
  }
}
