package org.moodlemigrate.anonymise;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one column of a table becomes in an anonymised copy: a rule kind with its options, and the
 * conditions that restrict it to some rows.
 *
 * <p>The kinds ({@link Kind}) are {@code keep}, {@code null}, {@code empty}, {@code fixed}, {@code
 * pseudonym}, {@code password}, {@code ip}, {@code date-shift} and {@code shuffle}; the shipped
 * file {@code transforms/moodle-anonymise.yaml} describes each. NULL stays NULL for every kind but
 * {@code fixed} and {@code password}; an empty string stays empty for {@code pseudonym} and {@code
 * ip} (an unset e-mail address is not a person).
 *
 * <p>A rule is data; {@link #bind} (or {@link #bindShuffle}) joins it to the keys and gives the
 * per-value function. Both are {@link Serializable} for Beam.
 */
public final class ColumnRule implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The rule kinds, by the name a rules file uses. */
  enum Kind {
    KEEP("keep"),
    NULL("null"),
    EMPTY("empty"),
    FIXED("fixed"),
    PSEUDONYM("pseudonym"),
    PASSWORD("password"),
    IP("ip"),
    DATE_SHIFT("date-shift"),
    SHUFFLE("shuffle");

    final String yamlName;

    Kind(String yamlName) {
      this.yamlName = yamlName;
    }

    static Kind named(String name) {
      for (Kind k : values()) {
        if (k.yamlName.equals(name)) {
          return k;
        }
      }
      return null;
    }

    static List<String> names() {
      return Arrays.stream(values()).map(k -> k.yamlName).collect(Collectors.toList());
    }
  }

  private final String column;
  private final Kind kind;
  private final boolean ifPresent;
  private final String domain;
  private final String formatPrefix;
  private final String formatSuffix;
  private final String fixedValue;
  private final long shiftSeconds;
  private final String shuffleKey;
  private final List<RowCondition> conditions;

  /**
   * @param column the column, lower case
   * @param format a pseudonym's format with one {@code {}}; null for other kinds
   */
  ColumnRule(
      String column,
      Kind kind,
      boolean ifPresent,
      String domain,
      String format,
      String fixedValue,
      long shiftSeconds,
      String shuffleKey,
      List<RowCondition> conditions) {
    this.column = Objects.requireNonNull(column, "column");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.ifPresent = ifPresent;
    this.domain = domain;
    if (format != null) {
      int at = format.indexOf("{}");
      if (at < 0 || format.indexOf("{}", at + 2) >= 0) {
        throw new IllegalArgumentException("a pseudonym format must hold '{}' exactly once");
      }
      this.formatPrefix = format.substring(0, at);
      this.formatSuffix = format.substring(at + 2);
    } else {
      this.formatPrefix = null;
      this.formatSuffix = null;
    }
    this.fixedValue = fixedValue;
    this.shiftSeconds = shiftSeconds;
    this.shuffleKey = shuffleKey;
    this.conditions = List.copyOf(conditions);
    if (kind == Kind.SHUFFLE && !this.conditions.isEmpty()) {
      throw new IllegalArgumentException(
          "shuffle takes no conditions: it permutes the values of all rows");
    }
  }

  /** The column the rule writes, lower case. */
  public String column() {
    return column;
  }

  /** The rule kind as a rules file names it: {@code pseudonym}, {@code date-shift} ... */
  public String kind() {
    return kind.yamlName;
  }

  /** Whether a table without the column is fine (a legacy column that newer Moodles dropped). */
  public boolean ifPresent() {
    return ifPresent;
  }

  /**
   * The other columns of the row the rule reads, lower case: the conditions' columns, {@code
   * username} for {@code password} (kept accounts), the key for {@code shuffle}. The caller must
   * make these available to {@link ValueRule#apply}'s row.
   */
  public List<String> conditionColumns() {
    List<String> columns = new ArrayList<>();
    for (RowCondition c : conditions) {
      if (!columns.contains(c.column())) {
        columns.add(c.column());
      }
    }
    if (kind == Kind.PASSWORD && !columns.contains(RowCondition.NotKept.USERNAME)) {
      columns.add(RowCondition.NotKept.USERNAME);
    }
    if (kind == Kind.SHUFFLE) {
      columns.add(shuffleKey);
    }
    return List.copyOf(columns);
  }

  /** Whether the rule needs a {@link ShufflePool}: bind it with {@link #bindShuffle}. */
  public boolean needsShuffle() {
    return kind == Kind.SHUFFLE;
  }

  /** A pseudonym's format as written ({@code user_{}}), else null; for checks of column lengths. */
  String format() {
    return formatPrefix == null ? null : formatPrefix + "{}" + formatSuffix;
  }

  /** A fixed rule's value, else null; for checks of column lengths. */
  String fixedValue() {
    return fixedValue;
  }

  /** The key column a shuffle rule's rows are identified by ({@code id} unless given). */
  String shuffleKey() {
    return shuffleKey;
  }

  /**
   * The per-value function of every kind but {@code shuffle}.
   *
   * @param keys the pseudonym secret and the kept password
   * @param keptAccounts usernames whose login survives (the file's {@code kept-accounts} or the
   *     operator's override)
   */
  public ValueRule bind(AnonymiseKeys keys, Set<String> keptAccounts) {
    Objects.requireNonNull(keys, "keys");
    if (kind == Kind.SHUFFLE) {
      throw new IllegalStateException(
          "the rule for column " + column + " is a shuffle: bind it with bindShuffle");
    }
    Set<String> kept =
        keptAccounts.stream()
            .map(name -> name.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    ValueRule rule =
        switch (kind) {
          case KEEP -> (value, row) -> value;
          case NULL -> (value, row) -> null;
          case EMPTY -> (value, row) -> value == null ? null : "";
          case FIXED -> new Fixed(fixedValue);
          case PSEUDONYM -> new Pseudonym(keys, domain, formatPrefix, formatSuffix);
          case PASSWORD -> new Password(keys, kept);
          case IP -> new Ip(keys);
          case DATE_SHIFT -> new Shift(shiftSeconds, column);
          case SHUFFLE -> throw new AssertionError();
        };
    return conditions.isEmpty() ? rule : new Conditional(rule, conditions, kept);
  }

  /** The per-value function of a {@code shuffle} rule: the value the pool gives the row's key. */
  public ValueRule bindShuffle(AnonymiseKeys keys, ShufflePool pool) {
    Objects.requireNonNull(keys, "keys");
    if (kind != Kind.SHUFFLE) {
      throw new IllegalStateException(
          "the rule for column " + column + " is " + kind.yamlName + ", not a shuffle: use bind");
    }
    if (!pool.column().equalsIgnoreCase(column) || !pool.keyColumn().equalsIgnoreCase(shuffleKey)) {
      throw new IllegalArgumentException(
          "the shuffle pool is for column "
              + pool.column()
              + " by "
              + pool.keyColumn()
              + ", the rule for column "
              + column
              + " by "
              + shuffleKey);
    }
    return new Shuffled(pool, shuffleKey);
  }

  @Override
  public String toString() {
    // no option values: a fixed value may be something the file's author considers private
    return "ColumnRule[" + column + ": " + kind.yamlName + (ifPresent ? ", if-present" : "") + "]";
  }

  private record Fixed(String text) implements ValueRule {
    @Override
    public String apply(String value, Function<String, String> row) {
      return text;
    }

    @Override
    public String toString() {
      return "Fixed[****]";
    }
  }

  private record Pseudonym(AnonymiseKeys keys, String domain, String prefix, String suffix)
      implements ValueRule {
    @Override
    public String apply(String value, Function<String, String> row) {
      if (value == null || value.isEmpty()) {
        return value;
      }
      return prefix + keys.pseudonym(domain, value) + suffix;
    }
  }

  private record Ip(AnonymiseKeys keys) implements ValueRule {
    @Override
    public String apply(String value, Function<String, String> row) {
      return value == null || value.isEmpty() ? value : IpReplacement.replace(keys, value);
    }
  }

  private record Shift(long seconds, String column) implements ValueRule {
    @Override
    public String apply(String value, Function<String, String> row) {
      return value == null ? null : DateShift.shift(value, seconds, column);
    }
  }

  /**
   * Kept accounts: the kept password's bcrypt hash (cached per username: cost 10 takes tens of
   * milliseconds), or their own password when none is configured. Everyone else: unusable.
   */
  private static final class Password implements ValueRule {
    private static final long serialVersionUID = 1L;
    private final AnonymiseKeys keys;
    private final Set<String> kept;
    private transient volatile Map<String, String> hashes;

    Password(AnonymiseKeys keys, Set<String> kept) {
      this.keys = keys;
      this.kept = kept;
    }

    @Override
    public String apply(String value, Function<String, String> row) {
      String username = row.apply(RowCondition.NotKept.USERNAME);
      if (!RowCondition.NotKept.isKept(username, kept)) {
        return MoodlePasswords.UNUSABLE;
      }
      if (!keys.hasKeptPassword()) {
        return value;
      }
      Map<String, String> cache = hashes;
      if (cache == null) {
        synchronized (this) {
          cache = hashes;
          if (cache == null) {
            cache = new ConcurrentHashMap<>();
            hashes = cache;
          }
        }
      }
      return cache.computeIfAbsent(username, name -> MoodlePasswords.keptHash(keys, name));
    }

    @Override
    public String toString() {
      return "Password[kept=" + kept + "]";
    }
  }

  private record Conditional(ValueRule rule, List<RowCondition> conditions, Set<String> kept)
      implements ValueRule {
    @Override
    public String apply(String value, Function<String, String> row) {
      for (RowCondition c : conditions) {
        if (!c.holds(row, kept)) {
          return value;
        }
      }
      return rule.apply(value, row);
    }
  }

  private record Shuffled(ShufflePool pool, String key) implements ValueRule {
    @Override
    public String apply(String value, Function<String, String> row) {
      if (value == null) {
        return null;
      }
      String k = row.apply(key);
      if (k == null) {
        throw new IllegalArgumentException("shuffle: a row has no value in its key column " + key);
      }
      long id;
      try {
        id = Long.parseLong(k.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "shuffle: the key column " + key + " of a row is not an integer");
      }
      return pool.valueFor(id);
    }
  }
}
