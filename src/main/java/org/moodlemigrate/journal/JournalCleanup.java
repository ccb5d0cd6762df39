package org.moodlemigrate.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.moodlemigrate.sql.Identifiers;

/**
 * Removes the journal from the target after a successful cutover, so that nothing of the tool is
 * left in the site's database: its schema, with every table, sequence and the Flyway history in it,
 * goes in one {@code DROP SCHEMA ... CASCADE}.
 *
 * <p>It refuses when dropping would lose something: the latest run did not succeed (the journal is
 * what {@code run --resume} continues from), an index a run dropped was never built again (its
 * definition exists only in the journal), or the schema holds tables that are not the journal's (a
 * {@code --journal-schema} that names someone else's schema). {@code --force} drops anyway, except
 * for the last: the tool never drops tables it did not create.
 *
 * <p>Needs a pool of two connections: Flyway, which brings an older journal up to date before it is
 * read, holds one for its lock and works on the other.
 */
public final class JournalCleanup {
  /**
   * The journal's own tables, across every migration in {@code schemas/journal} ({@code
   * JournalTablesTest} fails when a migration creates one that is not listed).
   */
  static final Set<String> JOURNAL_TABLES =
      Set.of(
          "run",
          "run_table",
          "run_chunk",
          "run_index",
          "run_row_issue",
          "run_verification",
          "run_anonymised",
          "preserved_row",
          "verify_result",
          "flyway_schema_history");

  /**
   * @param refused whether it refused to drop the journal (false when it dropped it, and when there
   *     was none)
   * @param message what happened, or why nothing was
   */
  public record Result(boolean refused, String message) {}

  private JournalCleanup() {}

  public static Result run(
      DataSource target, String journalSchema, String targetSchema, boolean force)
      throws SQLException {
    Journal journal = new Journal(target, journalSchema);
    if (!journal.exists()) {
      return new Result(false, "no journal in schema " + journalSchema + ": nothing to remove");
    }
    List<String> foreign = foreignTables(target, journalSchema);
    if (!foreign.isEmpty()) {
      return new Result(
          true,
          "schema "
              + journalSchema
              + " holds tables that are not the journal's ("
              + String.join(", ", foreign)
              + "); nothing was dropped. Name the journal's schema with --journal-schema");
    }
    if (!force) {
      journal.migrate();
      Optional<RunRecord> latest = journal.latestRun(targetSchema);
      if (latest.isPresent() && !latest.get().succeeded()) {
        return new Result(
            true,
            "the latest run ("
                + latest.get().runId()
                + ") did not succeed (status "
                + latest.get().status()
                + "): the journal is what 'run --resume' continues from. Finish it, or use"
                + " --force");
      }
      int unbuilt = journal.unfinishedIndexes(targetSchema).size();
      if (unbuilt > 0) {
        return new Result(
            true,
            unbuilt
                + " index(es) dropped for a load were never built again, and their definitions are"
                + " only in the journal: run again (or --resume) to build them, or use --force");
      }
    }
    try (Connection c = target.getConnection();
        Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA " + Identifiers.postgres(journalSchema) + " CASCADE");
    }
    return new Result(false, "removed the journal schema " + journalSchema);
  }

  /** Tables and views in the schema that the journal did not create. */
  private static List<String> foreignTables(DataSource target, String schema) throws SQLException {
    List<String> out = new ArrayList<>();
    String sql =
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY 1";
    try (Connection c = target.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (!JOURNAL_TABLES.contains(rs.getString(1))) {
            out.add(rs.getString(1));
          }
        }
      }
    }
    return out;
  }
}
