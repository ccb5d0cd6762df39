package org.moodlemigrate.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.moodlemigrate.report.RunReport;

class PhaseClockTest {
  private static final long S = 1_000_000_000L;

  @Test
  void everyInstantBelongsToOnePhaseAndAPhaseEnteredTwiceAccumulates() {
    AtomicLong now = new AtomicLong(100 * S);
    PhaseClock clock = new PhaseClock(now::get, 2 * S); // 2 s of JVM boot before the run
    now.addAndGet(S / 2); // connections and the lock
    clock.enter(PhaseClock.Phase.CHECKS);
    now.addAndGet(3 * S);
    clock.enter(PhaseClock.Phase.PREPARE);
    now.addAndGet(S);
    clock.enter(PhaseClock.Phase.COPY);
    now.addAndGet(20 * S);
    clock.enter(PhaseClock.Phase.INDEXES);
    now.addAndGet(4 * S);
    clock.enter(PhaseClock.Phase.COMPLETE);
    now.addAndGet(2 * S);
    clock.enter(PhaseClock.Phase.COPY); // created tables copied after the loaded ones
    now.addAndGet(5 * S);
    clock.enter(PhaseClock.Phase.VERIFY);
    now.addAndGet(S + S / 4);
    clock.enter(PhaseClock.Phase.DONE);
    now.addAndGet(60 * S); // after the end: counts nowhere

    RunReport.Phases p = clock.phases();
    assertEquals(new RunReport.Phases(2.5, 3, 1, 25, 4, 2, 0, 1.25), p);
    double sum =
        p.startup() + p.checks() + p.prepare() + p.copy() + p.indexes() + p.complete() + p.verify();
    assertEquals(38.75, sum, 1e-9);
  }

  @Test
  void thePhaseBeingTimedCountsUpToNow() {
    AtomicLong now = new AtomicLong(0);
    PhaseClock clock = new PhaseClock(now::get, 0);
    clock.enter(PhaseClock.Phase.COPY);
    now.addAndGet(7 * S + S / 100);
    assertEquals(7.01, clock.phases().copy(), 1e-9);
    now.addAndGet(S);
    assertEquals(8.01, clock.phases().copy(), 1e-9);
  }
}
