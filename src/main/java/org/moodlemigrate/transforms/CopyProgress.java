package org.moodlemigrate.transforms;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The copy's progress as this JVM sees it, for the live display: per table, the rows and COPY bytes
 * of the chunks committed, the chunks done and failed, and the rows of the attempts in flight
 * (which drop out again when an attempt rolls back, so the figures never count a row twice).
 *
 * <p>Per JVM, like {@link RunStop}: the direct runner's workers are this JVM's threads. On another
 * runner the workers' counts stay on the workers, and progress comes from the journal instead
 * ({@link org.moodlemigrate.journal.JournalProgress}).
 */
public final class CopyProgress {
  private static final Map<String, Table> TABLES = new ConcurrentHashMap<>();

  private CopyProgress() {}

  /** What one table has come to. */
  public record TableState(
      long rowsCommitted,
      long bytesCommitted,
      int chunksDone,
      int chunksFailed,
      long rowsInFlight,
      long bytesInFlight,
      int attemptsInFlight) {
    public long rows() {
      return rowsCommitted + rowsInFlight;
    }

    public long bytes() {
      return bytesCommitted + bytesInFlight;
    }
  }

  /** Forgets every count: a new copy pass starts. */
  public static void reset() {
    TABLES.clear();
  }

  static void chunkDone(String table, long rows, long bytes) {
    Table t = TABLES.computeIfAbsent(table, k -> new Table());
    t.rows.addAndGet(rows);
    t.bytes.addAndGet(bytes);
    t.done.incrementAndGet();
  }

  static void chunkFailed(String table) {
    TABLES.computeIfAbsent(table, k -> new Table()).failed.incrementAndGet();
  }

  /** Every table with a count, committed or in flight. */
  public static Map<String, TableState> snapshot() {
    Map<String, long[]> flight = new HashMap<>();
    for (ChunkWatch w : ChunkWatch.watched()) {
      if (w.table() != null) {
        long[] f = flight.computeIfAbsent(w.table(), k -> new long[3]);
        f[0] += w.rowsSent();
        f[1] += w.bytesSent();
        f[2]++;
      }
    }
    Map<String, TableState> out = new HashMap<>();
    TABLES.forEach(
        (name, t) -> {
          long[] f = flight.getOrDefault(name, new long[3]);
          out.put(
              name,
              new TableState(
                  t.rows.get(),
                  t.bytes.get(),
                  t.done.get(),
                  t.failed.get(),
                  f[0],
                  f[1],
                  (int) f[2]));
        });
    flight.forEach(
        (name, f) -> {
          if (!out.containsKey(name)) {
            out.put(name, new TableState(0, 0, 0, 0, f[0], f[1], (int) f[2]));
          }
        });
    return out;
  }

  private static final class Table {
    final AtomicLong rows = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final java.util.concurrent.atomic.AtomicInteger done =
        new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger failed =
        new java.util.concurrent.atomic.AtomicInteger();
  }
}
