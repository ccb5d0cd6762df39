package org.moodlemigrate.progress;

import java.util.Locale;

/** The words and numbers progress is told in, the same on a terminal and in a log. */
final class ProgressLine {
  private ProgressLine() {}

  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%,.1f MB", bytes / 1_048_576.0);
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String seconds(double s) {
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%d h %02d min", (long) s / 3600, ((long) s % 3600) / 60);
    }
    if (s >= 60) {
      return String.format(Locale.ROOT, "%d min %02d s", (long) s / 60, (long) s % 60);
    }
    return String.format(Locale.ROOT, "%.1f s", s);
  }

  /** Seconds left at the rate so far; negative when it cannot be told yet. */
  static double secondsLeft(long done, long total, double elapsed) {
    if (done <= 0 || elapsed <= 0 || total <= done) {
      return done >= total && done > 0 ? 0 : -1;
    }
    return (total - done) / (done / elapsed);
  }
}
