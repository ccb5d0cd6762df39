package org.moodlemigrate.journal;

/**
 * A source table's row count and highest key at one moment, read in one consistent snapshot with
 * every other table's: noted when a run plans and when it ends, so that a site written to during
 * the copy is noticed.
 *
 * @param rows the exact row count
 * @param maxKey the highest value of the single integer key; null when the table has none or is
 *     empty
 */
public record SourceState(long rows, Long maxKey) {}
