package org.moodlemigrate.migration;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.moodlemigrate.journal.Journal;
import org.moodlemigrate.settings.RunSettings;
import org.moodlemigrate.transforms.ColumnMask;

/**
 * What every phase of a started run works with: its settings, the driver's connections to both
 * sides, and the journal with this run's id.
 *
 * @param settings the run's settings
 * @param sourceAdmin the driver's read-only pool on the source
 * @param targetAdmin the driver's pool on the target
 * @param journal the run journal
 * @param runId this run's id in the journal
 * @param copyDigest whether chunks are digested before they commit: asked for, and the target
 *     hashes as the tool does
 * @param masks each anonymised table's column masks, by source table; empty for a plain copy
 * @param emptied the tables the anonymisation rules empty, which copy no row
 */
record RunContext(
    RunSettings settings,
    DataSource sourceAdmin,
    DataSource targetAdmin,
    Journal journal,
    long runId,
    boolean copyDigest,
    Map<String, List<ColumnMask>> masks,
    java.util.Set<String> emptied) {
  RunContext {
    masks = Map.copyOf(masks);
    emptied = java.util.Set.copyOf(emptied);
  }
}
