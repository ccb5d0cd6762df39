package org.moodlemigrate.sandbox;

/**
 * What one post-refresh action did, for the run report: the action's name (as in {@link
 * RefreshActions}: {@code empty-sessions}, {@code hook}, ...) and a short detail with counts and
 * names, never a preserved setting's value or a secret.
 */
public record ActionResult(String action, String detail) {

  @Override
  public String toString() {
    return action + ": " + detail;
  }
}
