package org.moodlemigrate.cli;

import org.moodlemigrate.report.ToolVersion;
import picocli.CommandLine;

/** {@code --version}: the tool's version and the Java runtime it runs on. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "moodle-migrate " + ToolVersion.get(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
