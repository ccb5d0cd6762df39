package org.moodlemigrate.plan;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which source tables a run takes, from {@code --include} and {@code --exclude}.
 *
 * <p>Each pattern is a Java regular expression that must match the <em>whole</em> table name, so
 * {@code --include mdl_user} takes {@code mdl_user} and not {@code mdl_user_preferences} (write
 * {@code 'mdl_user.*'} for both). With no {@code --include} every table is included; an exclude
 * always wins over an include.
 */
public final class TableSelector implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<Pattern> includes;
  private final List<Pattern> excludes;

  private TableSelector(List<Pattern> includes, List<Pattern> excludes) {
    this.includes = List.copyOf(includes);
    this.excludes = List.copyOf(excludes);
  }

  /** Every table. */
  public static TableSelector all() {
    return new TableSelector(List.of(), List.of());
  }

  /**
   * @throws IllegalArgumentException naming the option and pattern when a pattern does not compile
   */
  public static TableSelector of(List<String> includes, List<String> excludes) {
    return new TableSelector(compile(includes, "--include"), compile(excludes, "--exclude"));
  }

  /** Why a table is not selected, or empty when it is. */
  public Optional<String> rejection(String table) {
    for (Pattern p : excludes) {
      if (p.matcher(table).matches()) {
        return Optional.of("excluded by --exclude '" + p.pattern() + "'");
      }
    }
    if (!includes.isEmpty() && includes.stream().noneMatch(p -> p.matcher(table).matches())) {
      return Optional.of("not matched by any --include");
    }
    return Optional.empty();
  }

  /** The {@code --include} patterns, as given. */
  public List<String> includes() {
    return includes.stream().map(Pattern::pattern).toList();
  }

  /** The {@code --exclude} patterns, as given. */
  public List<String> excludes() {
    return excludes.stream().map(Pattern::pattern).toList();
  }

  public boolean selects(String table) {
    return rejection(table).isEmpty();
  }

  private static List<Pattern> compile(List<String> patterns, String option) {
    if (patterns == null) {
      return List.of();
    }
    return patterns.stream()
        .map(
            p -> {
              try {
                return Pattern.compile(p);
              } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                    option
                        + " '"
                        + p
                        + "' is not a valid regular expression: "
                        + e.getDescription());
              }
            })
        .toList();
  }
}
