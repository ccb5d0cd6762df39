package org.moodlemigrate.migration;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.moodlemigrate.checks.CheckContext;
import org.moodlemigrate.checks.Checks;
import org.moodlemigrate.connect.ConnectionFailedException;
import org.moodlemigrate.connect.ConnectionRole;
import org.moodlemigrate.connect.DataSources;
import org.moodlemigrate.pipelines.CopyPipeline;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.plan.TableMode;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.report.Finding;
import org.moodlemigrate.report.PlanReport;
import org.moodlemigrate.report.ReportWriter;
import org.moodlemigrate.report.Sizes;
import org.moodlemigrate.settings.RunSettings;
import org.moodlemigrate.sql.Identifiers;
import org.moodlemigrate.targetdb.TargetPreparation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code plan}: what a run would do, table by table, and about how long it would take — without
 * doing it. Reads both catalogs, plans and chunks exactly as {@code run} would, counts rows when
 * asked, and estimates the duration from costs measured on the servers ({@link PlanEstimate} has
 * the model).
 *
 * <p>A run's time on most sites goes less to rows than to the work it does per table (hundreds of
 * near-empty tables each cost a journal claim, a source read, a COPY, a digest and a commit, then a
 * sequence reset, an ANALYZE and a count), so that is measured too: the pre-flight checks are run
 * and timed, a sample of small tables is copied for real into a scratch schema that is dropped
 * ({@link TableCostSample}), and a sample of the biggest table's rows into a temporary table that
 * is rolled back ({@link ThroughputSample}). The source is only read.
 */
public final class PlanRun {
  private static final Logger LOG = LoggerFactory.getLogger(PlanRun.class);

  /**
   * @param report the plan, null when a server could not be reached
   * @param exitCode 0 when the run could start, 3 when it would be refused, 4 when a server is out
   *     of reach
   */
  public record Outcome(PlanReport report, String error, int exitCode) {}

  private PlanRun() {}

  /**
   * @param exactCounts count rows instead of using the servers' estimates
   * @param throughput rows per second per worker to estimate with; null to measure a sample
   */
  public static Outcome run(RunSettings settings, boolean exactCounts, Double throughput) {
    try (HikariDataSource source = DataSources.open(settings.source(), ConnectionRole.ADMIN, 1);
        HikariDataSource target =
            DataSources.open(
                settings.target(), ConnectionRole.ADMIN, Math.max(2, settings.parallelism()))) {
      // The copy pipeline's warm-up, started as a run starts it, beside its first steps; when it
      // is done is noted, since a run's copy waits for it.
      Thread warmUp = CopyPipeline.warmUp(settings.runner());
      AtomicLong warmUpEnd = new AtomicLong();
      Thread watch =
          new Thread(
              () -> {
                try {
                  warmUp.join();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                warmUpEnd.set(ManagementFactory.getRuntimeMXBean().getUptime());
              },
              "beam-warm-up-watch");
      watch.setDaemon(true);
      watch.start();
      Preflight preflight = Preflight.run(settings, source, target, false);
      // The pre-flight checks, timed where a run has them: before the chunking has read (and the
      // servers cached) every table. Only timed: plan refuses on the plan's own findings.
      long c0 = System.nanoTime();
      Checks.run(
          new CheckContext(
              settings, source, target, preflight.source(), preflight.target(), preflight.plan()));
      double checks = (System.nanoTime() - c0) / 1e9;
      List<TablePlan> copied =
          preflight.plan().tables().stream().filter(t -> t.mode() != TableMode.SKIP).toList();
      Map<String, List<Chunk>> chunks;
      chunks =
          ChunkPlanning.chunks(
              source, settings.retry(), settings.source().database(), copied, settings.chunkRows());
      // What a run does before its first write but the checks, as long as it took here.
      // From the process's start, not the JVM's: the launcher execs the JVM, whose own boot a
      // run's wall time has too.
      double boot = bootSeconds();
      double startup = boot + ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0 - checks;
      try {
        watch.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      List<PlanReport.Table> tables = new ArrayList<>();
      try (Connection sc = source.getConnection();
          Statement st = sc.createStatement()) {
        for (TablePlan t : preflight.plan().tables()) {
          long rows = Math.max(0, t.source().rowsEstimate());
          if (exactCounts && t.mode() != TableMode.SKIP) {
            try (ResultSet rs =
                st.executeQuery(
                    "SELECT COUNT(*) FROM "
                        + Identifiers.mysql(settings.source().database(), t.name()))) {
              rs.next();
              rows = rs.getLong(1);
            }
          }
          tables.add(
              new PlanReport.Table(
                  t.name(),
                  t.mode().label(),
                  t.reason().isEmpty() ? null : t.reason(),
                  rows,
                  exactCounts && t.mode() != TableMode.SKIP,
                  t.source().dataBytes(),
                  t.source().indexBytes(),
                  chunks.getOrDefault(t.name(), List.of()).size()));
        }
      }
      PlanReport.Estimate estimate =
          estimate(
              settings,
              preflight,
              tables,
              chunks,
              startup,
              boot + warmUpEnd.get() / 1000.0,
              checks,
              throughput,
              source,
              target);
      List<Finding> errors = preflight.errors();
      PlanReport report =
          PlanReport.of(
              settings.source().describe(),
              settings.target().describe(),
              settings.targetSchema(),
              tables,
              estimate,
              errors);
      if (settings.report() != null) {
        try {
          ReportWriter.writeJson(report, settings.report());
        } catch (IOException e) {
          LOG.error("cannot write the plan to {}: {}", settings.report(), e.getMessage());
        }
      }
      return new Outcome(report, null, errors.isEmpty() ? ExitCodes.OK : ExitCodes.REFUSED);
    } catch (ConnectionFailedException e) {
      return new Outcome(null, e.getMessage(), ExitCodes.FATAL);
    } catch (SQLException e) {
      return new Outcome(null, "cannot read the catalogs: " + e.getMessage(), ExitCodes.FATAL);
    }
  }

  /**
   * Seconds from this process's start (the launcher script's, which execs the JVM) to the JVM's own
   * start: the JVM's boot, which the JVM's uptime does not count; 0 when the system does not tell.
   */
  static double bootSeconds() {
    long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
    return ProcessHandle.current()
        .info()
        .startInstant()
        .map(s -> Math.max(0, (System.currentTimeMillis() - s.toEpochMilli() - uptime) / 1000.0))
        .orElse(0.0);
  }

  private static PlanReport.Estimate estimate(
      RunSettings settings,
      Preflight preflight,
      List<PlanReport.Table> tables,
      Map<String, List<Chunk>> chunks,
      double startup,
      double warmUpEnd,
      double checks,
      Double throughput,
      HikariDataSource source,
      HikariDataSource target)
      throws SQLException {
    Map<String, TablePlan> plans = new HashMap<>();
    preflight.plan().tables().forEach(t -> plans.put(t.name(), t));
    List<PlanReport.Table> copied = tables.stream().filter(t -> !t.mode().equals("skip")).toList();
    Set<String> holdingRows;
    try (Connection tc = target.getConnection()) {
      holdingRows = TargetPreparation.nonEmptyTables(tc, settings.targetSchema());
    }
    List<PlanEstimate.Table> modelled = new ArrayList<>();
    long bigRows = 0;
    long bigBytes = 0;
    for (PlanReport.Table t : copied) {
      TablePlan plan = plans.get(t.name());
      boolean small = TableCostSample.small(plan, chunks.get(t.name()));
      if (!small) {
        bigRows += t.rows();
        bigBytes += t.dataBytes();
      }
      modelled.add(
          new PlanEstimate.Table(
              small,
              t.rows() <= 0,
              t.chunks(),
              t.dataBytes(),
              t.rows() >= settings.indexRebuildRows() ? t.indexBytes() : 0,
              plan.target() != null && holdingRows.contains(plan.target().name()),
              t.rows()));
    }

    try (HikariDataSource sourceRead =
            DataSources.open(
                settings.source(), ConnectionRole.SOURCE_READ, settings.parallelism());
        HikariDataSource copyTarget =
            DataSources.open(
                settings.target(), ConnectionRole.TARGET_WRITE, settings.parallelism())) {
      Optional<TableCostSample.Measured> perTable = Optional.empty();
      String perTableBasis;
      if (preflight.hasErrors()) {
        // Nothing is copied, not even into scratch tables, for a run that would be refused.
        perTableBasis = "per-table work not measured: the run would be refused";
      } else {
        try {
          perTable =
              TableCostSample.measure(
                  settings,
                  sourceRead,
                  target,
                  copyTarget,
                  preflight.plan().tables(),
                  chunks,
                  settings.copyDigest());
          perTableBasis =
              perTable
                  .map(
                      m ->
                          String.format(
                              Locale.ROOT,
                              "the per-table work of %d small tables done for real on scratch"
                                  + " copies: one at a time %.0f ms per empty table's chunk (%d"
                                  + " sampled), %.0f ms per loaded one (%d), the others in parallel"
                                  + " at %.1f of %d workers' worth, the copy pipeline's start %.1f"
                                  + " s; %.0f ms of completion and %.0f ms of counts per table",
                              m.tables(),
                              1000 * PlanEstimate.mean(m.emptyChunkSeconds()),
                              m.emptyChunkSeconds().size(),
                              1000 * PlanEstimate.mean(m.loadedChunkSeconds()),
                              m.loadedChunkSeconds().size(),
                              m.workers(),
                              settings.parallelism(),
                              m.pipelineSeconds(),
                              1000 * m.completeSeconds(),
                              1000 * m.countSeconds()))
                  .orElse("no table to sample the per-table work on");
        } catch (SQLException | RuntimeException e) {
          LOG.warn("cannot measure the per-table work on the target: {}", e.getMessage());
          perTable = Optional.empty();
          perTableBasis = "per-table work not measured (" + e.getMessage() + ")";
        }
      }
      // After the per-table sample, which warmed the pools and the code up as a run's first
      // chunks do.
      Optional<ThroughputSample.Measured> rows = Optional.empty();
      double bytesPerSecond;
      String rate;
      if (preflight.hasErrors()) {
        bytesPerSecond = 0;
        rate = "rows not sampled";
      } else if (throughput != null) {
        bytesPerSecond = bigRows > 0 ? throughput * ((double) bigBytes / bigRows) : 0;
        rate = String.format(Locale.ROOT, "--throughput %.0f rows/s per worker", throughput);
      } else {
        rows =
            ThroughputSample.measure(
                sourceRead,
                target,
                settings.source().database(),
                preflight.plan(),
                settings.copyDigest(),
                settings.parallelism(),
                chunks);
        bytesPerSecond = rows.map(ThroughputSample.Measured::sourceBytesPerSecond).orElse(0.0);
        rate =
            rows.map(
                    m ->
                        String.format(
                            Locale.ROOT,
                            "a sample of %,d rows of %s copied at %,.0f rows/s (%s/s of source"
                                + " data) by one worker, %.1f workers' worth by %d at once",
                            m.rows(),
                            m.table(),
                            m.rowsPerSecond(),
                            Sizes.format((long) m.sourceBytesPerSecond()),
                            m.workers(),
                            settings.parallelism()))
                .orElse("no rows to sample");
      }
      TableCostSample.Measured m = perTable.orElse(null);
      PlanEstimate.Costs costs =
          new PlanEstimate.Costs(
              startup,
              warmUpEnd,
              checks,
              m == null ? 0 : m.setupSeconds() + m.readOnceSeconds(),
              m == null ? 0 : m.perTableSeconds(),
              m == null ? List.of() : m.emptyChunkSeconds(),
              m == null ? List.of() : m.loadedChunkSeconds(),
              m == null ? 1 : m.workers(),
              rows.map(ThroughputSample.Measured::workers).orElse(1.0),
              m == null ? 0 : m.pipelineSeconds(),
              m == null ? 0 : m.truncateSeconds(),
              m == null ? 0 : m.completeSeconds(),
              m == null || settings.verify() == null ? 0 : m.countSeconds(),
              bytesPerSecond,
              rows.map(ThroughputSample.Measured::indexSecondsPerByte).orElse(0.0),
              rows.map(ThroughputSample.Measured::rows).orElse(0L));
      PlanEstimate.Result r = PlanEstimate.of(costs, modelled);
      PlanEstimate.Parts p = r.parts();
      String basis =
          String.format(
              Locale.ROOT,
              "measured on these servers: startup %.1f s and the checks %.1f s as this plan took"
                  + " them; %s; %s; --parallelism %d",
              startup,
              checks,
              perTableBasis,
              rate,
              settings.parallelism());
      return new PlanReport.Estimate(
          r.seconds(),
          r.low(),
          r.high(),
          basis,
          throughput != null
              ? throughput
              : rows.map(ThroughputSample.Measured::rowsPerSecond).orElse(0.0),
          new PlanReport.Phases(
              p.startup(),
              p.checks(),
              p.bookkeeping(),
              p.copy(),
              p.indexes(),
              p.completion(),
              p.verification()),
          new PlanReport.Measured(
              m == null ? 0 : m.tables(),
              m == null ? 0 : PlanEstimate.mean(m.emptyChunkSeconds()),
              m == null ? 0 : PlanEstimate.mean(m.loadedChunkSeconds()),
              costs.workers(),
              costs.bulkWorkers(),
              settings.parallelism(),
              costs.perTable(),
              costs.complete(),
              costs.count(),
              rows.map(ThroughputSample.Measured::table).orElse(null),
              rows.map(ThroughputSample.Measured::rows).orElse(0L),
              bytesPerSecond,
              costs.indexSecondsPerByte()));
    }
  }
}
