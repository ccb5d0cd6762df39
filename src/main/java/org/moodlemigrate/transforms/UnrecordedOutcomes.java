package org.moodlemigrate.transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outcomes the journal could not record: a chunk failed, and writing its failure failed too (the
 * target went away). The chunk then shows as {@code pending}, which is true (nothing of it
 * committed) and what {@code run --resume} copies; but the run must not look as if nothing had
 * happened, so the driver takes these after the copy and puts them in the report, and the run
 * fails. Per JVM, keyed by run id; bounded (the first {@value #KEPT} are kept, all are counted).
 */
public final class UnrecordedOutcomes {
  static final int KEPT = 20;

  private static final Map<Long, List<String>> BY_RUN = new ConcurrentHashMap<>();
  private static final Map<Long, int[]> COUNTS = new ConcurrentHashMap<>();

  private UnrecordedOutcomes() {}

  /** Notes an outcome the journal could not record. */
  public static void add(long runId, String message) {
    int[] count = COUNTS.computeIfAbsent(runId, k -> new int[1]);
    List<String> kept = BY_RUN.computeIfAbsent(runId, k -> new ArrayList<>());
    synchronized (kept) {
      count[0]++;
      if (kept.size() < KEPT) {
        kept.add(message);
      }
    }
  }

  /** The run's unrecorded outcomes, with a last line counting those left out; forgets them. */
  public static List<String> take(long runId) {
    List<String> kept = BY_RUN.remove(runId);
    int[] count = COUNTS.remove(runId);
    if (kept == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(kept);
    if (count != null && count[0] > kept.size()) {
      out.add((count[0] - kept.size()) + " more outcomes could not be recorded in the journal");
    }
    return out;
  }
}
