package org.moodlemigrate.journal;

import java.time.Instant;

/**
 * A verification as the journal holds it.
 *
 * @param level {@code counts} or {@code checksums}
 * @param finishedAt when it ended
 * @param passed whether source and target agreed (differences the run reported count as agreed)
 * @param tablesChecked tables compared
 * @param tablesDiffering tables that differed
 * @param summary the first differences, for people
 */
public record VerificationRecord(
    String level,
    Instant finishedAt,
    boolean passed,
    int tablesChecked,
    int tablesDiffering,
    String summary) {}
