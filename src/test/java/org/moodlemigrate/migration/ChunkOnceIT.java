package org.moodlemigrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.connect.ConnectionRole;
import org.moodlemigrate.connect.DataSources;
import org.moodlemigrate.connect.DatabaseKind;
import org.moodlemigrate.connect.Endpoint;
import org.moodlemigrate.connect.EndpointParser;
import org.moodlemigrate.connect.Secret;
import org.moodlemigrate.journal.Journal;
import org.moodlemigrate.pipelines.CopyPipeline;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.plan.CopyTask;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.report.ToolVersion;
import org.moodlemigrate.settings.RunSettings;
import org.moodlemigrate.settings.RunnerSettings;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.FaultProxy;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;
import org.moodlemigrate.transforms.ChunkCopier;
import org.moodlemigrate.transforms.ChunkOutcome;
import org.moodlemigrate.transforms.CopyChunkFn;
import org.moodlemigrate.transforms.CopyJob;
import org.moodlemigrate.transforms.CopyWork;
import org.moodlemigrate.transforms.EmptyTableBatch;
import org.moodlemigrate.transforms.TableCopySpec;

/**
 * A chunk is written once, whatever the network or the runner does: every row arrives exactly once
 * and none is recorded as rejected.
 *
 * <ul>
 *   <li>Every chunk's {@code COMMIT} reaches the server, but its acknowledgement never reaches the
 *       tool (a proxy drops the connection right after the server answered): each retry finds its
 *       chunk done in the journal and leaves it alone — including a whole-table chunk that empties
 *       its table first.
 *   <li>The same chunks handed to the pipeline twice (as Flink does when it re-runs a bundle), and
 *       the same chunk copied by two threads at the same instant: the second waits for the first
 *       and finds it done.
 * </ul>
 */
class ChunkOnceIT {
  private static final int BIG_ROWS = 50_000;
  private static final int SINGLE_ROWS = 8_000;

  private static void fill(TestDatabase source, TestDatabase target) throws SQLException {
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE big (id INT PRIMARY KEY, v VARCHAR(40)) CHARSET utf8mb4");
      st.execute("CREATE TABLE single (id INT PRIMARY KEY, v VARCHAR(40)) CHARSET utf8mb4");
      st.execute("INSERT INTO big SELECT seq, CONCAT('row ', seq) FROM seq_1_to_" + BIG_ROWS);
      st.execute("INSERT INTO single SELECT id, v FROM big WHERE id <= " + SINGLE_ROWS);
      st.execute("ANALYZE TABLE big, single");
    }
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      // As Moodle's installer would have made them, with a row to be emptied first.
      st.execute("CREATE TABLE big (id bigint PRIMARY KEY, v varchar(40))");
      st.execute("CREATE TABLE single (id bigint PRIMARY KEY, v varchar(40))");
      st.execute("INSERT INTO single VALUES (1, 'installer row')");
    }
  }

  @Test
  void aCommitWhoseAcknowledgementIsLostIsNotCopiedAgain(@TempDir Path dir) throws Exception {
    try (TestDatabase source = TestServers.mysql().createDatabase("once_src");
        TestDatabase target = TestServers.postgresql().createDatabase("once_tgt");
        FaultProxy proxy = new FaultProxy(target.host(), target.port())) {
      fill(source, target);
      proxy.loseCommitAcknowledgements(1000);
      String viaProxy = target.uri().replace(":" + target.port() + "/", ":" + proxy.port() + "/");
      Map<String, String> env = CliRun.passwords(source, target);
      CliRun run =
          CliRun.inProcess(
              env,
              "run",
              "--source",
              source.uri(),
              "--target",
              viaProxy,
              "--schema-mode",
              "data-only",
              "--chunk-rows",
              "10000",
              "--rebuild-indexes-from",
              "1000000",
              "--rejects-dir",
              dir.toString());
      assertEquals(0, run.exitCode(), run.transcript());
      int chunks = chunksOf(target);
      assertEquals(chunks, proxy.commitsLost(), "every chunk lost its acknowledgement once");
      assertTrue(chunks >= 6, "chunks: " + chunks);
      assertRowsOnce(target, "big", BIG_ROWS);
      assertRowsOnce(target, "single", SINGLE_ROWS);
      assertEquals(0, target.queryLong("SELECT count(*) FROM moodle_migrate.run_row_issue"));
      assertEquals(
          chunks,
          target.queryLong(
              "SELECT count(*) FROM moodle_migrate.run_chunk WHERE status = 'done' AND attempts ="
                  + " 1"),
          "each chunk: done by its first attempt, which the retry found committed");
      CliRun verify =
          CliRun.inProcess(
              env,
              "verify",
              "--source",
              source.uri(),
              "--target",
              target.uri(),
              "--verify",
              "checksums");
      assertEquals(0, verify.exitCode(), verify.transcript());
    }
  }

  @Test
  void chunksHandedOverTwiceAreWrittenOnce() throws Exception {
    try (TestDatabase source = TestServers.mysql().createDatabase("twice_src");
        TestDatabase target = TestServers.postgresql().createDatabase("twice_tgt")) {
      fill(source, target);
      try (Prepared p = prepare(source, target)) {
        List<CopyTask> tasks = new ArrayList<>();
        for (List<Chunk> list : p.chunks.values()) {
          for (Chunk c : list) {
            tasks.add(new CopyTask(List.of(c)));
            tasks.add(new CopyTask(List.of(c))); // the runner's second delivery
          }
        }
        CopyPipeline.run("twice", p.job, tasks, CopyPipeline.options(4, RunnerSettings.DIRECT));
      }
      assertRowsOnce(target, "big", BIG_ROWS);
      assertRowsOnce(target, "single", SINGLE_ROWS);
      assertEquals(
          0,
          target.queryLong("SELECT count(*) FROM moodle_migrate.run_chunk WHERE status <> 'done'"));
      assertEquals(0, target.queryLong("SELECT count(*) FROM moodle_migrate.run_row_issue"));
    }
  }

  /**
   * The empty tables are copied in one batch, not as chunks: their chunks are claimed and marked
   * done together, the installer's rows emptied, a table with a row left to the pipeline; a second
   * batch over the same tasks (a runner's second delivery, a resumed run) leaves them alone, and a
   * stopping run leaves them pending.
   */
  @Test
  void emptyTablesAreCopiedInOneBatchAndOnce() throws Exception {
    try (TestDatabase source = TestServers.mysql().createDatabase("empty_src");
        TestDatabase target = TestServers.postgresql().createDatabase("empty_tgt")) {
      fill(source, target);
      try (Connection c = source.connect();
          Statement st = c.createStatement()) {
        st.execute("CREATE TABLE nothing (id INT PRIMARY KEY, v VARCHAR(40)) CHARSET utf8mb4");
        st.execute("CREATE TABLE nokey (v VARCHAR(40)) CHARSET utf8mb4");
        st.execute("CREATE TABLE onerow (id INT PRIMARY KEY, v VARCHAR(40)) CHARSET utf8mb4");
        st.execute("INSERT INTO onerow VALUES (7, 'the row')");
      }
      try (Connection c = target.connect();
          Statement st = c.createStatement()) {
        st.execute("CREATE TABLE nothing (id bigint PRIMARY KEY, v varchar(40))");
        st.execute("CREATE TABLE nokey (v varchar(40))");
        st.execute("CREATE TABLE onerow (id bigint PRIMARY KEY, v varchar(40))");
        st.execute("INSERT INTO nothing VALUES (1, 'installer row')");
        st.execute("INSERT INTO nokey VALUES ('installer row')");
      }
      try (Prepared p = prepare(source, target)) {
        List<CopyTask> tasks = new ArrayList<>();
        p.chunks.values().forEach(list -> list.forEach(c -> tasks.add(new CopyTask(List.of(c)))));
        List<CopyTask> rest = EmptyTableBatch.copy(p.sourceAdmin, p.targetAdmin, p.job, tasks);
        Set<String> left = tables(rest);
        assertEquals(Set.of("big", "single", "onerow"), left, "the empty tables were copied");
        assertEquals(0, target.queryLong("SELECT count(*) FROM public.nothing"));
        assertEquals(0, target.queryLong("SELECT count(*) FROM public.nokey"));
        String journalled =
            "SELECT count(*) FROM moodle_migrate.run_chunk WHERE table_name IN ('nothing', 'nokey')"
                + " AND status = 'done' AND rows_read = 0 AND rows_written = 0 AND attempts = 1"
                + " AND finished_at IS NOT NULL";
        assertEquals(2, target.queryLong(journalled));
        List<CopyTask> again = EmptyTableBatch.copy(p.sourceAdmin, p.targetAdmin, p.job, tasks);
        assertEquals(left, tables(again), "a second delivery finds them done");
        assertEquals(2, target.queryLong(journalled), "and does not claim them again");
        CopyPipeline.run("rest", p.job, rest, CopyPipeline.options(2, RunnerSettings.DIRECT));
        assertRowsOnce(target, "big", BIG_ROWS);
        assertRowsOnce(target, "single", SINGLE_ROWS);
        assertEquals(1, target.queryLong("SELECT count(*) FROM public.onerow WHERE id = 7"));
        assertEquals(
            0,
            target.queryLong(
                "SELECT count(*) FROM moodle_migrate.run_chunk WHERE status <> 'done'"));
      }
    }
  }

  @Test
  void aStoppingRunLeavesTheEmptyTablesPending() throws Exception {
    try (TestDatabase source = TestServers.mysql().createDatabase("stop_src");
        TestDatabase target = TestServers.postgresql().createDatabase("stop_tgt")) {
      fill(source, target);
      addEmptyTable(source, target);
      try (Prepared p = prepare(source, target)) {
        new Journal(p.targetAdmin, p.job.journalSchema()).stopRun(p.job.runId());
        List<CopyTask> tasks = new ArrayList<>();
        p.chunks.values().forEach(list -> list.forEach(c -> tasks.add(new CopyTask(List.of(c)))));
        List<CopyTask> rest = EmptyTableBatch.copy(p.sourceAdmin, p.targetAdmin, p.job, tasks);
        assertEquals(Set.of("big", "single"), tables(rest));
        assertEquals(
            1,
            target.queryLong(
                "SELECT count(*) FROM moodle_migrate.run_chunk WHERE table_name = 'nothing' AND"
                    + " status = 'pending' AND attempts = 0"));
        assertEquals(1, target.queryLong("SELECT count(*) FROM public.nothing"), "not emptied");
      }
    }
  }

  /** A table whose lock the batch cannot get goes to the pipeline, with nothing of it written. */
  @Test
  void aLockedEmptyTableIsLeftToThePipeline() throws Exception {
    try (TestDatabase source = TestServers.mysql().createDatabase("lock_src");
        TestDatabase target = TestServers.postgresql().createDatabase("lock_tgt")) {
      fill(source, target);
      addEmptyTable(source, target);
      try (Prepared p = prepare(source, target);
          Connection holder = target.connect()) {
        holder.setAutoCommit(false);
        try (Statement st = holder.createStatement()) {
          st.execute("LOCK TABLE public.nothing IN ACCESS SHARE MODE"); // TRUNCATE must wait
        }
        List<CopyTask> tasks = new ArrayList<>();
        p.chunks.values().forEach(list -> list.forEach(c -> tasks.add(new CopyTask(List.of(c)))));
        List<CopyTask> rest = EmptyTableBatch.copy(p.sourceAdmin, p.targetAdmin, p.job, tasks);
        holder.rollback();
        assertEquals(Set.of("big", "single", "nothing"), tables(rest));
        assertEquals(
            1,
            target.queryLong(
                "SELECT count(*) FROM moodle_migrate.run_chunk WHERE table_name = 'nothing' AND"
                    + " status = 'pending' AND attempts = 0"));
        CopyPipeline.run("rest", p.job, rest, CopyPipeline.options(2, RunnerSettings.DIRECT));
        assertEquals(0, target.queryLong("SELECT count(*) FROM public.nothing"));
        assertEquals(
            0,
            target.queryLong(
                "SELECT count(*) FROM moodle_migrate.run_chunk WHERE status <> 'done'"));
      }
    }
  }

  /** Table {@code nothing}: empty on the source, holding an installer's row on the target. */
  private static void addEmptyTable(TestDatabase source, TestDatabase target) throws SQLException {
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE nothing (id INT PRIMARY KEY, v VARCHAR(40)) CHARSET utf8mb4");
    }
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE nothing (id bigint PRIMARY KEY, v varchar(40))");
      st.execute("INSERT INTO nothing VALUES (1, 'installer row')");
    }
  }

  private static Set<String> tables(List<CopyTask> tasks) {
    return tasks.stream()
        .flatMap(t -> t.chunks().stream())
        .map(Chunk::table)
        .collect(java.util.stream.Collectors.toSet());
  }

  /**
   * The pipeline's elements carry their tables' specs (CopyWork) and the DoFn none: each element
   * survives its coder with the copy's queries intact (the direct runner's own encodability check
   * is off, CopyPipeline.options), and the DoFn a runner serialises for every bundle does not grow
   * with the tables.
   */
  @Test
  void elementsCarryTheirOwnTablesSpecsAndSurviveTheirCoder() throws Exception {
    try (TestDatabase source = TestServers.mysql().createDatabase("work_src");
        TestDatabase target = TestServers.postgresql().createDatabase("work_tgt")) {
      fill(source, target);
      try (Prepared p = prepare(source, target)) {
        List<CopyTask> tasks = new ArrayList<>();
        p.chunks.values().forEach(list -> list.forEach(c -> tasks.add(new CopyTask(List.of(c)))));
        List<CopyWork> works = CopyWork.of(tasks, p.job);
        SerializableCoder<CopyWork> coder = SerializableCoder.of(CopyWork.class);
        for (CopyWork w : works) {
          Chunk chunk = w.task().chunks().get(0);
          assertEquals(Set.of(chunk.table()), w.specs().keySet(), "only its own table's spec");
          CopyWork back = CoderUtils.clone(coder, w);
          assertEquals(w.task(), back.task());
          TableCopySpec spec = w.specs().get(chunk.table());
          TableCopySpec decoded = back.specs().get(chunk.table());
          assertEquals(spec.selectSql(chunk), decoded.selectSql(chunk));
          assertEquals(spec.copySql(chunk), decoded.copySql(chunk));
          assertEquals(spec.casts().size(), decoded.casts().size());
        }
        ChunkOutcome outcome = new ChunkOutcome("big", 1, 10, 9, 1, 2, 0.5, "why");
        assertEquals(outcome, CoderUtils.clone(SerializableCoder.of(ChunkOutcome.class), outcome));
        int withSpecs = SerializableUtils.serializeToByteArray(new CopyChunkFn(p.job)).length;
        int without =
            SerializableUtils.serializeToByteArray(new CopyChunkFn(p.job.withoutTables())).length;
        assertEquals(without, withSpecs, "the DoFn holds no table spec");
      }
    }
  }

  @Test
  void twoCopiesOfOneChunkAtTheSameInstantWriteItOnce() throws Exception {
    try (TestDatabase source = TestServers.mysql().createDatabase("race_src");
        TestDatabase target = TestServers.postgresql().createDatabase("race_tgt")) {
      fill(source, target);
      try (Prepared p = prepare(source, target)) {
        Chunk chunk = p.chunks.get("big").get(0);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (HikariDataSource sourcePool =
                DataSources.open(p.job.source(), ConnectionRole.SOURCE_READ, 2);
            HikariDataSource targetPool =
                DataSources.open(p.job.target(), ConnectionRole.TARGET_WRITE, 2)) {
          ChunkCopier copier = new ChunkCopier(sourcePool, targetPool, p.job);
          CountDownLatch go = new CountDownLatch(1);
          List<Future<ChunkOutcome>> outcomes = new ArrayList<>();
          for (int i = 0; i < 2; i++) {
            outcomes.add(
                pool.submit(
                    () -> {
                      go.await();
                      return copier.copy(chunk);
                    }));
          }
          go.countDown();
          for (Future<ChunkOutcome> f : outcomes) {
            ChunkOutcome o = f.get();
            assertTrue(o.succeeded(), String.valueOf(o.error()));
            assertEquals(o.rowsRead(), o.rowsWritten());
          }
        } finally {
          pool.shutdownNow();
        }
        long expected = chunk.upper() - 1; // ids 1 .. upper-1
        assertEquals(
            expected,
            target.queryLong("SELECT count(*) FROM public.big"),
            "rows of the chunk, once");
        assertEquals(expected, target.queryLong("SELECT count(DISTINCT id) FROM public.big"));
      }
    }
  }

  /** A run recorded in the journal with its chunks, as {@code run} makes it, but no copy yet. */
  private record Prepared(
      CopyJob job,
      Map<String, List<Chunk>> chunks,
      HikariDataSource sourceAdmin,
      HikariDataSource targetAdmin)
      implements AutoCloseable {
    @Override
    public void close() {
      sourceAdmin.close();
      targetAdmin.close();
    }
  }

  private static Prepared prepare(TestDatabase source, TestDatabase target) throws Exception {
    Endpoint src =
        EndpointParser.parse(source.uri(), DatabaseKind.MYSQL, "--source", "")
            .endpoint()
            .withPassword(Secret.of(source.password()));
    Endpoint tgt =
        EndpointParser.parse(target.uri(), DatabaseKind.POSTGRESQL, "--target", "")
            .endpoint()
            .withPassword(Secret.of(target.password()));
    RunSettings settings =
        RunSettings.builder(src, tgt)
            .schemaMode(org.moodlemigrate.plan.SchemaMode.DATA_ONLY)
            .chunkRows(10_000)
            .build();
    HikariDataSource sourceAdmin = DataSources.open(src, ConnectionRole.ADMIN, 1);
    HikariDataSource targetAdmin = DataSources.open(tgt, ConnectionRole.ADMIN, 2);
    Preflight preflight = Preflight.run(settings, sourceAdmin, targetAdmin, false);
    List<TablePlan> tables = preflight.plan().loaded();
    Map<String, List<Chunk>> chunks =
        ChunkPlanning.chunks(
            sourceAdmin, settings.retry(), src.database(), tables, settings.chunkRows());
    Journal journal = new Journal(targetAdmin, settings.journalSchema());
    journal.migrate();
    long runId = journal.startRun(ToolVersion.get(), src.describe(), "public", "{}");
    List<Journal.TableEntry> entries = new ArrayList<>();
    Map<String, TableCopySpec> specs = new java.util.LinkedHashMap<>();
    for (TablePlan t : tables) {
      entries.add(
          new Journal.TableEntry(
              t.name(), "public." + t.name(), "loaded", 0, chunks.get(t.name())));
      specs.put(t.name(), TableCopySpec.of(t, src.database(), true));
    }
    journal.registerTables(runId, entries);
    try (Connection c = target.connect();
        Statement st = c.createStatement()) {
      st.execute("TRUNCATE public.big"); // as the prepare phase does for split tables
    }
    CopyJob job =
        new CopyJob(
            runId,
            src,
            tgt,
            settings.journalSchema(),
            4,
            settings.valuePolicy(),
            settings.retry(),
            settings.serverTimeout(),
            specs);
    return new Prepared(job, chunks, sourceAdmin, targetAdmin);
  }

  private static int chunksOf(TestDatabase target) throws SQLException {
    return (int) target.queryLong("SELECT count(*) FROM moodle_migrate.run_chunk");
  }

  private static void assertRowsOnce(TestDatabase target, String table, long rows)
      throws SQLException {
    assertEquals(rows, target.queryLong("SELECT count(*) FROM public." + table), table + " rows");
    assertEquals(
        rows, target.queryLong("SELECT count(DISTINCT id) FROM public." + table), table + " ids");
    assertEquals(
        0,
        target.queryLong("SELECT count(*) FROM public." + table + " WHERE v = 'installer row'"),
        table + ": the installer's row was emptied");
  }
}
