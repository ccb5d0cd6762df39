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
   * @param basis how it was estimated
   * @param rowsPerSecond the throughput used, per worker
   */
  public record Estimate(double seconds, String basis, double rowsPerSecond) {}

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
