package org.moodlemigrate.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.moodlemigrate.catalog.SourceCatalog;
import org.moodlemigrate.catalog.TargetCatalog;
import org.moodlemigrate.catalog.mysql.MySqlCatalogReader;
import org.moodlemigrate.catalog.postgresql.PostgresCatalogReader;
import org.moodlemigrate.checks.CheckContext;
import org.moodlemigrate.checks.Checks;
import org.moodlemigrate.plan.MigrationPlan;
import org.moodlemigrate.plan.MigrationPlanner;
import org.moodlemigrate.report.Finding;
import org.moodlemigrate.settings.RunSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything before the first write, shared by {@code check}, {@code plan} and {@code run}: read
 * both catalogs, plan, and run the pre-flight checks. It only reads.
 *
 * @param source the source catalog
 * @param target the target catalog
 * @param plan the plan
 * @param findings what the checks found, errors first
 * @param masking the anonymisation rules laid over the plan ({@link SiteMasking#NONE} for none);
 *     their problems are the plan's
 */
public record Preflight(
    SourceCatalog source,
    TargetCatalog target,
    MigrationPlan plan,
    List<Finding> findings,
    SiteMasking masking) {
  private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);

  public boolean hasErrors() {
    return findings.stream().anyMatch(Finding::isError);
  }

  public List<Finding> errors() {
    return findings.stream().filter(Finding::isError).toList();
  }

  /**
   * @param allChecks run every check; false runs only the plan's own (what {@code --skip-checks}
   *     keeps)
   */
  public static Preflight run(
      RunSettings settings, DataSource sourceAdmin, DataSource targetAdmin, boolean allChecks)
      throws SQLException {
    SourceCatalog source;
    TargetCatalog target;
    try (Connection sc = sourceAdmin.getConnection();
        Connection tc = targetAdmin.getConnection()) {
      source = MySqlCatalogReader.read(sc, settings.source().database());
      target = PostgresCatalogReader.read(tc, settings.targetSchema());
    }
    LOG.info(
        "Source {} ({}): {} tables; target {} schema {} ({}): {} tables",
        settings.source().describe(),
        source.server(),
        source.tables().size(),
        settings.target().describe(),
        settings.targetSchema(),
        target.server(),
        target.tables().size());
    MigrationPlan plan =
        new MigrationPlanner(
                settings.castRules(),
                settings.selector(),
                settings.schemaMode(),
                settings.dropExisting())
            .plan(source, target);
    SiteMasking masking = SiteMasking.plan(settings.sandbox(), source, plan);
    plan = masking.applyTo(plan);
    CheckContext ctx = new CheckContext(settings, sourceAdmin, targetAdmin, source, target, plan);
    long t0 = System.nanoTime();
    List<Finding> findings = allChecks ? Checks.run(ctx) : Checks.planOnly(ctx);
    LOG.info(
        "Pre-flight checks: {} error(s), {} warning(s) in {} ms",
        findings.stream().filter(Finding::isError).count(),
        findings.stream()
            .filter(f -> f.severity() == org.moodlemigrate.report.Severity.WARNING)
            .count(),
        (System.nanoTime() - t0) / 1_000_000);
    return new Preflight(source, target, plan, findings, masking);
  }
}
