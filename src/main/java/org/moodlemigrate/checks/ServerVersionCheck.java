package org.moodlemigrate.checks;

import java.util.ArrayList;
import java.util.List;
import org.moodlemigrate.catalog.ServerInfo;
import org.moodlemigrate.report.Finding;

/**
 * Both servers' products and versions against what the tool supports: MySQL 5.7 and 8.x, MariaDB
 * 10.x and 11.x as source; PostgreSQL 12 or later as target (generated columns, {@code
 * pg_sequence}, {@code DROP DATABASE ... FORCE} in the tests). Older ones are refused; newer ones
 * than tested are allowed with a warning.
 */
final class ServerVersionCheck implements Check {
  @Override
  public String name() {
    return "server versions";
  }

  @Override
  public List<Finding> run(CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    ServerInfo source = ctx.sourceCatalog().server();
    ServerInfo target = ctx.targetCatalog().server();
    out.add(Finding.info("servers", "source is " + source + "; target is " + target));
    if (source.isMariaDb()) {
      if (source.major() < 10 || (source.major() == 10 && source.minor() < 2)) {
        out.add(
            Finding.error(
                "source-server-version",
                "the source runs " + source + "; MariaDB 10.2 or later is needed",
                "upgrade MariaDB (Moodle itself needs 10.2.29 since 3.9)"));
      } else if (source.major() > 11) {
        out.add(
            Finding.warning(
                "source-server-version",
                "the source runs "
                    + source
                    + ", newer than the MariaDB versions this tool is tested with (10.x, 11.x)",
                "rehearse first"));
      }
    } else if (source.major() < 5 || (source.major() == 5 && source.minor() < 7)) {
      out.add(
          Finding.error(
              "source-server-version",
              "the source runs " + source + "; MySQL 5.7 or later is needed",
              "upgrade MySQL to 5.7 or 8.x first"));
    } else if (source.major() > 8) {
      out.add(
          Finding.warning(
              "source-server-version",
              "the source runs "
                  + source
                  + ", newer than the MySQL versions this tool is tested with (5.7, 8.x)",
              "rehearse first"));
    }
    if (target.major() < 12) {
      out.add(
          Finding.error(
              "target-server-version",
              "the target runs " + target + "; PostgreSQL 12 or later is needed",
              "upgrade PostgreSQL"));
    }
    return out;
  }
}
