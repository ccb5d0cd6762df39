package org.moodlemigrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic of plan's estimate, on made-up costs. */
class PlanEstimateTest {
  private static final double EPS = 1e-9;

  private static PlanEstimate.Costs costs(
      List<Double> empty, List<Double> loaded, double workers, double bytesPerSecond) {
    return new PlanEstimate.Costs(
        2.0, // startup
        0.0, // warm-up end
        3.0, // checks
        1.0, // setup
        0.01, // per table
        empty,
        loaded,
        workers,
        workers, // bulk workers
        0.0, // pipeline
        0.05, // truncate
        0.002, // complete
        0.004, // count
        bytesPerSecond,
        1e-6, // index seconds per byte
        0); // the index sample's rows: unknown, so builds are not scaled
  }

  private static PlanEstimate.Table emptyTable() {
    return new PlanEstimate.Table(true, true, 1, 16_384, 0, false, 0);
  }

  @Test
  void perTableCostsAreCountedForEveryTableByKind() {
    List<PlanEstimate.Table> tables = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      tables.add(emptyTable());
    }
    for (int i = 0; i < 10; i++) {
      tables.add(new PlanEstimate.Table(true, false, 1, 50_000, 0, true, 0));
    }
    PlanEstimate.Result r =
        PlanEstimate.of(costs(List.of(0.04, 0.04), List.of(0.06, 0.06), 2, 1e6), tables);
    PlanEstimate.Parts p = r.parts();
    assertEquals(2.0, p.startup(), EPS);
    assertEquals(3.0, p.checks(), EPS);
    // setup + per-table bookkeeping × 110 + a truncate for each of the 10 tables holding rows
    assertEquals(1.0 + 0.01 * 110 + 0.05 * 10, p.bookkeeping(), EPS);
    // small tables: their kind's chunk cost only (their own rows are in it), over 2 workers
    assertEquals((100 * 0.04 + 10 * 0.06) / 2, p.copy(), EPS);
    assertEquals(0, p.indexes(), EPS);
    assertEquals(0.002 * 110, p.completion(), EPS);
    assertEquals(0.004 * 110, p.verification(), EPS);
    assertEquals(p.total(), r.seconds(), EPS);
  }

  @Test
  void bigTablesAddTheirDataAtTheMeasuredRateAndTheirIndexRebuilds() {
    List<PlanEstimate.Table> tables =
        List.of(new PlanEstimate.Table(false, false, 4, 8_000_000, 2_000_000, false, 0));
    PlanEstimate.Result r =
        PlanEstimate.of(costs(List.of(0.04), List.of(0.1), 2, 1_000_000), tables);
    // 4 chunks' fixed cost + 8 MB at 1 MB/s, over 2 workers
    assertEquals((4 * 0.1 + 8.0) / 2, r.parts().copy(), EPS);
    // 2 MB of index at 1 µs per byte, over 2 workers
    assertEquals(2.0 / 2, r.parts().indexes(), EPS);
  }

  @Test
  void theRangeHoldsThePointAndIsAtLeastTheMinimumMarginWide() {
    List<PlanEstimate.Table> tables = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      tables.add(emptyTable());
    }
    tables.add(new PlanEstimate.Table(false, false, 1, 5_000_000, 0, false, 0));
    PlanEstimate.Result r =
        PlanEstimate.of(
            costs(List.of(0.02, 0.03, 0.04, 0.05, 0.30), List.of(0.05), 1.5, 1e6), tables);
    assertTrue(r.low() < r.seconds() && r.seconds() < r.high(), r.toString());
    assertTrue(r.low() <= r.seconds() * (1 - PlanEstimate.MIN_MARGIN_PERCENT / 100.0) + EPS);
    assertTrue(r.high() >= r.seconds() * (1 + PlanEstimate.MIN_MARGIN_PERCENT / 100.0) - EPS);
    // the lower end uses the quartile of the chunk costs and the faster rate
    double lowCopy =
        (500 * PlanEstimate.quantile(List.of(0.02, 0.03, 0.04, 0.05, 0.30), 0.25)
                + 0.05
                + 5.0 / 1.2)
            / 1.5;
    assertTrue(r.low() <= r.seconds() - r.parts().copy() + lowCopy + EPS, r.toString());
  }

  @Test
  void aKindNotSampledTakesTheOtherKindsCost() {
    List<PlanEstimate.Table> tables =
        List.of(emptyTable(), new PlanEstimate.Table(true, false, 1, 1000, 0, false, 0));
    PlanEstimate.Result r = PlanEstimate.of(costs(List.of(), List.of(0.08), 1, 0), tables);
    assertEquals(2 * 0.08, r.parts().copy(), EPS);
  }

  @Test
  void aPipelineWarmUpNotDoneByTheCopyStartIsWaitedFor() {
    PlanEstimate.Costs base = costs(List.of(0.1), List.of(0.1), 1, 0);
    PlanEstimate.Costs slowWarmUp =
        new PlanEstimate.Costs(
            base.startup(),
            10.0,
            base.checks(),
            base.setup(),
            base.perTable(),
            base.emptyChunks(),
            base.loadedChunks(),
            base.workers(),
            base.bulkWorkers(),
            base.pipeline(),
            base.truncate(),
            base.complete(),
            base.count(),
            base.bytesPerSecond(),
            base.indexSecondsPerByte(),
            base.indexSampleRows());
    PlanEstimate.Result r = PlanEstimate.of(slowWarmUp, List.of(emptyTable()));
    // startup 2 + checks 3 + bookkeeping 1.01: the copy waits until 10 s
    assertEquals(2.0 + (10.0 - (2.0 + 3.0 + 1.01)), r.parts().startup(), EPS);
    assertEquals(2.0, PlanEstimate.of(base, List.of(emptyTable())).parts().startup(), EPS);
  }

  @Test
  void workersBelowOneCountAsOne() {
    PlanEstimate.Result r =
        PlanEstimate.of(costs(List.of(0.1), List.of(0.1), 0.5, 0), List.of(emptyTable()));
    assertEquals(0.1, r.parts().copy(), EPS);
  }

  @Test
  void bulkWorkersBelowOneSlowTheRowsAsMeasured() {
    PlanEstimate.Costs c = costs(List.of(0.1), List.of(0.1), 0.5, 1_000_000);
    List<PlanEstimate.Table> tables =
        List.of(new PlanEstimate.Table(false, false, 1, 4_000_000, 0, false, 0));
    // the chunk's fixed cost over (at least) one worker, 4 MB at 1 MB/s over half a worker
    assertEquals(0.1 + 4.0 / 0.5, PlanEstimate.of(c, tables).parts().copy(), EPS);
  }

  @Test
  void anIndexBuildGrowsWithTheLogOfItsRowsBeyondTheSample() {
    PlanEstimate.Costs base = costs(List.of(0.04), List.of(0.1), 1, 1_000_000);
    PlanEstimate.Costs sampled =
        new PlanEstimate.Costs(
            base.startup(),
            base.warmUpEnd(),
            base.checks(),
            base.setup(),
            base.perTable(),
            base.emptyChunks(),
            base.loadedChunks(),
            base.workers(),
            base.bulkWorkers(),
            base.pipeline(),
            base.truncate(),
            base.complete(),
            base.count(),
            base.bytesPerSecond(),
            base.indexSecondsPerByte(),
            1_000);
    List<PlanEstimate.Table> tables =
        List.of(new PlanEstimate.Table(false, false, 4, 8_000_000, 2_000_000, false, 1_000_000));
    // 2 MB at 1 µs per byte, times log(10^6) / log(10^3) = 2
    assertEquals(4.0, PlanEstimate.of(sampled, tables).parts().indexes(), 1e-6);
    // unscaled without the sample's size, or without the table's rows
    assertEquals(2.0, PlanEstimate.of(base, tables).parts().indexes(), EPS);
    assertEquals(1.0, PlanEstimate.sortGrowth(0, 1_000), EPS);
    assertEquals(1.0, PlanEstimate.sortGrowth(1_000, 1), EPS);
  }

  @Test
  void theParallelRowSamplesAreSpreadAndAvoidTheMiddleChunk() {
    // 9 chunks, the single sample read chunk 4
    assertEquals(2, ThroughputSample.spreadChunk(0, 2, 9));
    assertEquals(6, ThroughputSample.spreadChunk(1, 2, 9));
    // 6 chunks, 4 workers: the third would land on the middle chunk 3
    assertEquals(
        List.of(0, 2, 4, 5),
        List.of(0, 1, 2, 3).stream().map(i -> ThroughputSample.spreadChunk(i, 4, 6)).toList());
    // no more chunks than workers: from the middle on, in turn
    assertEquals(1, ThroughputSample.spreadChunk(0, 2, 2));
    assertEquals(0, ThroughputSample.spreadChunk(1, 2, 2));
    assertEquals(0, ThroughputSample.spreadChunk(0, 2, 1));
    assertEquals(0, ThroughputSample.spreadChunk(1, 2, 1));
  }

  @Test
  void eachParallelWorkerCopiesItsOwnStretchOfTheTableWithoutTheMiddleChunk() {
    // 9 chunks, 2 workers: chunks 0-3 and 4-8, each from its spread chunk on; 4 was read alone
    assertEquals(List.of(2, 3, 0, 1), ThroughputSample.stretch(0, 2, 9));
    assertEquals(List.of(6, 7, 8, 5), ThroughputSample.stretch(1, 2, 9));
    // no more chunks than workers: the one chunk each
    assertEquals(List.of(1), ThroughputSample.stretch(0, 2, 2));
    assertEquals(List.of(0), ThroughputSample.stretch(0, 2, 1));
  }

  @Test
  void quantilesInterpolate() {
    assertEquals(2.5, PlanEstimate.quantile(List.of(4.0, 1.0, 3.0, 2.0), 0.5), EPS);
    assertEquals(1.75, PlanEstimate.quantile(List.of(1.0, 2.0, 3.0, 4.0), 0.25), EPS);
    assertEquals(0, PlanEstimate.quantile(List.of(), 0.75), EPS);
    assertEquals(2.5, PlanEstimate.mean(List.of(1.0, 4.0)), EPS);
  }

  @Test
  void spreadPicksEvenlyAcrossTheList() {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      all.add(i);
    }
    List<Integer> picked = TableCostSample.spread(all);
    assertEquals(TableCostSample.PER_KIND, picked.size());
    assertEquals(0, picked.get(0));
    assertEquals(4, picked.get(1));
    assertEquals(60, picked.get(picked.size() - 1));
    assertEquals(List.of(1, 2), TableCostSample.spread(List.of(1, 2)));
  }
}
