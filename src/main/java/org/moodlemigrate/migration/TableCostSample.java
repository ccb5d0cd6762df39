package org.moodlemigrate.migration;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.moodlemigrate.casts.ColumnCast;
import org.moodlemigrate.catalog.TargetCatalog;
import org.moodlemigrate.catalog.TargetColumn;
import org.moodlemigrate.catalog.TargetTable;
import org.moodlemigrate.catalog.mysql.MySqlCatalogReader;
import org.moodlemigrate.catalog.postgresql.PostgresCatalogReader;
import org.moodlemigrate.connect.SharedDataSources;
import org.moodlemigrate.journal.Journal;
import org.moodlemigrate.pipelines.CopyPipeline;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.plan.TableMode;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.plan.TaskPacker;
import org.moodlemigrate.report.ToolVersion;
import org.moodlemigrate.settings.RunSettings;
import org.moodlemigrate.sql.Identifiers;
import org.moodlemigrate.targetdb.TargetCompletion;
import org.moodlemigrate.targetdb.TargetPreparation;
import org.moodlemigrate.transforms.ChunkCopier;
import org.moodlemigrate.transforms.ChunkOutcome;
import org.moodlemigrate.transforms.CopyJob;
import org.moodlemigrate.transforms.DigestCheck;
import org.moodlemigrate.transforms.RunStop;
import org.moodlemigrate.transforms.TableCopySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures what a run costs per table, whatever the table holds, by doing a run's per-table work
 * for real on a sample of the site's small tables, into scratch copies of them in a scratch schema
 * of the target that is dropped at the end.
 *
 * <p>A run's time on a typical site goes mostly to its hundreds of near-empty tables, not to its
 * rows: each chunk claims its journal row, reads its table from the source, COPYs, digests what the
 * target stored, records itself and commits (a WAL flush); then each table's sequence is reset and
 * the table analysed, and the verification counts it on both sides. None of that can be guessed
 * from rows and bytes, and it depends on the servers (their disks' flush time above all), so it is
 * timed here with the run's own code: a real journal (Flyway, in the scratch schema), the real
 * {@link ChunkCopier}, the real {@link TargetCompletion}, the real source-state read, and the
 * verification's counts.
 *
 * <p>The sample takes up to {@value #PER_KIND} empty and {@value #PER_KIND} small loaded tables,
 * evenly spread over the site's; each kind's chunks are copied alternately one at a time (their
 * cost) and {@code --parallelism} at a time (how much parallel workers really gain on these
 * servers). One chunk goes through the real copy pipeline, for what the pipeline itself costs to
 * start and finish.
 *
 * <p>Nothing is left behind. The scratch schema has a random name, holds copies of the sample
 * tables (with their indexes, without their defaults, so that no sequence of the site's is ever
 * named) and the scratch journal, and is dropped with everything in it whatever happens. It cannot
 * be done in one rolled-back transaction: the commits are part of what is measured. The source is
 * only read, over the read-only sessions a run reads with.
 */
final class TableCostSample {
  private static final Logger LOG = LoggerFactory.getLogger(TableCostSample.class);

  /** Tables of each kind sampled (half copied one at a time, half in parallel). */
  static final int PER_KIND = 16;

  /** A table this small is "small": its own rows are part of its measured fixed cost. */
  static final long SMALL_BYTES = 1024 * 1024;

  /**
   * @param tables the tables sampled
   * @param emptyChunkSeconds per chunk of an empty table, one at a time
   * @param loadedChunkSeconds per chunk of a small table holding rows, one at a time
   * @param workers how many chunks' worth of work the parallel workers got done at once
   * @param pipelineSeconds the copy pipeline's own start and end (Beam), beyond its chunks' work
   * @param setupSeconds the journal created (Flyway), the run and its tables recorded, the source's
   *     states recorded and read back
   * @param perTableSeconds the per-table work done once by the driver: registering the table in the
   *     journal, and its row count and highest key noted at the start and the end
   * @param truncateSeconds emptying one table that holds rows
   * @param completeSeconds resetting one table's sequences, its owner, and analysing it
   * @param countSeconds the verification's exact row count of one table on both sides, with as many
   *     tables at a time as the verification counts (wall time per table)
   * @param readOnceSeconds the per-run reads measured on the real catalogs (the target's non-empty
   *     tables, the source's AUTO_INCREMENTs, the digest self-check)
   */
  record Measured(
      int tables,
      List<Double> emptyChunkSeconds,
      List<Double> loadedChunkSeconds,
      double workers,
      double pipelineSeconds,
      double setupSeconds,
      double perTableSeconds,
      double truncateSeconds,
      double completeSeconds,
      double countSeconds,
      double readOnceSeconds) {}

  private TableCostSample() {}

  /** Whether a table is of the small kind the sample covers. */
  static boolean small(TablePlan t, List<Chunk> chunks) {
    return chunks != null && chunks.size() == 1 && t.source().dataBytes() <= SMALL_BYTES;
  }

  /**
   * @param source a read-only source pool of {@code settings.parallelism()} connections
   * @param target the target's admin pool, of at least two connections (Flyway's)
   * @param copyTarget the target pool the chunks are written with, of {@code
   *     settings.parallelism()} connections with a run's copy sessions
   * @return empty when the site has no loaded table to sample
   */
  static Optional<Measured> measure(
      RunSettings settings,
      DataSource source,
      DataSource target,
      DataSource copyTarget,
      List<TablePlan> tables,
      Map<String, List<Chunk>> chunks,
      boolean digest)
      throws SQLException {
    List<TablePlan> candidates =
        tables.stream()
            .filter(
                t ->
                    t.mode() == TableMode.LOAD
                        && t.target() != null
                        && !t.columns().isEmpty()
                        && small(t, chunks.get(t.name())))
            .sorted(Comparator.comparing(TablePlan::name))
            .toList();
    List<TablePlan> empty =
        spread(candidates.stream().filter(t -> t.source().rowsEstimate() <= 0).toList());
    List<TablePlan> loaded =
        spread(candidates.stream().filter(t -> t.source().rowsEstimate() > 0).toList());
    if (empty.isEmpty() && loaded.isEmpty()) {
      return Optional.empty();
    }
    String scratch = "moodle_migrate_plan_" + HexFormat.of().formatHex(randomBytes());
    try {
      return Optional.of(
          measureIn(scratch, settings, source, target, copyTarget, empty, loaded, chunks, digest));
    } finally {
      drop(target, scratch);
    }
  }

  private static Measured measureIn(
      String scratch,
      RunSettings settings,
      DataSource source,
      DataSource target,
      DataSource copyTarget,
      List<TablePlan> empty,
      List<TablePlan> loaded,
      Map<String, List<Chunk>> chunks,
      boolean digest)
      throws SQLException {
    String db = settings.source().database();
    List<TablePlan> all = new ArrayList<>(empty);
    all.addAll(loaded);

    // Per run, on the real catalogs: only reads.
    long r0 = System.nanoTime();
    Map<String, Long> autoIncrements;
    try (Connection tc = target.getConnection();
        Connection sc = source.getConnection()) {
      TargetPreparation.nonEmptyTables(tc, settings.targetSchema());
      DigestCheck.selfCheck(tc);
      autoIncrements = MySqlCatalogReader.readAutoIncrements(sc, db);
    }
    double readOnce = seconds(r0);

    // The journal, created and filled as a run does.
    long s0 = System.nanoTime();
    Journal journal = new Journal(target, scratch);
    journal.migrate();
    long runId = journal.startRun(ToolVersion.get(), settings.source().describe(), scratch, "{}");
    double setupBeforeCopies = seconds(s0);
    Map<String, TablePlan> copies = scratchCopies(target, scratch, all);
    List<Journal.TableEntry> entries = new ArrayList<>();
    for (TablePlan t : all) {
      TablePlan c = copies.get(t.name());
      entries.add(
          new Journal.TableEntry(
              t.name(),
              scratch + "." + c.target().name(),
              t.mode().label(),
              Math.max(0, t.source().rowsEstimate()),
              chunks.get(t.name())));
    }
    long j0 = System.nanoTime();
    journal.registerTables(runId, entries); // one set-based statement, whatever the tables
    double setup = setupBeforeCopies + seconds(j0);
    // A run notes each table's state at its start and again at its end, in the journal. Read
    // once untimed (the pool's connections, the code), then one table against all of them: the
    // difference is what each table costs, the rest (a snapshot opened) is once per read.
    SourceChanges.read(source, settings, all);
    long p0 = System.nanoTime();
    SourceChanges.read(source, settings, all.subList(0, 1));
    double oneRead = seconds(p0);
    long p1 = System.nanoTime();
    var atStart = SourceChanges.read(source, settings, all);
    double allRead = seconds(p1);
    var atEnd = atStart;
    double perRead = all.size() > 1 ? Math.max(0, (allRead - oneRead) / (all.size() - 1)) : allRead;
    double perTable = 2 * perRead;
    setup += 2 * Math.max(0, allRead - perRead * all.size());
    long w0 = System.nanoTime();
    journal.recordSourceStates(runId, atStart, true);
    journal.recordSourceStates(runId, atEnd, false);
    journal.sourceStatesAtStart(runId);
    setup += seconds(w0);

    Map<String, TableCopySpec> specs = new LinkedHashMap<>();
    copies.forEach((name, c) -> specs.put(name, TableCopySpec.of(c, db, false, digest)));
    CopyJob job =
        new CopyJob(
            runId,
            settings.source(),
            settings.target(),
            scratch,
            settings.parallelism(),
            settings.valuePolicy(),
            settings.retry(),
            settings.serverTimeout(),
            specs);
    ChunkCopier copier = new ChunkCopier(source, copyTarget, job);
    try {
      List<TablePlan> oneAtATime = new ArrayList<>();
      List<TablePlan> inParallel = new ArrayList<>();
      for (List<TablePlan> kind : List.of(empty, loaded)) {
        for (int i = 0; i < kind.size(); i++) {
          (i % 2 == 0 || settings.parallelism() == 1 ? oneAtATime : inParallel).add(kind.get(i));
        }
      }
      List<Double> emptySeconds = new ArrayList<>();
      List<Double> loadedSeconds = new ArrayList<>();
      for (TablePlan t : oneAtATime) {
        long c0 = System.nanoTime();
        ChunkOutcome o = copier.copy(chunks.get(t.name()).get(0));
        if (o.succeeded()) {
          (t.source().rowsEstimate() <= 0 ? emptySeconds : loadedSeconds).add(seconds(c0));
        } else {
          LOG.debug("plan sample: {} not copied: {}", t.name(), o.error());
        }
      }
      double pipeline = 0;
      if (!inParallel.isEmpty()) {
        // The copy pipeline's own start and end, on the first chunk handed to it.
        TablePlan first = inParallel.remove(0);
        List<Double> kind = first.source().rowsEstimate() <= 0 ? emptySeconds : loadedSeconds;
        long b0 = System.nanoTime();
        try {
          CopyPipeline.run(
              "plan",
              job,
              new TaskPacker(settings.parallelism(), settings.chunkRows())
                  .pack(List.of(chunks.get(first.name()).get(0))),
              CopyPipeline.options(settings.parallelism(), settings.runner()));
        } finally {
          SharedDataSources.closeAll();
        }
        pipeline =
            Math.max(0, seconds(b0) - PlanEstimate.mean(kind.isEmpty() ? emptySeconds : kind));
      }
      double workers = workers(copier, chunks, inParallel, emptySeconds, loadedSeconds, settings);
      long k0 = System.nanoTime();
      journal.chunks(runId); // the run reads its chunks back for the report
      double readBack = seconds(k0);

      List<TargetTable> scratchTables = copies.values().stream().map(TablePlan::target).toList();
      // First untimed: it also loads and compiles the code, which a run's hundreds of tables make
      // up for. Then one table and all of them: the difference is what each table costs, the rest
      // (a commit's flush) is once per run.
      Map<String, Long> increments = scratchAutoIncrements(copies, autoIncrements);
      complete(target, scratch, scratchTables, increments, settings.owner());
      double one = complete(target, scratch, scratchTables.subList(0, 1), increments, null);
      double every = complete(target, scratch, scratchTables, increments, settings.owner());
      int n = scratchTables.size();
      double complete = n > 1 ? Math.max(0, (every - one) / (n - 1)) : every;
      setup += Math.max(0, every - complete * n);
      counts(source, target, db, copies, settings.parallelism()); // untimed, as above
      double countSeconds = counts(source, target, db, copies, settings.parallelism());

      double truncate = 0;
      if (!loaded.isEmpty()) {
        long u0 = System.nanoTime();
        try (Connection tc = target.getConnection();
            Statement st = tc.createStatement()) {
          for (TablePlan t : loaded) {
            st.execute("TRUNCATE TABLE " + copyName(copies.get(t.name())));
          }
        }
        truncate = seconds(u0) / loaded.size();
      }
      return new Measured(
          all.size(),
          emptySeconds,
          loadedSeconds,
          workers,
          pipeline,
          setup + readBack,
          perTable,
          truncate,
          complete,
          countSeconds,
          readOnce);
    } finally {
      RunStop.clear(runId);
    }
  }

  /**
   * Copies the chunks {@code parallelism} at a time and compares the wall time with what the same
   * kinds of chunks took one at a time: the parallel workers' real gain on these servers, between 1
   * and {@code parallelism}.
   */
  private static double workers(
      ChunkCopier copier,
      Map<String, List<Chunk>> chunks,
      List<TablePlan> tables,
      List<Double> emptySeconds,
      List<Double> loadedSeconds,
      RunSettings settings)
      throws SQLException {
    int p = settings.parallelism();
    if (p == 1 || tables.isEmpty()) {
      return 1;
    }
    double oneAtATime = 0;
    for (TablePlan t : tables) {
      List<Double> kind = t.source().rowsEstimate() <= 0 ? emptySeconds : loadedSeconds;
      oneAtATime += PlanEstimate.mean(kind.isEmpty() ? emptySeconds : kind);
    }
    ExecutorService pool = Executors.newFixedThreadPool(p);
    try {
      long w0 = System.nanoTime();
      List<Future<ChunkOutcome>> done = new ArrayList<>();
      for (TablePlan t : tables) {
        Chunk chunk = chunks.get(t.name()).get(0);
        done.add(pool.submit(() -> copier.copy(chunk)));
      }
      for (Future<ChunkOutcome> f : done) {
        f.get();
      }
      double wall = seconds(w0);
      return wall <= 0 ? p : Math.max(1, Math.min(p, oneAtATime / wall));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("the plan's sample was interrupted", e);
    } catch (ExecutionException e) {
      throw new SQLException("the plan's sample failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Creates the scratch copies: each sample table {@code LIKE} its target table (columns, indexes,
   * constraints) but without defaults, and its sequences as scratch sequences of its own, so that
   * the completion step measured resets only those. Returns each table's plan pointed at its copy.
   */
  private static Map<String, TablePlan> scratchCopies(
      DataSource target, String scratch, List<TablePlan> tables) throws SQLException {
    try (Connection tc = target.getConnection();
        Statement st = tc.createStatement()) {
      tc.setAutoCommit(false);
      int seq = 0;
      for (TablePlan t : tables) {
        String copy = Identifiers.postgres(scratch, t.target().name());
        st.execute(
            "CREATE TABLE "
                + copy
                + " (LIKE "
                + Identifiers.postgres(t.target().schema(), t.target().name())
                + " INCLUDING ALL EXCLUDING DEFAULTS)");
        for (TargetColumn c : t.target().columns()) {
          if (c.sequence() != null) {
            String name = Identifiers.postgres(scratch, "seq_" + seq++);
            st.execute(
                "CREATE SEQUENCE "
                    + name
                    + " OWNED BY "
                    + copy
                    + "."
                    + Identifiers.postgres(c.name()));
            st.execute(
                "ALTER TABLE "
                    + copy
                    + " ALTER COLUMN "
                    + Identifiers.postgres(c.name())
                    + " SET DEFAULT nextval("
                    + Identifiers.postgresLiteral(name)
                    + "::regclass)");
          }
        }
      }
      tc.commit();
      tc.setAutoCommit(true);
      TargetCatalog catalog = PostgresCatalogReader.read(tc, scratch);
      Map<String, TablePlan> out = new LinkedHashMap<>();
      for (TablePlan t : tables) {
        TargetTable copy =
            catalog
                .table(t.target().name())
                .orElseThrow(() -> new SQLException("scratch copy of " + t.name() + " not found"));
        out.put(
            t.name(),
            new TablePlan(
                t.source(),
                t.mode(),
                t.reason(),
                copy,
                t.columns(),
                t.definition(),
                t.replacesExisting()));
      }
      return out;
    }
  }

  /** The source's AUTO_INCREMENTs keyed as the completion step looks them up. */
  private static Map<String, Long> scratchAutoIncrements(
      Map<String, TablePlan> copies, Map<String, Long> bySourceTable) {
    Map<String, Long> out = new HashMap<>();
    copies.forEach(
        (name, t) -> {
          Long next = bySourceTable.get(name);
          if (next != null) {
            for (ColumnCast c : t.columns()) {
              if (c.source().autoIncrement()) {
                out.put(t.target().name() + "." + c.target().name(), next);
              }
            }
          }
        });
    return out;
  }

  /** Up to {@value #PER_KIND} tables, evenly spread over the list. */
  static <T> List<T> spread(List<T> tables) {
    if (tables.size() <= PER_KIND) {
      return tables;
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < PER_KIND; i++) {
      out.add(tables.get((int) ((long) i * tables.size() / PER_KIND)));
    }
    return out;
  }

  /**
   * The verification's counts, as it runs them: each table on both sides, {@code parallelism}
   * tables at a time. Returns the wall time per table.
   */
  private static double counts(
      DataSource source,
      DataSource target,
      String db,
      Map<String, TablePlan> copies,
      int parallelism)
      throws SQLException {
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      long v0 = System.nanoTime();
      List<Future<Void>> done = new ArrayList<>();
      for (TablePlan t : copies.values()) {
        done.add(
            pool.submit(
                () -> {
                  count(source, "SELECT COUNT(*) FROM " + Identifiers.mysql(db, t.name()));
                  count(target, "SELECT COUNT(*) FROM " + copyName(t));
                  return null;
                }));
      }
      for (Future<Void> f : done) {
        f.get();
      }
      return seconds(v0) / copies.size();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("the plan's sample was interrupted", e);
    } catch (ExecutionException e) {
      throw new SQLException("the plan's sample failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Runs the complete phase's target steps on the scratch tables; returns the seconds taken. Its
   * "Reset n sequences" and "Analysed n tables" lines are kept out of the plan's log, where they
   * would read as if the site's had been.
   */
  private static double complete(
      DataSource target,
      String scratch,
      List<TargetTable> tables,
      Map<String, Long> autoIncrements,
      String owner)
      throws SQLException {
    ch.qos.logback.classic.Logger log =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(TargetCompletion.class);
    ch.qos.logback.classic.Level level = log.getLevel();
    log.setLevel(ch.qos.logback.classic.Level.WARN);
    long t0 = System.nanoTime();
    try (Connection tc = target.getConnection()) {
      TargetCompletion.complete(tc, scratch, tables, autoIncrements, owner);
    } finally {
      log.setLevel(level);
    }
    return seconds(t0);
  }

  /** The quoted, qualified scratch copy of a table (its plan pointed at the copy). */
  private static String copyName(TablePlan copy) {
    return Identifiers.postgres(copy.target().schema(), copy.target().name());
  }

  private static void count(DataSource pool, String sql) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
    }
  }

  /** Drops the scratch schema with everything in it; a failure is logged with what to drop. */
  private static void drop(DataSource target, String scratch) {
    try (Connection tc = target.getConnection();
        Statement st = tc.createStatement()) {
      if (!tc.getAutoCommit()) {
        tc.setAutoCommit(true);
      }
      st.execute("DROP SCHEMA IF EXISTS " + Identifiers.postgres(scratch) + " CASCADE");
    } catch (SQLException e) {
      LOG.error(
          "cannot drop the plan's scratch schema {}: {}; drop it by hand (DROP SCHEMA {} CASCADE)",
          scratch,
          e.getMessage(),
          Identifiers.postgres(scratch));
    }
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[6];
    new SecureRandom().nextBytes(b);
    return b;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
