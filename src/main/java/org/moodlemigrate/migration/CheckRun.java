package org.moodlemigrate.migration;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.moodlemigrate.connect.ConnectionFailedException;
import org.moodlemigrate.connect.ConnectionRole;
import org.moodlemigrate.connect.DataSources;
import org.moodlemigrate.connect.Endpoint;
import org.moodlemigrate.report.CheckReport;
import org.moodlemigrate.report.Finding;
import org.moodlemigrate.report.ReportWriter;
import org.moodlemigrate.settings.RunSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code check}: every pre-flight check, nothing written. A server that cannot be reached, or
 * refuses the login, is itself a finding ({@code source-connection}, {@code target-connection}),
 * and both sides are tried so one report names every problem it can; the exit status is then 4, as
 * in every other command, not 3: nothing could be checked.
 */
public final class CheckRun {
  private static final Logger LOG = LoggerFactory.getLogger(CheckRun.class);

  /**
   * @param report the findings
   * @param exitCode 0 when there is no error, 3 when there is, 4 when a server cannot be reached
   */
  public record Outcome(CheckReport report, int exitCode) {}

  private CheckRun() {}

  public static Outcome run(RunSettings settings) {
    List<Finding> findings = new ArrayList<>();
    HikariDataSource source = open(settings.source(), "source-connection", findings);
    HikariDataSource target = open(settings.target(), "target-connection", findings);
    try {
      if (source != null && target != null) {
        findings.addAll(Preflight.run(settings, source, target, true).findings());
      }
    } catch (SQLException e) {
      findings.add(
          Finding.error(
              "catalog", "cannot read the catalogs: " + e.getMessage(), "check the privileges"));
    } finally {
      if (source != null) {
        source.close();
      }
      if (target != null) {
        target.close();
      }
    }
    CheckReport report =
        CheckReport.of(
            settings.source().describe(),
            settings.target().describe(),
            settings.targetSchema(),
            findings);
    if (settings.report() != null) {
      try {
        ReportWriter.writeJson(report, settings.report());
      } catch (IOException e) {
        LOG.error("cannot write the report to {}: {}", settings.report(), e.getMessage());
      }
    }
    int exitCode =
        source == null || target == null
            ? ExitCodes.FATAL
            : report.errors() == 0 ? ExitCodes.OK : ExitCodes.REFUSED;
    return new Outcome(report, exitCode);
  }

  private static HikariDataSource open(Endpoint endpoint, String id, List<Finding> findings) {
    try {
      return DataSources.open(endpoint, ConnectionRole.ADMIN, 2);
    } catch (ConnectionFailedException e) {
      findings.add(
          Finding.error(
              id,
              "cannot connect to the " + e.side() + " " + endpoint.describe() + ": " + e.problem(),
              e.fix()));
      return null;
    }
  }
}
