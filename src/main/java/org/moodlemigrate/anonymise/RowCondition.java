package org.moodlemigrate.anonymise;

import java.io.Serializable;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * When a column rule applies to a row; a row for which a condition does not hold keeps its value.
 * Conditions read the source row (the values before any rule), so the rule for {@code username} and
 * the one for {@code password} both see the real username.
 */
sealed interface RowCondition extends Serializable {
  /** The column of the row the condition reads. */
  String column();

  boolean holds(Function<String, String> row, Set<String> keptAccounts);

  /** {@code when: {column: C, matches: [globs]}}: C matches one of the patterns, ignoring case. */
  record Matches(String column, Globs globs) implements RowCondition {
    @Override
    public boolean holds(Function<String, String> row, Set<String> keptAccounts) {
      return globs.matches(row.apply(column));
    }
  }

  /** {@code unless: {column: C, in: [values]}}: C is none of the values (exactly; NULL is none). */
  record NotIn(String column, Set<String> values) implements RowCondition {
    @Override
    public boolean holds(Function<String, String> row, Set<String> keptAccounts) {
      String v = row.apply(column);
      return v == null || !values.contains(v);
    }
  }

  /**
   * {@code unless-kept: true}: the row's {@code username} is not a kept account. Moodle stores
   * usernames in lower case; the comparison ignores case all the same.
   */
  record NotKept() implements RowCondition {
    static final String USERNAME = "username";

    @Override
    public String column() {
      return USERNAME;
    }

    @Override
    public boolean holds(Function<String, String> row, Set<String> keptAccounts) {
      return !isKept(row.apply(USERNAME), keptAccounts);
    }

    /** {@code keptAccounts} holds lower-case names. */
    static boolean isKept(String username, Set<String> keptAccounts) {
      return username != null && keptAccounts.contains(username.toLowerCase(Locale.ROOT));
    }
  }
}
