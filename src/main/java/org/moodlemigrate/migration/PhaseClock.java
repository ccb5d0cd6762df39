package org.moodlemigrate.migration;

import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;
import org.moodlemigrate.report.RunReport;

/**
 * Times the phases of one run for the report's {@code phases}: each {@link #enter} closes the phase
 * being timed and starts the next, so every instant of the run belongs to exactly one phase and the
 * phases add up to the whole. A phase entered twice (a resumed run's checks, or the copy of created
 * tables after the loaded ones) accumulates.
 *
 * <p>Startup counts from the JVM's start, not from the run's: the launcher's JVM boot, class
 * loading and the first connections are part of what an operator waits for, and what {@code plan}
 * estimates as startup.
 */
final class PhaseClock {
  enum Phase {
    STARTUP,
    CHECKS,
    PREPARE,
    COPY,
    INDEXES,
    COMPLETE,
    SANDBOX,
    VERIFY,
    DONE
  }

  private final long[] nanos = new long[Phase.values().length];
  private final LongSupplier nanoTime;
  private Phase current = Phase.STARTUP;
  private long since;

  /** A clock in startup since the JVM started. */
  PhaseClock() {
    this(System::nanoTime, ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L);
  }

  /**
   * @param nanoTime the time source
   * @param startupSoFar the nanoseconds of startup before this clock was made
   */
  PhaseClock(LongSupplier nanoTime, long startupSoFar) {
    this.nanoTime = nanoTime;
    this.since = nanoTime.getAsLong();
    nanos[Phase.STARTUP.ordinal()] = Math.max(0, startupSoFar);
  }

  /** Ends the phase being timed and starts {@code next}. */
  synchronized void enter(Phase next) {
    long now = nanoTime.getAsLong();
    nanos[current.ordinal()] += now - since;
    current = next;
    since = now;
  }

  /** The seconds of each phase so far; the phase being timed counts up to now. */
  synchronized RunReport.Phases phases() {
    long[] n = nanos.clone();
    n[current.ordinal()] += nanoTime.getAsLong() - since;
    return new RunReport.Phases(
        seconds(n, Phase.STARTUP),
        seconds(n, Phase.CHECKS),
        seconds(n, Phase.PREPARE),
        seconds(n, Phase.COPY),
        seconds(n, Phase.INDEXES),
        seconds(n, Phase.COMPLETE),
        seconds(n, Phase.SANDBOX),
        seconds(n, Phase.VERIFY));
  }

  private static double seconds(long[] n, Phase p) {
    return Math.round(n[p.ordinal()] / 1e7) / 100.0;
  }
}
