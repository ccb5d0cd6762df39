package org.moodlemigrate.sandbox;


/**
 * A post-refresh action that failed; every action of the same {@link RefreshActions#apply} was
 * rolled back with it. The message names the action (and the hook file, for a hook) and the
 * database's reason, without quoted rows or values.
 */
public final class RefreshActionException extends SandboxSqlException {

  private static final long serialVersionUID = 1L;

  private final String action;

  RefreshActionException(String action, String message, String sqlState) {
    super(message, sqlState);
    this.action = action;
  }

  /** The action that failed, e.g. {@code hook} or {@code purge-caches}. */
  public String action() {
    return action;
  }
}
