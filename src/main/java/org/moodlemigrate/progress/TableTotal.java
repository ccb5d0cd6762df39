package org.moodlemigrate.progress;

/**
 * What a table's copy is expected to come to, from the plan.
 *
 * @param name the source table
 * @param chunks its chunks to copy in this pass
 * @param rowsEstimate the rows those chunks are expected to hold (the server's statistics: may be
 *     off; the display grows its total when the copy passes it)
 */
public record TableTotal(String name, int chunks, long rowsEstimate) {}
