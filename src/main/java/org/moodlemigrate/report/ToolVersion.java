package org.moodlemigrate.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The tool's version, from the build ({@code version.properties}, filtered by Maven). */
public final class ToolVersion {
  private static final String VERSION = load();

  private ToolVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in =
        ToolVersion.class.getResourceAsStream("/org/moodlemigrate/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
