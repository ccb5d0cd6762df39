package org.moodlemigrate.progress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.moodlemigrate.transforms.CopyProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a copy pass's progress while it runs, from {@link CopyProgress}: on a terminal a live
 * display ({@link TerminalRenderer}), elsewhere log lines ({@link LogRenderer}: one per table
 * finished and an overall one now and then). Nothing at all with {@code --quiet}.
 */
public final class CopyDisplay implements ProgressDisplay {
  private static final Logger LOG = LoggerFactory.getLogger(CopyDisplay.class);

  /** What a renderer is shown, each tick. */
  interface Renderer {
    /** A tick: the totals and the tables being copied now. */
    void update(Overall overall, List<Active> active);

    /** A table whose every chunk has ended. */
    void finished(Finished table, Overall overall);

    /** The pass has ended: the last figures. */
    void close(Overall overall);
  }

  /** The pass as a whole. */
  record Overall(
      int tables,
      int tablesFinished,
      int tablesFailed,
      long rows,
      long rowsEstimate,
      long bytes,
      double seconds) {
    double rowsPerSecond() {
      return seconds > 0 ? rows / seconds : 0;
    }

    /** The expected total, never below what was already copied. */
    long rowsTotal() {
      return Math.max(rows, rowsEstimate);
    }
  }

  /** A table being copied. */
  record Active(String name, long rows, long rowsEstimate, int chunksDone, int chunks) {}

  /** A table whose chunks have all ended. */
  record Finished(String name, long rows, long bytes, int chunksFailed, double seconds) {}

  private final Map<String, TableTotal> tables = new LinkedHashMap<>();
  private final Map<String, Long> startedAt = new LinkedHashMap<>();
  private final Map<String, Boolean> reported = new LinkedHashMap<>();
  private final Renderer renderer;
  private final ScheduledExecutorService timer;
  private final long t0 = System.nanoTime();
  private final long rowsEstimate;

  private CopyDisplay(List<TableTotal> totals, Renderer renderer, long tickMillis) {
    totals.forEach(t -> tables.put(t.name(), t));
    this.rowsEstimate = totals.stream().mapToLong(TableTotal::rowsEstimate).sum();
    this.renderer = renderer;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "progress");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::tickQuietly, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts showing a pass over {@code totals}, the way {@link OutputMode} says; with {@code
   * --quiet} a display that shows nothing.
   */
  public static CopyDisplay start(List<TableTotal> totals) {
    CopyProgress.reset();
    Renderer renderer;
    long tick;
    if (OutputMode.live()) {
      renderer = new TerminalRenderer();
      tick = 500;
    } else if (LOG.isInfoEnabled()) {
      renderer = new LogRenderer(LoggerFactory.getLogger("org.moodlemigrate.progress"), 30);
      tick = 1000;
    } else {
      renderer = null;
      tick = 0;
    }
    return renderer == null ? new CopyDisplay() : new CopyDisplay(totals, renderer, tick);
  }

  /** Shows nothing ({@code --quiet}). */
  private CopyDisplay() {
    this.renderer = null;
    this.timer = null;
    this.rowsEstimate = 0;
  }

  private void tickQuietly() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.debug("progress display: {}", e.toString());
    }
  }

  private synchronized Overall tick() {
    Map<String, CopyProgress.TableState> now = CopyProgress.snapshot();
    long nanos = System.nanoTime();
    long rows = 0;
    long bytes = 0;
    int finished = 0;
    int failed = 0;
    List<Active> active = new ArrayList<>();
    List<Finished> newlyFinished = new ArrayList<>();
    for (TableTotal table : tables.values()) {
      CopyProgress.TableState s = now.get(table.name());
      if (s == null) {
        continue;
      }
      rows += s.rows();
      bytes += s.bytes();
      startedAt.putIfAbsent(table.name(), nanos);
      boolean ended = s.chunksDone() + s.chunksFailed() >= table.chunks();
      if (ended) {
        finished++;
        failed += s.chunksFailed() > 0 ? 1 : 0;
        if (reported.putIfAbsent(table.name(), Boolean.TRUE) == null) {
          newlyFinished.add(
              new Finished(
                  table.name(),
                  s.rowsCommitted(),
                  s.bytesCommitted(),
                  s.chunksFailed(),
                  (nanos - startedAt.get(table.name())) / 1e9));
        }
      } else if (s.attemptsInFlight() > 0 || s.chunksDone() > 0) {
        active.add(
            new Active(
                table.name(), s.rows(), table.rowsEstimate(), s.chunksDone(), table.chunks()));
      }
    }
    Overall overall =
        new Overall(tables.size(), finished, failed, rows, rowsEstimate, bytes, (nanos - t0) / 1e9);
    // Each line counts the tables finished up to it, not all of this tick's: a tick can see many
    // finish at once (the empty tables, copied together).
    int before = finished - newlyFinished.size();
    for (Finished f : newlyFinished) {
      before++;
      renderer.finished(
          f,
          new Overall(
              overall.tables(),
              before,
              overall.tablesFailed(),
              overall.rows(),
              overall.rowsEstimate(),
              overall.bytes(),
              overall.seconds()));
    }
    renderer.update(overall, active);
    return overall;
  }

  @Override
  public void close() {
    if (timer == null) {
      return;
    }
    timer.shutdownNow();
    try {
      timer.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    renderer.close(tick());
  }
}
