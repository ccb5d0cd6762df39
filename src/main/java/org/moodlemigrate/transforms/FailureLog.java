package org.moodlemigrate.transforms;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each cause of chunk failures once. A full disk fails every chunk in flight with the same
 * message; 466 copies of {@code could not extend file … Hint: Check free disk space.} bury the one
 * line that matters. The first chunk a cause fails is logged in full; the next ones only at DEBUG,
 * and counted; {@link #summarise} logs the count per cause when the copy ends.
 *
 * <p>Per JVM, keyed by run id: on one machine it is the whole run's log; workers elsewhere log
 * their own first occurrences.
 */
public final class FailureLog {
  private static final Logger LOG = LoggerFactory.getLogger(FailureLog.class);

  private record Key(long runId, String cause) {}

  private static final Map<Key, int[]> SEEN = new ConcurrentHashMap<>();

  private FailureLog() {}

  /**
   * Logs a chunk's failure: in full the first time its cause is seen in this run, quietly after.
   *
   * @param cause the failure without what names the chunk, to tell causes apart
   * @param message the full message
   */
  static void failed(long runId, String chunk, String cause, String message) {
    int[] count = SEEN.computeIfAbsent(new Key(runId, cause), k -> new int[1]);
    int n;
    synchronized (count) {
      n = ++count[0];
    }
    if (n == 1) {
      LOG.warn("{}", message);
    } else {
      LOG.debug("{} failed for the same reason as before: {}", chunk, cause);
    }
  }

  /** Logs, once, how many more chunks each cause failed; forgets the run. */
  public static void summarise(long runId) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    SEEN.forEach(
        (key, count) -> {
          if (key.runId() == runId) {
            counts.put(key.cause(), count[0]);
          }
        });
    SEEN.keySet().removeIf(k -> k.runId() == runId);
    counts.forEach(
        (cause, n) -> {
          if (n > 1) {
            // The hint was in the first message; once is enough.
            LOG.warn(
                "{} more chunk(s) failed for the same reason: {}",
                n - 1,
                cause.replaceAll(" \\(hint: [^)]*\\)", ""));
          }
        });
  }
}
