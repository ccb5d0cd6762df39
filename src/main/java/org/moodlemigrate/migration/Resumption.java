package org.moodlemigrate.migration;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.moodlemigrate.journal.Journal;
import org.moodlemigrate.journal.PlannedChunks;
import org.moodlemigrate.journal.RunRecord;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.settings.RunSettings;

/**
 * What {@code run --resume} continues: the latest run into the target schema, when it did not
 * finish. Exactly one of the three fields is set.
 *
 * <p>A run is continued under its own id, with its own chunks: the journal's chunk bounds, not a
 * new split, so that a chunk that is done is never copied again, even when the source has grown
 * since. It must be the same migration: the same source database and the same tables; anything else
 * is refused before a thing is written, because mixing two plans in one target is how rows get lost
 * or doubled.
 *
 * @param unfinished the run to continue
 * @param finished the latest run, which finished: nothing to do
 * @param refusal why there is nothing that can be resumed
 */
record Resumption(RunRecord unfinished, RunRecord finished, String refusal) {

  static Resumption find(Journal journal, RunSettings settings) throws SQLException {
    if (!journal.exists()) {
      return refused(
          "nothing to resume: the target has no journal (schema "
              + settings.journalSchema()
              + "); start the run without --resume");
    }
    journal.migrate(); // an older tool's journal gains the columns this one reads
    Optional<RunRecord> latest = journal.latestRun(settings.targetSchema());
    if (latest.isEmpty()) {
      return refused(
          "nothing to resume: the journal holds no run into schema "
              + settings.targetSchema()
              + "; start the run without --resume");
    }
    RunRecord run = latest.get();
    if (run.succeeded()) {
      return new Resumption(null, run, null);
    }
    if (!run.source().equals(settings.source().describe())) {
      return refused(
          "run "
              + run.runId()
              + " copied from "
              + run.source()
              + ", but this command names "
              + settings.source().describe()
              + "; resume with the same --source, or start a new run without --resume");
    }
    return new Resumption(run, null, null);
  }

  private static Resumption refused(String reason) {
    return new Resumption(null, null, reason);
  }

  /**
   * Why the resumed run's plan cannot continue the recorded one (other tables: different {@code
   * --include}/{@code --exclude}, or the source's tables changed); null when it can.
   */
  static String mismatch(PlannedChunks planned, List<TablePlan> copied) {
    Set<String> recorded = new TreeSet<>(planned.chunks().keySet());
    if (recorded.isEmpty()) {
      return "the run stopped before it recorded its tables, so nothing of it was copied; start a"
          + " new run without --resume";
    }
    Set<String> now = new TreeSet<>();
    copied.forEach(t -> now.add(t.name()));
    if (recorded.equals(now)) {
      return null;
    }
    Set<String> onlyRecorded = new TreeSet<>(recorded);
    onlyRecorded.removeAll(now);
    Set<String> onlyNow = new TreeSet<>(now);
    onlyNow.removeAll(recorded);
    return "the run being resumed copied other tables than this command would"
        + (onlyRecorded.isEmpty() ? "" : "; only the run: " + shortList(onlyRecorded))
        + (onlyNow.isEmpty() ? "" : "; only this command: " + shortList(onlyNow))
        + ". Resume with the run's own --include/--exclude options, or start a new run without"
        + " --resume";
  }

  private static String shortList(Set<String> names) {
    List<String> list = List.copyOf(names);
    return list.size() <= 5
        ? String.join(", ", list)
        : String.join(", ", list.subList(0, 5)) + " and " + (list.size() - 5) + " more";
  }
}
