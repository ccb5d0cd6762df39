package org.moodlemigrate.checks;

import javax.sql.DataSource;
import org.moodlemigrate.catalog.SourceCatalog;
import org.moodlemigrate.catalog.TargetCatalog;
import org.moodlemigrate.plan.MigrationPlan;
import org.moodlemigrate.settings.RunSettings;

/**
 * What the checks look at: the settings, both catalogs, the plan, and read access to both sides.
 * Checks only read; nothing in a check may write to either server.
 *
 * @param settings the run's settings
 * @param source the driver's read-only pool on the source
 * @param target the driver's pool on the target, used for reading only
 * @param sourceCatalog the source catalog
 * @param targetCatalog the target catalog
 * @param plan the plan
 */
public record CheckContext(
    RunSettings settings,
    DataSource source,
    DataSource target,
    SourceCatalog sourceCatalog,
    TargetCatalog targetCatalog,
    MigrationPlan plan) {}
