package org.moodlemigrate.report;

import java.time.Instant;
import java.util.List;

/**
 * What {@code moodle-migrate status} shows: how far the latest run got, from the journal alone.
 *
 * @param runId the run's id
 * @param status {@code running} (or stopped without a word: killed; {@link #heldBy} tells), {@code
 *     stopping}, {@code succeeded}, {@code succeeded-with-rejects} or {@code failed}
 * @param startedAt when it started
 * @param finishedAt when it last ended; null when it is running or was killed
 * @param resumes how often it was resumed
 * @param source the source it copies
 * @param targetSchema the schema it loads
 * @param tables tables in the run
 * @param tablesDone tables with every chunk done
 * @param tablesFailed tables with a failed chunk
 * @param chunks chunks in the run
 * @param chunksDone chunks done
 * @param chunksFailed chunks failed
 * @param rowsWritten rows written by the done chunks
 * @param rowsRejected rows rejected
 * @param valuesChanged values changed under the value policy
 * @param failures the failed tables with their first error, at most ten
 * @param indexesUnbuilt indexes dropped for the load and not built again yet
 * @param verification the latest verification, or a line saying there was none
 * @param heldBy the process holding the target schema's run lock now (a run, a resume, a
 *     verification), as its lock session describes it; null when none does
 */
public record RunStatus(
    long runId,
    String status,
    Instant startedAt,
    Instant finishedAt,
    int resumes,
    String source,
    String targetSchema,
    int tables,
    int tablesDone,
    int tablesFailed,
    int chunks,
    int chunksDone,
    int chunksFailed,
    long rowsWritten,
    long rowsRejected,
    long valuesChanged,
    List<String> failures,
    int indexesUnbuilt,
    String verification,
    String heldBy) {}
