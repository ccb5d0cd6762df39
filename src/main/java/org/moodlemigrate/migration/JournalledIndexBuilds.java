package org.moodlemigrate.migration;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.moodlemigrate.catalog.IndexDefinition;
import org.moodlemigrate.targetdb.IndexRebuild;
import org.moodlemigrate.transforms.UnrecordedOutcomes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds indexes in parallel for a run, each outcome recorded in the journal as it comes: the
 * indexes the prepare phase dropped (complete phase) and the keys and indexes of created tables
 * (dynamic-table pass) alike. An outcome the journal cannot record fails the run ({@link
 * UnrecordedOutcomes}): the journal is what tells the next run which index still needs building.
 */
final class JournalledIndexBuilds {
  private static final Logger LOG = LoggerFactory.getLogger(JournalledIndexBuilds.class);

  /** {@code maintenance_work_mem} of each index-building session. */
  private static final String INDEX_BUILD_MEMORY = "256MB";

  private JournalledIndexBuilds() {}

  /**
   * @param rows each table's estimated rows, by target table name: the biggest are built first
   */
  static List<IndexRebuild.Built> build(
      RunContext ctx, List<IndexDefinition> indexes, Map<String, Long> rows) {
    return IndexRebuild.build(
        ctx.targetAdmin(),
        indexes,
        rows,
        ctx.settings().parallelism(),
        INDEX_BUILD_MEMORY,
        result -> {
          try {
            ctx.journal().markIndex(ctx.runId(), result.index(), result.seconds(), result.error());
          } catch (SQLException e) {
            String message =
                "the journal could not record how building index "
                    + result.index().name()
                    + " went: "
                    + e.getMessage();
            LOG.error("{}", message);
            UnrecordedOutcomes.add(ctx.runId(), message);
          }
        });
  }
}
