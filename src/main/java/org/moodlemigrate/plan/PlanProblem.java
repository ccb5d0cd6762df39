package org.moodlemigrate.plan;

/**
 * A reason not to start: something that would lose data or fail half-way if the run went on. Found
 * while planning, reported before anything is written.
 *
 * @param code a stable identifier, e.g. {@code missing-target-table}
 * @param table the source table concerned
 * @param column the column concerned, null when the problem is the whole table
 * @param message what is wrong, naming the objects
 * @param fix what the administrator can do about it
 */
public record PlanProblem(String code, String table, String column, String message, String fix) {
  @Override
  public String toString() {
    return message + (fix == null || fix.isEmpty() ? "" : " (" + fix + ")");
  }
}
