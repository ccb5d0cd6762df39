package org.moodlemigrate.migration;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.moodlemigrate.connect.ConnectionFailedException;
import org.moodlemigrate.connect.ConnectionRole;
import org.moodlemigrate.connect.DataSources;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.plan.TableMode;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.report.Finding;
import org.moodlemigrate.report.PlanReport;
import org.moodlemigrate.report.ReportWriter;
import org.moodlemigrate.report.Sizes;
import org.moodlemigrate.settings.RunSettings;
import org.moodlemigrate.sql.Identifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code plan}: what a run would do, table by table, and about how long it would take — without
 * doing it. Reads both catalogs, plans and chunks exactly as {@code run} would, counts rows when
 * asked, and estimates the duration from a given throughput or from a measured sample.
 *
 * <p>The estimate: copying goes at the sample's rate in the source's data bytes, per worker; extra
 * workers add half a worker each (the servers share their disks and CPUs); each table costs a few
 * milliseconds; secondary indexes rebuilt after the load go twice as fast per byte as the copy; a
 * run starts in about four seconds. A rehearsal's report gives the real figure.
 */
public final class PlanRun {
  private static final Logger LOG = LoggerFactory.getLogger(PlanRun.class);
  private static final double SECONDS_PER_TABLE = 0.004;
  private static final double STARTUP_SECONDS = 4;

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
        HikariDataSource target = DataSources.open(settings.target(), ConnectionRole.ADMIN, 1)) {
      Preflight preflight = Preflight.run(settings, source, target, false);
      List<TablePlan> copied =
          preflight.plan().tables().stream().filter(t -> t.mode() != TableMode.SKIP).toList();
      Map<String, List<Chunk>> chunks;
      try (Connection sc = source.getConnection()) {
        chunks =
            ChunkPlanning.chunks(sc, settings.source().database(), copied, settings.chunkRows());
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
          estimate(settings, preflight, tables, throughput, source, target);
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

  private static PlanReport.Estimate estimate(
      RunSettings settings,
      Preflight preflight,
      List<PlanReport.Table> tables,
      Double throughput,
      HikariDataSource source,
      HikariDataSource target)
      throws SQLException {
    List<PlanReport.Table> copied = tables.stream().filter(t -> !t.mode().equals("skip")).toList();
    int chunks = copied.stream().mapToInt(PlanReport.Table::chunks).sum();
    double workers = 1 + 0.5 * (Math.max(1, Math.min(settings.parallelism(), chunks)) - 1);
    double overhead = STARTUP_SECONDS + copied.size() * SECONDS_PER_TABLE;
    if (throughput != null) {
      long rows = copied.stream().mapToLong(PlanReport.Table::rows).sum();
      return new PlanReport.Estimate(
          overhead + rows / (throughput * workers),
          String.format(
              Locale.ROOT,
              "--throughput %.0f rows/s per worker, %d worker(s)",
              throughput,
              settings.parallelism()),
          throughput);
    }
    Optional<ThroughputSample.Measured> sample =
        ThroughputSample.measure(
            source, target, settings.source().database(), preflight.plan(), settings.copyDigest());
    if (sample.isEmpty() || sample.get().sourceBytesPerSecond() <= 0) {
      return new PlanReport.Estimate(overhead, "no rows to sample; per-table overhead only", 0);
    }
    ThroughputSample.Measured m = sample.get();
    long data = copied.stream().mapToLong(PlanReport.Table::dataBytes).sum();
    long rebuiltIndexes =
        copied.stream()
            .filter(t -> t.rows() >= settings.indexRebuildRows())
            .mapToLong(PlanReport.Table::indexBytes)
            .sum();
    double seconds =
        overhead
            + data / (m.sourceBytesPerSecond() * workers)
            + rebuiltIndexes / (2 * m.sourceBytesPerSecond());
    return new PlanReport.Estimate(
        seconds,
        String.format(
            Locale.ROOT,
            "a sample of %,d rows of %s copied in %.2f s (%,.0f rows/s, %s/s of source data) per"
                + " worker, %d worker(s)",
            m.rows(),
            m.table(),
            m.seconds(),
            m.rowsPerSecond(),
            Sizes.format((long) m.sourceBytesPerSecond()),
            settings.parallelism()),
        m.rowsPerSecond());
  }
}
