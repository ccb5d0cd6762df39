package org.moodlemigrate.checks;

import java.sql.SQLException;
import java.util.List;
import org.moodlemigrate.report.Finding;

/** One pre-flight check: reads, never writes, and reports what it finds. */
public interface Check {
  /** A short name, for the log and for a check that fails itself. */
  String name();

  List<Finding> run(CheckContext ctx) throws SQLException;
}
