package org.moodlemigrate.report;

import java.util.Locale;

/** Byte counts as people read them: {@code 1.5 GB}. */
public final class Sizes {
  private Sizes() {}

  public static String format(long bytes) {
    String[] units = {"B", "KB", "MB", "GB", "TB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  }
}
