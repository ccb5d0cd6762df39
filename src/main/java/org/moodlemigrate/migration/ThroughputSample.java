package org.moodlemigrate.migration;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.moodlemigrate.catalog.IndexDefinition;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.plan.MigrationPlan;
import org.moodlemigrate.plan.TableMode;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.settings.RunSettings;
import org.moodlemigrate.sql.Identifiers;
import org.moodlemigrate.targetdb.IndexRebuild;
import org.moodlemigrate.transforms.RejectedRowException;
import org.moodlemigrate.transforms.RowStream;
import org.moodlemigrate.transforms.TableCopySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures this site's copy throughput on a short sample: up to {@value #ROWS} rows or {@value
 * #SECONDS} seconds of the biggest table, read, converted and written with the real copy code into
 * a scratch table (a plain, WAL-logged table with its primary key, in a scratch schema, as the real
 * table is written during a load) in a transaction that is then rolled back, digested there as a
 * chunk is, and the secondary indexes a run would rebuild built on that copy. Nothing is left
 * behind, in the target or anywhere else: the schema and table never commit.
 *
 * <p>Then {@code --parallelism} workers copy at once, each through its own stretch of the table
 * (never the middle chunk, now cached), into a scratch table each in one rolled-back transaction,
 * until together they have copied a chunk more than the larger of the source's InnoDB buffer pool
 * and the target's shared buffers (the whole table when it is smaller), or {@value #BULK_SECONDS} s
 * have passed: a run's big table does not fit in those caches, and past them its rows are read from
 * outside the buffer pool into a table whose pages no longer fit in the shared buffers. A sample
 * inside the caches copies faster than the run will. What the workers get done together, against
 * the single worker's rate, is their measured gain (the "bulk workers").
 *
 * <p>Only the streaming itself is timed: a sample stops early, and leaving the source's result set
 * is not part of a copy.
 */
final class ThroughputSample {
  private static final Logger LOG = LoggerFactory.getLogger(ThroughputSample.class);
  private static final long ROWS = 100_000;
  private static final long SECONDS = 3;

  /** The parallel workers' sample stops after this long, however much of the table it has read. */
  static final long BULK_SECONDS = 15;

  /**
   * @param table the table sampled
   * @param rows rows copied
   * @param seconds time taken
   * @param sourceBytesPerSecond the rate in the source's data bytes (rows × that table's average
   *     row length)
   * @param indexSecondsPerByte the time to build the table's secondary indexes on the rows copied,
   *     per source index byte (rows × that table's index bytes per row); 0 when it has none
   * @param workers what {@code --parallelism} workers, each copying as big a sample of its own
   *     chunk spread over the table at once, got done together, in this single worker's worth (up
   *     to {@code --parallelism}; below 1 when rows away from the sampled chunk copy slower)
   */
  record Measured(
      String table,
      long rows,
      double seconds,
      double sourceBytesPerSecond,
      double indexSecondsPerByte,
      double workers) {
    double rowsPerSecond() {
      return seconds > 0 ? rows / seconds : 0;
    }
  }

  private ThroughputSample() {}

  /**
   * @param digest whether the run will have the source digest every row as it reads it ({@link
   *     RunSettings#copyDigest()}), which the sample then does too
   */
  static Optional<Measured> measure(
      DataSource source,
      DataSource target,
      String sourceDatabase,
      MigrationPlan plan,
      boolean digest,
      int parallelism,
      Map<String, List<Chunk>> chunks)
      throws SQLException {
    Optional<TablePlan> biggest =
        plan.tables().stream()
            .filter(
                t ->
                    t.mode() != TableMode.SKIP
                        && t.source().rowsEstimate() > 0
                        && !t.columns().isEmpty())
            .max(Comparator.comparingLong(t -> t.source().dataBytes()));
    if (biggest.isEmpty()) {
      return Optional.empty();
    }
    TablePlan t = biggest.get();
    // From the middle of the table, as most of a run's chunks are: its first rows are the likeliest
    // to be in the servers' caches.
    List<Chunk> planned = chunks.getOrDefault(t.name(), List.of());
    List<Chunk> tableChunks =
        planned.isEmpty() ? List.of(Chunk.whole(t.name(), t.source().rowsEstimate())) : planned;
    Chunk middle = tableChunks.get(tableChunks.size() / 2);
    TableCopySpec spec = TableCopySpec.of(t, sourceDatabase, false, digest);
    String columns =
        t.columns().stream()
            .map(c -> Identifiers.postgres(c.target().name()))
            .collect(Collectors.joining(", "));
    Measured alone;
    try (Connection tc = target.getConnection();
        Statement st = tc.createStatement()) {
      tc.setAutoCommit(false);
      try {
        String temp = createScratch(st, t);
        RowStream.Result result =
            RowStream.copy(
                source,
                tc,
                spec,
                middle,
                "COPY " + temp + " (" + columns + ") FROM STDIN",
                new RowStream.Limit(ROWS, SECONDS * 1_000_000_000L));
        double seconds =
            (result.streamNanos() + targetDigestNanos(tc, t, spec, temp, middle)) / 1e9;
        double rowBytes = (double) t.source().dataBytes() / Math.max(1, t.source().rowsEstimate());
        double indexSeconds = buildIndexes(tc, t, temp);
        double indexBytes =
            result.rowsWritten()
                * ((double) t.source().indexBytes() / Math.max(1, t.source().rowsEstimate()));
        LOG.debug(
            "plan rows sample: one worker copied {} rows of chunk {} of {} in {} ms",
            result.rowsWritten(),
            tableChunks.size() / 2,
            tableChunks.size(),
            (long) (seconds * 1000));
        alone =
            new Measured(
                t.name(),
                result.rowsWritten(),
                seconds,
                seconds > 0 ? result.rowsWritten() * rowBytes / seconds : 0,
                indexSeconds > 0 && indexBytes > 0 ? indexSeconds / indexBytes : 0,
                1);
      } catch (RejectedRowException e) {
        return Optional.empty();
      } finally {
        tc.rollback();
        tc.setAutoCommit(true);
      }
    }
    if (parallelism < 2 || alone.rowsPerSecond() <= 0) {
      return Optional.of(alone);
    }
    // The same sample copied by `parallelism` workers at once: what they really gain together on
    // these servers when copying rows (on a few shared cores, far less than their number).
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      List<Future<RowStream.Result>> copies = new ArrayList<>();
      int n = tableChunks.size();
      double rowBytes = (double) t.source().dataBytes() / Math.max(1, t.source().rowsEstimate());
      long cache = cacheBytes(source, target);
      // Past the servers' caches the run copies at the rate of rows that are not cached (read
      // from disk or the OS, buffers written back as they are reused): the workers copy together
      // more than the caches hold (a chunk more), or the whole table when it is smaller.
      long budgetRows =
          n <= parallelism
              ? ROWS
              : Math.max(
                  ROWS,
                  (long)
                      (Math.min(t.source().dataBytes(), cache + t.source().dataBytes() / n)
                          / rowBytes
                          / parallelism));
      long deadline = System.nanoTime() + BULK_SECONDS * 1_000_000_000L;
      for (int i = 0; i < parallelism; i++) {
        List<Chunk> own = new ArrayList<>();
        for (int c : stretch(i, parallelism, n)) {
          own.add(tableChunks.get(c));
        }
        copies.add(
            pool.submit(
                () -> copyOnce(source, target, t, spec, columns, own, budgetRows, deadline)));
      }
      long rows = 0;
      long nanos = 0;
      for (Future<RowStream.Result> f : copies) {
        RowStream.Result r = f.get();
        rows += r.rowsWritten();
        nanos = Math.max(nanos, r.streamNanos());
        LOG.debug(
            "plan rows sample: a parallel worker copied {} rows in {} ms",
            r.rowsWritten(),
            r.streamNanos() / 1_000_000);
      }
      double together = nanos > 0 ? rows / (nanos / 1e9) : 0;
      // Not floored at 1: fresh chunks that copy slower together than the single sample's did
      // are what the run will see, and the estimate must take it as measured.
      double workers = Math.min(parallelism, together / alone.rowsPerSecond());
      if (workers <= 0) {
        return Optional.of(alone);
      }
      return Optional.of(
          new Measured(
              alone.table(),
              alone.rows(),
              alone.seconds(),
              alone.sourceBytesPerSecond(),
              alone.indexSecondsPerByte(),
              workers));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(alone);
    } catch (ExecutionException e) {
      return Optional.of(alone); // a sample only: the single worker's rate stands
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The chunk the {@code i}-th of {@code p} parallel workers samples, of a table planned in {@code
   * n} chunks: spread evenly over the table (at the middles of {@code p} equal stretches of it)
   * and, when the table has more chunks than workers, never the middle chunk the single worker
   * read, so that no worker reads rows the sample has just brought into the servers' caches, as no
   * chunk of a run does. With fewer chunks than that, the chunks from the middle on, in turn.
   */
  static int spreadChunk(int i, int p, int n) {
    if (n <= p) {
      return (n / 2 + i) % n;
    }
    int at = (int) ((2L * i + 1) * n / (2L * p));
    if (at == n / 2) {
      at = at + 1 < n ? at + 1 : at - 1;
    }
    return at;
  }

  /**
   * The chunks the {@code i}-th of {@code p} parallel workers copies, in order, of a table planned
   * in {@code n} chunks: its own stretch of the table (the {@code i}-th of {@code p} equal ones),
   * from the chunk {@link #spreadChunk} picks on, round it, never the middle chunk the single
   * worker read. With no more chunks than workers, the one {@link #spreadChunk} picks.
   */
  static List<Integer> stretch(int i, int p, int n) {
    int first = spreadChunk(i, p, n);
    if (n <= p) {
      return List.of(first);
    }
    int from = (int) ((long) i * n / p);
    int to = (int) ((long) (i + 1) * n / p);
    List<Integer> out = new ArrayList<>();
    for (int k = 0; k < to - from; k++) {
      int c = from + Math.floorMod(first - from + k, to - from);
      if (c != n / 2 || out.isEmpty() && to - from == 1) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * What the caches the copy goes through hold: the larger of the source's InnoDB buffer pool and
   * the target's shared buffers (the operating systems' caches come on top, and are not known); 0
   * when either cannot be read.
   */
  static long cacheBytes(DataSource source, DataSource target) {
    try (Connection sc = source.getConnection();
        Statement ss = sc.createStatement();
        var rs = ss.executeQuery("SELECT @@innodb_buffer_pool_size");
        Connection tc = target.getConnection();
        Statement ts = tc.createStatement();
        var rt =
            ts.executeQuery(
                "SELECT setting::bigint * (SELECT setting::bigint FROM pg_settings WHERE name ="
                    + " 'block_size') FROM pg_settings WHERE name = 'shared_buffers'")) {
      return rs.next() && rt.next() ? Math.max(rs.getLong(1), rt.getLong(1)) : 0;
    } catch (SQLException e) {
      LOG.debug("plan rows sample: the servers' cache sizes not read: {}", e.getMessage());
      return 0;
    }
  }

  /**
   * One worker's copy of its chunks, up to {@code rows} rows in all or until {@code deadline}, into
   * one scratch table of its own in one transaction (so that it fills the target's buffers as the
   * run's table does), digested there, and rolled back.
   */
  private static RowStream.Result copyOnce(
      DataSource source,
      DataSource target,
      TablePlan t,
      TableCopySpec spec,
      String columns,
      List<Chunk> chunks,
      long rows,
      long deadline)
      throws SQLException, RejectedRowException {
    try (Connection tc = target.getConnection();
        Statement st = tc.createStatement()) {
      tc.setAutoCommit(false);
      try {
        String temp = createScratch(st, t);
        long read = 0;
        long written = 0;
        long bytes = 0;
        long nanos = 0;
        for (Chunk chunk : chunks) {
          long left = deadline - System.nanoTime();
          if (written >= rows || left <= 0) {
            break;
          }
          RowStream.Result r =
              RowStream.copy(
                  source,
                  tc,
                  spec,
                  chunk,
                  "COPY " + temp + " (" + columns + ") FROM STDIN",
                  new RowStream.Limit(rows - written, left));
          read += r.rowsRead();
          written += r.rowsWritten();
          bytes += r.copyBytes();
          nanos += r.streamNanos();
        }
        nanos += targetDigestNanos(tc, t, spec, temp, chunks.get(0));
        return new RowStream.Result(read, written, bytes, nanos, null, 0);
      } finally {
        tc.rollback();
        tc.setAutoCommit(true);
      }
    }
  }

  /**
   * The target's half of the copy digest over the rows copied, as a chunk has it before it commits
   * (PostgreSQL hashing every value it stored); 0 without the digest.
   */
  private static long targetDigestNanos(
      Connection tc, TablePlan t, TableCopySpec spec, String temp, Chunk chunk)
      throws SQLException {
    if (spec.digest() == null) {
      return 0;
    }
    long t0 = System.nanoTime();
    try (Statement st = tc.createStatement();
        var rs =
            st.executeQuery(
                spec.digest()
                    .targetQuery(
                        temp, null, Chunk.whole(chunk.table(), chunk.rowsEstimate()), false))) {
      rs.next();
    }
    return System.nanoTime() - t0;
  }

  /**
   * Creates, in the caller's transaction, a scratch schema of a random name holding a plain table
   * with the table's target columns and its primary key: written to like the real table during a
   * run's load (WAL-logged, its key maintained, its secondary indexes dropped), and gone with the
   * rollback. Returns the table's quoted, qualified name.
   */
  private static String createScratch(Statement st, TablePlan t) throws SQLException {
    byte[] random = new byte[6];
    new SecureRandom().nextBytes(random);
    String schema = Identifiers.postgres("moodle_migrate_plan_" + HexFormat.of().formatHex(random));
    String table = schema + "." + Identifiers.postgres("sample");
    st.execute("CREATE SCHEMA " + schema);
    st.execute(
        "CREATE TABLE "
            + table
            + " ("
            + t.columns().stream()
                .map(
                    c -> Identifiers.postgres(c.target().name()) + " " + c.target().formattedType())
                .collect(Collectors.joining(", "))
            + ")");
    List<String> key = new ArrayList<>();
    for (String k : t.source().primaryKey()) {
      t.columns().stream()
          .filter(c -> c.source().name().equals(k))
          .findFirst()
          .ifPresent(c -> key.add(Identifiers.postgres(c.target().name())));
    }
    if (!key.isEmpty() && key.size() == t.source().primaryKey().size()) {
      st.execute("ALTER TABLE " + table + " ADD PRIMARY KEY (" + String.join(", ", key) + ")");
    }
    return table;
  }

  /** {@code CREATE [UNIQUE] INDEX name ON [ONLY] table }: what is replaced to build on the copy. */
  private static final Pattern INDEX_HEAD =
      Pattern.compile("^CREATE (UNIQUE )?INDEX \\S+ ON (ONLY )?\\S+ ");

  /**
   * Builds the sampled table's droppable secondary indexes (those a run rebuilds) on the sample's
   * temporary copy, as a run rebuilds them; returns the seconds taken, 0 when it has none (or none
   * whose definition names the table plainly).
   */
  private static double buildIndexes(Connection tc, TablePlan t, String temp) throws SQLException {
    if (t.target() == null) {
      return 0;
    }
    List<IndexDefinition> indexes =
        IndexRebuild.droppable(tc, t.target().schema(), Set.of(t.target().name()));
    long t0 = System.nanoTime();
    int built = 0;
    try (Statement st = tc.createStatement()) {
      for (IndexDefinition i : indexes) {
        Matcher m = INDEX_HEAD.matcher(i.definition());
        if (m.find()) {
          String unique = m.group(1) == null ? "" : m.group(1);
          st.execute(
              "CREATE " + unique + "INDEX ON " + temp + " " + i.definition().substring(m.end()));
          built++;
        }
      }
    }
    return built == 0 ? 0 : (System.nanoTime() - t0) / 1e9;
  }
}
