package org.moodlemigrate.transforms;

import java.util.Arrays;

/**
 * The source side of one chunk's copy digest ({@link CopyDigest}), summed as the rows go by: how
 * many rows, and the sums (modulo 2^64) of the two halves of their MD5s, which do not depend on the
 * order the rows come in. Rows whose values the run changed on purpose are left out, and their keys
 * kept (up to {@value CopyDigest#MAX_EXCLUDED}) so the target leaves them out too; with more, or
 * without an integer key to name them by, the chunk cannot be digested.
 */
final class DigestSum {
  private long rows;
  private long sum;
  private long[] excluded = new long[16];
  private int excludedCount;
  private String unusable;

  /** Adds a row's hash. */
  void add(long hash) {
    rows++;
    sum += hash;
  }

  /** A value that has no canonical text: the chunk is not digested. */
  void cannotDigest(String why) {
    unusable = why;
  }

  /** Leaves out a row the run changed, by its key. */
  void exclude(long key) {
    if (excludedCount == CopyDigest.MAX_EXCLUDED) {
      unusable = "more than " + CopyDigest.MAX_EXCLUDED + " rows with values changed";
      return;
    }
    if (excludedCount == excluded.length) {
      excluded = Arrays.copyOf(excluded, excludedCount * 2);
    }
    excluded[excludedCount++] = key;
  }

  /** A changed row without an integer key to leave it out by. */
  void cannotExclude() {
    unusable = "values changed in a table without an integer key";
  }

  long rows() {
    return rows;
  }

  long sum() {
    return sum;
  }

  Long[] excluded() {
    Long[] out = new Long[excludedCount];
    for (int i = 0; i < excludedCount; i++) {
      out[i] = excluded[i];
    }
    return out;
  }

  /** Why this chunk cannot be digested; null when it can. */
  String unusable() {
    return unusable;
  }
}
