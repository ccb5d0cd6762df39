package org.moodlemigrate.migration;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.moodlemigrate.connect.ConnectionFailedException;
import org.moodlemigrate.connect.ConnectionRole;
import org.moodlemigrate.connect.DataSources;
import org.moodlemigrate.connect.Endpoint;
import org.moodlemigrate.journal.Journal;
import org.moodlemigrate.journal.RunLock;
import org.moodlemigrate.journal.RunRecord;
import org.moodlemigrate.journal.VerificationRecord;
import org.moodlemigrate.report.RunStatus;

/**
 * {@code status}: the latest run into a schema, read from the journal only (the source is not
 * needed, and nothing is written), so it can be watched from another terminal while a run goes on.
 */
public final class StatusRun {
  private static final int FAILURES_SHOWN = 10;

  /**
   * @param status the run's status; null when there is none to show
   * @param message why there is none
   * @param exitCode 0 the run succeeded; 1 it failed or did not finish; 3 no run; 4 unreachable
   */
  public record Outcome(RunStatus status, String message, int exitCode) {}

  private StatusRun() {}

  public static Outcome run(Endpoint target, String journalSchema, String targetSchema) {
    try (HikariDataSource pool = DataSources.open(target, ConnectionRole.ADMIN, 1)) {
      Journal journal = new Journal(pool, journalSchema);
      if (!journal.exists()) {
        return new Outcome(
            null, "no journal in schema " + journalSchema + ": no run has been recorded here", 3);
      }
      Optional<RunRecord> latest = journal.latestRun(targetSchema);
      if (latest.isEmpty()) {
        return new Outcome(null, "the journal holds no run into schema " + targetSchema, 3);
      }
      String heldBy;
      try (Connection c = pool.getConnection()) {
        heldBy = RunLock.currentHolder(c, targetSchema);
      }
      RunStatus status = status(journal, latest.get(), targetSchema, heldBy);
      return new Outcome(status, null, latest.get().succeeded() ? 0 : ExitCodes.FAILED);
    } catch (ConnectionFailedException e) {
      return new Outcome(null, e.getMessage(), ExitCodes.FATAL);
    } catch (SQLException e) {
      return new Outcome(null, "cannot read the journal: " + e.getMessage(), ExitCodes.FATAL);
    }
  }

  private static RunStatus status(
      Journal journal, RunRecord run, String targetSchema, String heldBy) throws SQLException {
    Map<String, int[]> byTable = new LinkedHashMap<>(); // chunks, done, failed
    Map<String, String> firstError = new LinkedHashMap<>();
    int chunks = 0;
    int done = 0;
    int failed = 0;
    long written = 0;
    long rejected = 0;
    long changed = 0;
    for (Journal.ChunkRecord c : journal.chunks(run.runId())) {
      int[] t = byTable.computeIfAbsent(c.table(), k -> new int[3]);
      t[0]++;
      chunks++;
      rejected += c.rowsRejected();
      if ("done".equals(c.status())) {
        t[1]++;
        done++;
        written += c.rowsWritten() == null ? 0 : c.rowsWritten();
        changed += c.valuesChanged();
      } else if ("failed".equals(c.status())) {
        t[2]++;
        failed++;
        firstError.putIfAbsent(c.table(), c.error());
      }
    }
    int tablesDone = (int) byTable.values().stream().filter(t -> t[1] == t[0]).count();
    List<String> failures = new ArrayList<>();
    firstError.forEach(
        (table, error) -> {
          if (failures.size() < FAILURES_SHOWN) {
            failures.add(table + ": " + error);
          }
        });
    Optional<VerificationRecord> v = journal.latestVerification(run.runId());
    String verification =
        v.map(
                r ->
                    r.level()
                        + " at "
                        + r.finishedAt()
                        + ": "
                        + (r.passed()
                            ? "passed, " + r.tablesChecked() + " tables"
                            : r.tablesDiffering()
                                + " of "
                                + r.tablesChecked()
                                + " tables differ"
                                + (r.summary() == null ? "" : " (" + r.summary() + ")")))
            .orElse("none recorded (run 'moodle-migrate verify')");
    return new RunStatus(
        run.runId(),
        run.status(),
        run.startedAt(),
        run.finishedAt(),
        run.resumes(),
        run.source(),
        run.targetSchema(),
        byTable.size(),
        tablesDone,
        firstError.size(),
        chunks,
        done,
        failed,
        written,
        rejected,
        changed,
        failures,
        journal.unfinishedIndexes(targetSchema).size(),
        verification,
        heldBy);
  }
}
