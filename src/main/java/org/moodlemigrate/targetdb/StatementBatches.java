package org.moodlemigrate.targetdb;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Groups names into multi-table statements ({@code TRUNCATE a, b, c}, {@code ANALYZE a, b, c}).
 *
 * <p>One statement per table would cost a round trip and a commit each, and Totara sites have
 * thousands of tables; one statement for all of them would take a lock per table and its indexes in
 * a single transaction and exhaust {@code max_locks_per_transaction}. Batches of {@value
 * #DEFAULT_SIZE} keep both small.
 */
public final class StatementBatches {
  public static final int DEFAULT_SIZE = 50;

  private StatementBatches() {}

  /** {@code prefix + name1, name2, ...} per batch of {@code size} quoted names. */
  public static List<String> of(String prefix, List<String> quotedNames, int size) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < quotedNames.size(); i += size) {
      out.add(
          prefix
              + quotedNames.subList(i, Math.min(i + size, quotedNames.size())).stream()
                  .collect(Collectors.joining(", ")));
    }
    return out;
  }
}
