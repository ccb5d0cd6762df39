package org.moodlemigrate.transforms;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the copy of a run to stop taking chunks: the run lock was lost to another process, or a
 * failure that every further chunk would meet too (the target's disk is full, it is out of shared
 * memory) has been seen. A chunk not yet started is then left as it is, {@code pending} in the
 * journal — not started, not failed — for {@code run --resume} to copy once the cause is fixed; a
 * chunk in flight is not committed.
 *
 * <p>Per JVM, keyed by run id. Workers in other JVMs (another runner) learn the same from the
 * journal: {@link org.moodlemigrate.journal.Journal#stopRun} marks the run {@code stopping}, which
 * every chunk's claim reads.
 */
public final class RunStop {
  private static final Map<Long, String> REASONS = new ConcurrentHashMap<>();
  private static final Map<Long, Boolean> INTERRUPTED = new ConcurrentHashMap<>();

  private RunStop() {}

  /**
   * Stops run {@code runId}'s copy for {@code reason}; the first reason stays.
   *
   * @return whether this call stopped it (false when it was stopping already)
   */
  public static boolean stop(long runId, String reason) {
    return REASONS.putIfAbsent(runId, reason) == null;
  }

  /**
   * Stops run {@code runId}'s copy because the operator asked (a signal): unlike a failure, the
   * chunks in flight are then aborted and left pending rather than recorded as failed, since
   * nothing was wrong with them.
   */
  public static void interrupt(long runId, String reason) {
    INTERRUPTED.put(runId, Boolean.TRUE);
    stop(runId, reason);
  }

  /** Whether run {@code runId}'s copy stops because the operator asked it to. */
  public static boolean interrupted(long runId) {
    return INTERRUPTED.containsKey(runId);
  }

  /** Why run {@code runId}'s copy stops; null while it goes on. */
  public static String reason(long runId) {
    return REASONS.get(runId);
  }

  /** Forgets run {@code runId} (its copy has ended). */
  public static void clear(long runId) {
    REASONS.remove(runId);
    INTERRUPTED.remove(runId);
  }
}
