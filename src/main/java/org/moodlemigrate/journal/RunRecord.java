package org.moodlemigrate.journal;

import java.time.Instant;

/**
 * A run as the journal holds it.
 *
 * @param runId the run's id
 * @param status {@code running}, {@code succeeded}, {@code succeeded-with-rejects} or {@code
 *     failed}
 * @param startedAt when it started
 * @param finishedAt when it last ended; null while running (or when it was killed)
 * @param toolVersion the version of the tool that started it
 * @param source the source, as {@code host:port/database} (never a password)
 * @param targetSchema the Moodle schema it loaded
 * @param resumes how many times it was resumed
 */
public record RunRecord(
    long runId,
    String status,
    Instant startedAt,
    Instant finishedAt,
    String toolVersion,
    String source,
    String targetSchema,
    int resumes) {

  /** Whether the run got to its end with every table copied. */
  public boolean succeeded() {
    return status.equals("succeeded") || status.equals("succeeded-with-rejects");
  }
}
