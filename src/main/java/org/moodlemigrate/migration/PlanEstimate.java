package org.moodlemigrate.migration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The arithmetic of {@code plan}'s estimate, kept apart from the measuring so that it can be
 * tested: what the run's phases take, from costs measured on the servers ({@link TableCostSample},
 * {@link ThroughputSample}, the plan's own startup and checks) and the site's tables.
 *
 * <pre>
 * run = startup + checks + bookkeeping + copy + indexes + completion + verification
 *   startup      = as timed, + the wait for the copy pipeline's warm-up if it is not done by then
 *   bookkeeping  = journal setup + per-table bookkeeping × tables + truncate × tables holding rows
 *   copy         = pipeline start
 *                 + (Σ small tables: their kind's measured chunk cost (empty or loaded)
 *                    + Σ other tables: chunks × loaded chunk cost) ÷ workers
 *                 + Σ other tables' data bytes ÷ copy rate ÷ bulk workers
 *   indexes      = Σ tables whose indexes are rebuilt: their index bytes × build time per byte
 *                  × log(their rows) ÷ log(the sample's rows)   (a sort: n·log n)
 *                  ÷ bulk workers
 *   completion   = (sequence reset, owner, ANALYZE) per table × tables
 *   verification = counts per table (wall time, counted in parallel as the run does) × tables
 * </pre>
 *
 * <p>"workers" and "bulk workers" are the measured gains of the parallel workers, on small tables'
 * chunks and on rows, not {@code --parallelism}: on servers that share a few cores they are far
 * less; the bulk workers' gain is measured on chunks of their own spread over the biggest table,
 * and is below 1 when those copy slower together than the single sample did (rows out of the
 * servers' caches). An index is built by sorting its table's keys, n·log n comparisons for n rows:
 * the build time per byte measured on the sample's rows grows with the log of a bigger table's
 * rows. The likely range takes the chunk costs at their lower and upper quartile (chunk costs vary
 * from table to table and with the servers' load) and the rates measured on one sample at ±{@value
 * #RATE_MARGIN_PERCENT} %, and is never narrower than ±{@value #MIN_MARGIN_PERCENT} % (the servers'
 * load when the run comes is not the load when the plan measured).
 */
final class PlanEstimate {
  /** The uncertainty of a rate measured on one sample, in percent either way. */
  static final int RATE_MARGIN_PERCENT = 20;

  /** The narrowest range given, in percent either way. */
  static final int MIN_MARGIN_PERCENT = 10;

  private PlanEstimate() {}

  /**
   * What was measured; times in seconds.
   *
   * @param startup from the JVM's start to the plan read and chunked (a run does the same first)
   * @param warmUpEnd when, from the JVM's start, the copy pipeline's warm-up (started with the run,
   *     beside its first steps) was done: the copy cannot start before
   * @param checks the pre-flight checks, as a run runs them
   * @param setup the journal created and the run recorded, and the per-run catalog reads
   * @param perTable the driver's bookkeeping per table (journal entry, source state twice)
   * @param emptyChunks per chunk of an empty table, each sampled table once
   * @param loadedChunks per chunk of a small table with rows, each sampled table once
   * @param workers the measured gain of the parallel workers on small tables' chunks (1 to {@code
   *     --parallelism})
   * @param bulkWorkers their measured gain when copying rows (and building indexes)
   * @param pipeline the copy pipeline's own start and end, once per run
   * @param truncate emptying one table that holds rows
   * @param complete sequences, owner and ANALYZE of one table
   * @param count the verification's counts of one table, both sides; 0 when the run does not verify
   * @param bytesPerSecond the copy rate of one worker in source data bytes; 0 when not measured
   * @param indexSecondsPerByte building secondary indexes, per source index byte; 0 when not
   *     measured
   * @param indexSampleRows the rows the index build was measured on; 0 when unknown (then not
   *     scaled)
   */
  record Costs(
      double startup,
      double warmUpEnd,
      double checks,
      double setup,
      double perTable,
      List<Double> emptyChunks,
      List<Double> loadedChunks,
      double workers,
      double bulkWorkers,
      double pipeline,
      double truncate,
      double complete,
      double count,
      double bytesPerSecond,
      double indexSecondsPerByte,
      long indexSampleRows) {
    Costs {
      emptyChunks = List.copyOf(emptyChunks);
      loadedChunks = List.copyOf(loadedChunks);
    }
  }

  /**
   * One table the run copies.
   *
   * @param small one chunk and little data: its measured chunk cost includes its rows
   * @param empty no rows in the source
   * @param chunks chunks it is copied in
   * @param dataBytes the source's data bytes
   * @param rebuiltIndexBytes the source's index bytes when its indexes are dropped and rebuilt, 0
   *     otherwise
   * @param holdsRows the target table holds rows that the run empties first
   * @param rows its rows; 0 when unknown (its index build then not scaled)
   */
  record Table(
      boolean small,
      boolean empty,
      int chunks,
      long dataBytes,
      long rebuiltIndexBytes,
      boolean holdsRows,
      long rows) {}

  /** The phases, in seconds. */
  record Parts(
      double startup,
      double checks,
      double bookkeeping,
      double copy,
      double indexes,
      double completion,
      double verification) {
    double total() {
      return startup + checks + bookkeeping + copy + indexes + completion + verification;
    }
  }

  /**
   * @param seconds the point estimate
   * @param low the likely range's lower end
   * @param high its upper end
   * @param parts the point estimate by phase
   */
  record Result(double seconds, double low, double high, Parts parts) {}

  static Result of(Costs costs, List<Table> tables) {
    double emptyMean = mean(orOther(costs.emptyChunks(), costs.loadedChunks()));
    double loadedMean = mean(orOther(costs.loadedChunks(), costs.emptyChunks()));
    Parts point = parts(costs, tables, emptyMean, loadedMean, 1);
    Parts low =
        parts(
            costs,
            tables,
            quantile(orOther(costs.emptyChunks(), costs.loadedChunks()), 0.25),
            quantile(orOther(costs.loadedChunks(), costs.emptyChunks()), 0.25),
            1 + RATE_MARGIN_PERCENT / 100.0);
    Parts high =
        parts(
            costs,
            tables,
            quantile(orOther(costs.emptyChunks(), costs.loadedChunks()), 0.75),
            quantile(orOther(costs.loadedChunks(), costs.emptyChunks()), 0.75),
            1 - RATE_MARGIN_PERCENT / 100.0);
    double seconds = point.total();
    double lowEnd = Math.min(low.total(), seconds * (1 - MIN_MARGIN_PERCENT / 100.0));
    double highEnd = Math.max(high.total(), seconds * (1 + MIN_MARGIN_PERCENT / 100.0));
    return new Result(seconds, lowEnd, highEnd, point);
  }

  /**
   * @param rateFactor the measured rates multiplied by this (above 1: faster)
   */
  private static Parts parts(
      Costs c, List<Table> tables, double emptyChunk, double loadedChunk, double rateFactor) {
    double workers = Math.max(1, c.workers());
    double bulkWorkers = c.bulkWorkers() > 0 ? c.bulkWorkers() : 1;
    double chunkWork = 0;
    double data = 0;
    double indexBytes = 0;
    int holdingRows = 0;
    for (Table t : tables) {
      if (t.small()) {
        chunkWork += t.empty() ? emptyChunk : loadedChunk;
      } else {
        chunkWork += Math.max(1, t.chunks()) * loadedChunk;
        if (c.bytesPerSecond() > 0) {
          data += t.dataBytes() / (c.bytesPerSecond() * rateFactor);
        }
      }
      indexBytes += t.rebuiltIndexBytes() * sortGrowth(t.rows(), c.indexSampleRows());
      if (t.holdsRows()) {
        holdingRows++;
      }
    }
    int n = tables.size();
    double bookkeeping = c.setup() + c.perTable() * n + c.truncate() * holdingRows;
    double warmUpWait = Math.max(0, c.warmUpEnd() - (c.startup() + c.checks() + bookkeeping));
    return new Parts(
        c.startup() + warmUpWait,
        c.checks(),
        bookkeeping,
        c.pipeline() + chunkWork / workers + data / bulkWorkers,
        indexBytes * c.indexSecondsPerByte() / rateFactor / bulkWorkers,
        c.complete() * n,
        c.count() * n);
  }

  /**
   * How much more a sort costs per item for {@code rows} items than for {@code sampleRows}:
   * log(rows) ÷ log(sampleRows); 1 when either is unknown or too small to have a logarithm.
   */
  static double sortGrowth(long rows, long sampleRows) {
    if (rows < 2 || sampleRows < 2) {
      return 1;
    }
    return Math.log(rows) / Math.log(sampleRows);
  }

  private static List<Double> orOther(List<Double> values, List<Double> other) {
    return values.isEmpty() ? other : values;
  }

  /** The mean; 0 for none. */
  static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }

  /** The q-quantile, interpolated between the nearest values; 0 for none. */
  static double quantile(List<Double> values, double q) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    double pos = q * (sorted.size() - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo);
  }
}
