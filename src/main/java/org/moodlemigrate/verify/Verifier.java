package org.moodlemigrate.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.plan.TableMode;
import org.moodlemigrate.plan.TablePlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code verify}: proves a migration by comparing what the source holds with what the target holds,
 * table by table, and says where they differ.
 *
 * <pre>{@code
 * VerifyResult result =
 *     Verifier.between(sourcePool, targetPool, "moodle")
 *         .withLevel(VerifyLevel.CHECKSUMS)
 *         .withParallelism(4)
 *         .withAnomalies(journalAnomalies)
 *         .verify(plan.tables(), runChunks);
 * if (!result.passed()) { ... result.failures() ... }
 * }</pre>
 *
 * <h2>Levels</h2>
 *
 * <ul>
 *   <li>{@link VerifyLevel#COUNTS}: exact {@code COUNT(*)} per table on both sides; the target must
 *       hold the source's rows less those the run refused ({@link RunAnomalies#rejectedRows}).
 *   <li>{@link VerifyLevel#CHECKSUMS}: every cell on both sides through its canonical form ({@link
 *       ColumnCanonicaliser}, the normalisation of docs/cast-rules.md), so that a source {@code
 *       tinyint} 1 and a target {@code smallint} 1 agree and a changed microsecond does not. A
 *       table with a single integer key is compared chunk by chunk, using the run's own chunks
 *       (same key ranges on both sides): both sides stream in key order and are merged, so each
 *       difference is named by table, key and column ({@link KeyedMerge}), and each chunk gets a
 *       checksum and a row count per side. A table without one is compared as a whole through an
 *       order-independent checksum ({@link UnkeyedTableCheck}).
 * </ul>
 *
 * <h2>Accounting</h2>
 *
 * A row the run refused is missing from the target, and a value it changed under the value policy
 * (a stripped NUL, a zero date made NULL) differs: such differences are matched against the run's
 * {@link RunAnomalies} chunk by chunk (a chunk's anomalies are only read once it has a difference,
 * so a clean run costs the journal nothing) and counted as accounted, neither hidden nor reported
 * as a mismatch. A table without an integer key cannot match anomalies to rows: it differs or it
 * does not, and its message says when the run reported anomalies for it. Anything else is a
 * mismatch; the first {@value KeyedMerge#FIRST_DIFFERENCES} of each chunk and table are kept by key
 * and reason, never with the values themselves.
 *
 * <h2>Resources</h2>
 *
 * Chunks are verified on {@code parallelism} threads; each borrows one connection from each pool
 * (the caller opens them, at least {@code parallelism} connections each; the source pool may be
 * read-only) and gives them back. Memory is bounded by one row per side per thread, plus a target
 * fetch batch of at most {@value TableQueries#MAX_FETCH_ROWS} rows (fewer for wide tables). A chunk
 * that fails (a query error) marks its table as {@link TableStatus#ERROR} with the message and
 * never stops the others. Progress is logged every 15 seconds.
 *
 * <p>Instances are immutable; the {@code withX} methods return changed copies.
 */
public final class Verifier {
  private static final Logger LOG = LoggerFactory.getLogger(Verifier.class);

  private final DataSource source;
  private final DataSource target;
  private final String sourceDatabase;
  private final VerifyLevel level;
  private final int parallelism;
  private final RunAnomalies anomalies;
  private final Duration progressEvery;
  private final VerifyWorkers workers;

  private Verifier(
      DataSource source,
      DataSource target,
      String sourceDatabase,
      VerifyLevel level,
      int parallelism,
      RunAnomalies anomalies,
      Duration progressEvery,
      VerifyWorkers workers) {
    this.source = source;
    this.target = target;
    this.sourceDatabase = sourceDatabase;
    this.level = level;
    this.parallelism = parallelism;
    this.anomalies = anomalies;
    this.progressEvery = progressEvery;
    this.workers = workers;
  }

  /**
   * A verifier at the {@code checksums} level, on one thread, for a run without anomalies.
   *
   * @param source the source pool (read-only is enough)
   * @param target the target pool
   * @param sourceDatabase the source database (schema) the tables live in
   */
  public static Verifier between(DataSource source, DataSource target, String sourceDatabase) {
    return new Verifier(
        Objects.requireNonNull(source, "source"),
        Objects.requireNonNull(target, "target"),
        Objects.requireNonNull(sourceDatabase, "sourceDatabase"),
        VerifyLevel.CHECKSUMS,
        1,
        RunAnomalies.NONE,
        Duration.ofSeconds(15),
        null);
  }

  public Verifier withLevel(VerifyLevel value) {
    return new Verifier(
        source,
        target,
        sourceDatabase,
        Objects.requireNonNull(value, "level"),
        parallelism,
        anomalies,
        progressEvery,
        workers);
  }

  /** How many chunks are verified at once; each takes one connection per side. */
  public Verifier withParallelism(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("--parallelism must be at least 1, got " + value);
    }
    return new Verifier(
        source, target, sourceDatabase, level, value, anomalies, progressEvery, workers);
  }

  /** What the run deliberately did, to account differences to. */
  public Verifier withAnomalies(RunAnomalies value) {
    return new Verifier(
        source,
        target,
        sourceDatabase,
        level,
        parallelism,
        Objects.requireNonNull(value, "anomalies"),
        progressEvery,
        workers);
  }

  /** How often progress is logged. */
  public Verifier withProgressEvery(Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("the progress interval must be positive, got " + value);
    }
    return new Verifier(
        source, target, sourceDatabase, level, parallelism, anomalies, value, workers);
  }

  /**
   * Verifies the chunks on a runner's workers instead of this verifier's threads (the pools given
   * to {@link #between} then serve only the driver's own reads); null for its own threads.
   */
  public Verifier onWorkers(VerifyWorkers value) {
    return new Verifier(
        source, target, sourceDatabase, level, parallelism, anomalies, progressEvery, value);
  }

  /** One table's share of the work, and where its chunk results gather. */
  private static final class TableWork {
    final TablePlan plan;
    final TableQueries queries;
    final List<Chunk> chunks;
    final String problem;
    final List<ChunkResult> results = new ArrayList<>();

    TableWork(TablePlan plan, TableQueries queries, List<Chunk> chunks, String problem) {
      this.plan = plan;
      this.queries = queries;
      this.chunks = chunks;
      this.problem = problem;
    }
  }

  private record Task(TableWork table, Chunk chunk) {}

  private record Done(Task task, ChunkResult result) {}

  /**
   * Verifies the tables.
   *
   * @param tables the planned tables; skipped ones are left out
   * @param chunks the run's chunks per source table (from its journal), each table's together
   *     covering every key; a table without an entry is verified as one whole-table chunk
   * @throws InterruptedException when the calling thread is interrupted; running chunks are
   *     cancelled
   */
  public VerifyResult verify(List<TablePlan> tables, Map<String, List<Chunk>> chunks)
      throws InterruptedException {
    long started = System.nanoTime();
    List<TableWork> work = new ArrayList<>();
    List<Task> tasks = new ArrayList<>();
    for (TablePlan plan : tables) {
      if (plan.mode() == TableMode.SKIP || plan.target() == null) {
        continue;
      }
      TableWork table = prepare(plan, chunks.get(plan.name()));
      work.add(table);
      if (table.problem != null) {
        continue;
      }
      if (level == VerifyLevel.COUNTS || !table.queries.keyed()) {
        tasks.add(new Task(table, table.chunks.get(0)));
      } else {
        table.chunks.forEach(c -> tasks.add(new Task(table, c)));
      }
    }
    LOG.info(
        "Verifying {} table(s) at the {} level: {} task(s) on {}",
        work.size(),
        level.label(),
        tasks.size(),
        workers == null ? parallelism + " thread(s)" : "the runner's workers");
    runAll(tasks);
    List<TableResult> results = new ArrayList<>();
    for (TableWork table : work) {
      TableResult result = assemble(table);
      log(result);
      results.add(result);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    VerifyResult result = new VerifyResult(level, results, millis);
    LOG.info(
        "Verify ({}): {} table(s): {} ok, {} accounted, {} mismatch, {} error, in {} s; {}",
        level.label(),
        results.size(),
        count(results, TableStatus.OK),
        count(results, TableStatus.ACCOUNTED),
        count(results, TableStatus.MISMATCH),
        count(results, TableStatus.ERROR),
        String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0),
        result.passed() ? "passed" : "FAILED");
    return result;
  }

  private static long count(List<TableResult> results, TableStatus status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  private TableWork prepare(TablePlan plan, List<Chunk> given) {
    TableQueries queries;
    try {
      queries = TableQueries.of(plan, sourceDatabase);
    } catch (RuntimeException e) {
      return new TableWork(plan, null, List.of(), ChunkCheck.message(e));
    }
    Chunk whole = Chunk.whole(plan.name(), Math.max(0, plan.source().rowsEstimate()));
    if (given == null || given.isEmpty() || level == VerifyLevel.COUNTS) {
      return new TableWork(plan, queries, List.of(whole), null);
    }
    List<Chunk> sorted = given.stream().sorted(Comparator.comparingInt(Chunk::number)).toList();
    if (!queries.keyed()) {
      // One pass over the whole table; the run's chunk numbers only matter for anomalies.
      return new TableWork(plan, queries, List.of(sorted.get(0)), null);
    }
    String gap = ChunkCoverage.gap(sorted);
    return new TableWork(plan, queries, sorted, gap);
  }

  private void runAll(List<Task> tasks) throws InterruptedException {
    if (tasks.isEmpty()) {
      return;
    }
    if (workers != null) {
      List<VerifyWork> work = new ArrayList<>();
      for (int i = 0; i < tasks.size(); i++) {
        Task t = tasks.get(i);
        work.add(new VerifyWork(i, t.table().plan, sourceDatabase, t.chunk()));
      }
      Map<Integer, ChunkResult> results = workers.verify(work, level);
      for (int i = 0; i < tasks.size(); i++) {
        Task t = tasks.get(i);
        ChunkResult r = results.get(i);
        t.table()
            .results
            .add(
                r != null
                    ? r
                    : ChunkResult.failed(
                        t.chunk().number(),
                        t.chunk().describe(),
                        t.chunk().describe() + ": no result came back from the workers"));
      }
      return;
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(parallelism, tasks.size()),
            r -> {
              Thread t = new Thread(r, "verify-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      CompletionService<Done> completion = new ExecutorCompletionService<>(pool);
      for (Task task : tasks) {
        completion.submit(() -> new Done(task, runTask(task)));
      }
      long rows = 0;
      int done = 0;
      int differing = 0;
      long nextLog = System.nanoTime() + progressEvery.toNanos();
      while (done < tasks.size()) {
        Future<Done> future =
            completion.poll(Math.max(1, nextLog - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (future != null) {
          Done d;
          try {
            d = future.get();
          } catch (ExecutionException e) {
            throw new IllegalStateException("a verify task failed unexpectedly", e.getCause());
          }
          d.task().table().results.add(d.result());
          rows += d.result().sourceRows();
          differing += d.result().differs() || d.result().error() != null ? 1 : 0;
          done++;
        }
        if (System.nanoTime() >= nextLog) {
          LOG.info(
              "Verify: {}/{} chunk(s) done, {} source rows read; {} chunk(s) differ so far",
              done,
              tasks.size(),
              String.format(java.util.Locale.ROOT, "%,d", rows),
              differing);
          nextLog = System.nanoTime() + progressEvery.toNanos();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Verifies one chunk; never throws: a failure becomes the chunk's error. */
  private ChunkResult runTask(Task task) {
    return ChunkCheck.run(source, target, task.table().queries, task.chunk(), level, anomalies);
  }

  private TableResult assemble(TableWork table) {
    String sourceTable = table.plan.name();
    String targetTable = table.plan.target().schema() + "." + table.plan.target().name();
    if (table.problem != null) {
      return new TableResult(
          sourceTable,
          targetTable,
          TableStatus.ERROR,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          List.of(),
          table.problem,
          List.of());
    }
    List<ChunkResult> chunks =
        table.results.stream().sorted(Comparator.comparingInt(ChunkResult::number)).toList();
    long sourceRows = chunks.stream().mapToLong(ChunkResult::sourceRows).sum();
    long targetRows = chunks.stream().mapToLong(ChunkResult::targetRows).sum();
    long refused = chunks.stream().mapToLong(ChunkResult::refused).sum();
    long changed = chunks.stream().mapToLong(ChunkResult::changed).sum();
    long unaccounted = chunks.stream().mapToLong(ChunkResult::unaccounted).sum();
    int differing = (int) chunks.stream().filter(ChunkResult::differs).count();
    List<Difference> first =
        chunks.stream()
            .flatMap(c -> c.firstDifferences().stream())
            .limit(KeyedMerge.FIRST_DIFFERENCES)
            .toList();
    List<ChunkResult> failed = chunks.stream().filter(c -> c.error() != null).toList();
    long expected = sourceRows - refused;
    boolean counts = level == VerifyLevel.COUNTS;
    TableStatus status;
    String message;
    if (!failed.isEmpty()) {
      status = TableStatus.ERROR;
      message =
          failed.size()
              + " of "
              + chunks.size()
              + " chunk(s) could not be verified: "
              + failed.get(0).error();
    } else if (unaccounted > 0) {
      status = TableStatus.MISMATCH;
      if (counts) {
        message =
            "the target holds "
                + targetRows
                + " rows, the source "
                + sourceRows
                + (refused > 0
                    ? " (less " + refused + " refused by the run: " + expected + ")"
                    : "");
      } else if (table.queries.keyed()) {
        message =
            unaccounted
                + " row(s) differ in "
                + differing
                + " of "
                + chunks.size()
                + " chunk(s); first: "
                + String.join("; ", first.stream().map(Difference::toString).toList());
      } else {
        message = unkeyedMismatch(table, chunks.get(0));
      }
    } else if (refused + changed > 0) {
      status = TableStatus.ACCOUNTED;
      message =
          counts
              ? refused + " row(s) refused by the run, as its report says"
              : refused
                  + " row(s) refused and "
                  + changed
                  + " row(s) with values changed by the run, as its report says";
    } else {
      status = TableStatus.OK;
      message = "";
    }
    return new TableResult(
        sourceTable,
        targetTable,
        status,
        sourceRows,
        targetRows,
        expected,
        counts ? 0 : chunks.size(),
        counts ? 0 : differing,
        refused + changed,
        unaccounted,
        first,
        message,
        counts ? List.of() : chunks);
  }

  private String unkeyedMismatch(TableWork table, ChunkResult chunk) {
    StringBuilder b =
        new StringBuilder("the table differs (source ")
            .append(chunk.sourceRows())
            .append(" rows, checksum ")
            .append(chunk.sourceChecksum())
            .append("; target ")
            .append(chunk.targetRows())
            .append(" rows, checksum ")
            .append(chunk.targetChecksum())
            .append("); its rows cannot be named without a single integer primary key");
    try {
      int reported = 0;
      for (Chunk c : table.chunks) {
        reported += anomalies.forChunk(table.plan.name(), c.number()).size();
      }
      if (reported > 0) {
        b.append("; the run reported ")
            .append(reported)
            .append(" refused or changed value(s) for it, which cannot be matched to rows either");
      }
    } catch (Exception e) {
      b.append("; the run's anomalies could not be read: ").append(ChunkCheck.message(e));
    }
    return b.toString();
  }

  private static void log(TableResult t) {
    switch (t.status()) {
      case MISMATCH -> {
        for (Difference d : t.firstDifferences()) {
          LOG.warn("Verify {}: {}: {}", t.sourceTable(), d.key(), d.reason());
        }
        if (t.firstDifferences().isEmpty()) {
          LOG.warn("Verify {}: {}", t.sourceTable(), t.message());
        }
        LOG.info(
            "Verify {} -> {}: MISMATCH, {} row(s) differ unaccounted, {} accounted; {}",
            t.sourceTable(),
            t.targetTable(),
            t.differencesUnaccounted(),
            t.differencesAccounted(),
            t.message());
      }
      case ERROR -> LOG.warn("Verify {}: not verified: {}", t.sourceTable(), t.message());
      case ACCOUNTED -> LOG.info("Verify {}: {}", t.sourceTable(), t.message());
      case OK -> LOG.debug("Verify {}: ok, {} rows", t.sourceTable(), t.sourceRows());
    }
  }
}
