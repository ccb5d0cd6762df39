package org.moodlemigrate.report;

import java.time.Instant;
import java.util.List;

/**
 * What {@code plan --report FILE.json} holds: per table what the run would do, totals, and an
 * estimate of how long it would take.
 *
 * @param tool always {@code moodle-migrate}
 * @param version the tool's version
 * @param plannedAt when the plan was made
 * @param source the source, without password
 * @param target the target, without password
 * @param targetSchema the target schema
 * @param tables one entry per source table
 * @param totals sums
 * @param estimate how long the run would take
 * @param findings reasons the run would be refused, if any
 */
public record PlanReport(
    String tool,
    String version,
    Instant plannedAt,
    String source,
    String target,
    String targetSchema,
    List<Table> tables,
    Totals totals,
    Estimate estimate,
    List<Finding> findings) {

  /**
   * @param name the source table
   * @param mode {@code load}, {@code create} or {@code skip}
   * @param reason why it is skipped; null otherwise
   * @param rows rows: the server's estimate, or counted with {@code --exact-counts}
   * @param exact whether {@code rows} was counted
   * @param dataBytes the source's data bytes
   * @param indexBytes the source's index bytes
   * @param chunks chunks it would be copied in
   */
  public record Table(
      String name,
      String mode,
      String reason,
      long rows,
      boolean exact,
      long dataBytes,
      long indexBytes,
      int chunks) {}

  /**
   * @param tables source tables
   * @param load tables to load
   * @param create tables to create
   * @param skip tables skipped
   * @param rows rows to copy
   * @param bytes data and index bytes to copy
   * @param chunks chunks
   */
  public record Totals(
      int tables, int load, int create, int skip, long rows, long bytes, int chunks) {}

  /**
   * @param seconds the estimated wall time of the run
   * @param low the likely range's lower end, in seconds
   * @param high the likely range's upper end, in seconds
   * @param basis how it was estimated, in words
   * @param rowsPerSecond the throughput used, per worker
   * @param phases the estimate by phase
   * @param measured what was measured on the servers; null when nothing could be
   */
  public record Estimate(
      double seconds,
      double low,
      double high,
      String basis,
      double rowsPerSecond,
      Phases phases,
      Measured measured) {}

  /**
   * The estimate by phase of the run, in seconds.
   *
   * @param startup the JVM started, connected, catalogs read, tables planned and chunked
   * @param checks the pre-flight checks
   * @param bookkeeping the journal created and filled, the source's state noted, tables emptied
   * @param copy the copy: every chunk's fixed cost and the data, over the parallel workers
   * @param indexes the secondary indexes of big tables built again after the load
   * @param completion sequences reset, ownership, ANALYZE
   * @param verification the end-of-run verification (counts)
   */
  public record Phases(
      double startup,
      double checks,
      double bookkeeping,
      double copy,
      double indexes,
      double completion,
      double verification) {}

  /**
   * What {@code plan} measured on the servers (times in seconds).
   *
   * @param tablesSampled tables whose per-table work was done for real on scratch copies
   * @param emptyChunkSeconds the mean cost of one empty table's chunk, one at a time
   * @param loadedChunkSeconds the mean cost of one small loaded table's chunk, one at a time
   * @param workers the measured gain of the parallel workers on small tables' chunks
   * @param bulkWorkers their measured gain when copying rows
   * @param parallelism {@code --parallelism}
   * @param perTableSeconds the driver's bookkeeping per table
   * @param completeSeconds sequence reset, ownership and ANALYZE per table
   * @param countSeconds the verification's counts per table (both sides)
   * @param sampleTable the table whose rows were sampled for the copy rate; null when none
   * @param sampleRows rows copied in that sample
   * @param bytesPerSecond the copy rate of one worker, in source data bytes
   * @param indexSecondsPerByte the index build time per source index byte; 0 when not measured
   */
  public record Measured(
      int tablesSampled,
      double emptyChunkSeconds,
      double loadedChunkSeconds,
      double workers,
      double bulkWorkers,
      int parallelism,
      double perTableSeconds,
      double completeSeconds,
      double countSeconds,
      String sampleTable,
      long sampleRows,
      double bytesPerSecond,
      double indexSecondsPerByte) {}

  public static PlanReport of(
      String source,
      String target,
      String schema,
      List<Table> tables,
      Estimate estimate,
      List<Finding> findings) {
    int load = (int) tables.stream().filter(t -> t.mode().equals("load")).count();
    int create = (int) tables.stream().filter(t -> t.mode().equals("create")).count();
    List<Table> copied = tables.stream().filter(t -> !t.mode().equals("skip")).toList();
    Totals totals =
        new Totals(
            tables.size(),
            load,
            create,
            tables.size() - load - create,
            copied.stream().mapToLong(Table::rows).sum(),
            copied.stream().mapToLong(t -> t.dataBytes() + t.indexBytes()).sum(),
            copied.stream().mapToInt(Table::chunks).sum());
    return new PlanReport(
        "moodle-migrate",
        ToolVersion.get(),
        Instant.now(),
        source,
        target,
        schema,
        tables,
        totals,
        estimate,
        findings);
  }
}
