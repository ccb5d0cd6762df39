package org.moodlemigrate.connect;

/**
 * How many connections a run opens to each database, for a given {@code --parallelism}: the pools
 * are sized from here and the pre-flight checks compare the totals with the servers'
 * {@code max_connections}, so the two cannot drift apart (they once did, by the run lock's
 * session).
 *
 * <p>The copy opens {@code parallelism} connections to each side however many workers share it:
 * the runner runs {@code parallelism} copy workers in all (threads of this JVM on the direct
 * runner, subtasks spread over task managers on Flink), each copying one chunk at a time, and the
 * pools open a connection only when a chunk asks for one. The driver adds its own: on the target
 * an administration pool (catalogs, the journal, index rebuilds, the verification's target reads)
 * and the session that holds the run lock; on the source one connection for catalogs. The
 * verification at the end uses the copy's share once the copy's pools are closed.
 */
public final class ConnectionBudget {
  /** The session that holds the run lock in the target for the whole run. */
  public static final int RUN_LOCK = 1;

  /** The driver's own connections to the source: catalog reads and checks. */
  public static final int SOURCE_ADMIN = 1;

  private ConnectionBudget() {}

  /** The copy's connections to each side: one per chunk copied at once. */
  public static int copyPerSide(int parallelism) {
    return parallelism;
  }

  /** The driver's administration pool in the target: index rebuilds run this many at once. */
  public static int targetAdmin(int parallelism) {
    return Math.max(2, parallelism);
  }

  /** Every connection a run may hold to the target at once. */
  public static int target(int parallelism) {
    return copyPerSide(parallelism) + targetAdmin(parallelism) + RUN_LOCK;
  }

  /** Every connection a run may hold to the source at once. */
  public static int source(int parallelism) {
    return copyPerSide(parallelism) + SOURCE_ADMIN;
  }
}
