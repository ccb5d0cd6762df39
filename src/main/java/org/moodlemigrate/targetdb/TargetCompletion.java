package org.moodlemigrate.targetdb;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.moodlemigrate.catalog.TargetTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The complete phase on the target: reset sequences, hand ownership to {@code --owner}, analyse.
 *
 * <p>Every step is idempotent, so a repeated or resumed run can do it again safely. Sequences are
 * reset one statement each (a failure names its sequence); ownership changes go a hundred to a
 * transaction; {@code ANALYZE} goes fifty tables to a statement.
 */
public final class TargetCompletion {
  private static final Logger LOG = LoggerFactory.getLogger(TargetCompletion.class);

  private TargetCompletion() {}

  /**
   * @param sequencesReset sequences repositioned
   * @param tablesAnalysed tables analysed
   * @param errors what failed, each naming its object
   */
  public record Result(int sequencesReset, int tablesAnalysed, List<String> errors) {}

  /** The errors of an index rebuild, as completion errors. */
  public static List<String> indexErrors(List<IndexRebuild.Built> built) {
    return built.stream()
        .filter(b -> b.error() != null)
        .map(
            b ->
                "cannot rebuild index "
                    + b.index().name()
                    + " of "
                    + b.index().table()
                    + ": "
                    + b.error()
                    + " (its definition is kept in the journal; the next run builds it)")
        .toList();
  }

  public static Result complete(
      Connection target,
      String schema,
      List<TargetTable> tables,
      Map<String, Long> autoIncrements,
      String owner)
      throws SQLException {
    List<String> errors = new ArrayList<>();
    int reset = 0;
    try (Statement st = target.createStatement()) {
      for (TargetStatements.SequenceReset r :
          TargetStatements.resetSequences(tables, autoIncrements)) {
        try {
          st.execute(r.sql());
          reset++;
        } catch (SQLException e) {
          errors.add(
              "cannot reset sequence "
                  + r.sequence().name()
                  + " of "
                  + r.table()
                  + "."
                  + r.column()
                  + ": "
                  + firstLine(e));
        }
      }
    }
    LOG.info("Reset {} sequences", reset);
    if (owner != null) {
      List<String> ownerErrors =
          StatementRunner.run(target, TargetStatements.changeOwner(schema, tables, owner), 100);
      ownerErrors.forEach(e -> errors.add("cannot change owner to " + owner + ": " + e));
      if (ownerErrors.isEmpty()) {
        LOG.info(
            "Schema {}, {} tables and their sequences now belong to {}",
            schema,
            tables.size(),
            owner);
      }
    }
    List<String> analyzeErrors = StatementRunner.run(target, TargetStatements.analyze(tables), 1);
    analyzeErrors.forEach(e -> errors.add("cannot analyse: " + e));
    int analysed = analyzeErrors.isEmpty() ? tables.size() : 0;
    LOG.info("Analysed {} tables", analysed);
    return new Result(reset, analysed, errors);
  }

  private static String firstLine(SQLException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
