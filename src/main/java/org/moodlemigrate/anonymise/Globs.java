package org.moodlemigrate.anonymise;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Shell-style patterns, as rules files write table names and setting names: {@code *} is any run of
 * characters (also none), {@code ?} is one character, everything else is itself. Matching ignores
 * case, because Moodle's names are lower case but people write {@code smtpPass}.
 */
final class Globs implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> globs;
  private transient volatile Pattern pattern;

  private Globs(List<String> globs) {
    this.globs = List.copyOf(globs);
  }

  static Globs of(List<String> globs) {
    if (globs.isEmpty()) {
      throw new IllegalArgumentException("no patterns");
    }
    return new Globs(globs);
  }

  static Globs of(String glob) {
    return of(List.of(glob));
  }

  List<String> globs() {
    return globs;
  }

  /** Whether {@code name} matches one of the patterns; null matches none. */
  boolean matches(String name) {
    return name != null && pattern().matcher(name).matches();
  }

  private Pattern pattern() {
    Pattern p = pattern;
    if (p == null) {
      StringBuilder regex = new StringBuilder();
      for (String glob : globs) {
        if (regex.length() > 0) {
          regex.append('|');
        }
        regex.append("(?:").append(toRegex(glob)).append(')');
      }
      p = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      pattern = p;
    }
    return p;
  }

  private static String toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*' || c == '?') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return regex.toString();
  }

  /** Whether a name is a pattern rather than one exact name. */
  static boolean isPattern(String glob) {
    return glob.indexOf('*') >= 0 || glob.indexOf('?') >= 0;
  }

  static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return globs.toString();
  }
}
