package org.moodlemigrate.sandbox;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Shell-style globs ({@code *} any run of characters, {@code ?} one character, everything else
 * literal) as used by {@code --preserve} specs and the tables to empty, turned into what the
 * database or Java matches with. Matching is case-insensitive, as in the anonymisation rules, so
 * that {@code *_APIKEY} and {@code *_apikey} mean the same.
 */
final class Globs {

  private Globs() {}

  /**
   * The glob as a PostgreSQL {@code ILIKE} pattern with the default escape character {@code \}:
   * {@code *} becomes {@code %}, {@code ?} becomes {@code _}, and a literal {@code %}, {@code _} or
   * {@code \} is escaped, so that {@code *_apikey} does not match {@code xapikey}.
   */
  static String toLike(String glob) {
    StringBuilder like = new StringBuilder(glob.length() + 8);
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> like.append('%');
        case '?' -> like.append('_');
        case '%', '_', '\\' -> like.append('\\').append(c);
        default -> like.append(c);
      }
    }
    return like.toString();
  }

  /** The globs as {@code ILIKE} patterns, for {@code col ILIKE ANY (?::text[])}. */
  static String[] toLike(List<String> globs) {
    return globs.stream().map(Globs::toLike).toArray(String[]::new);
  }

  /** Whether the glob has a wildcard, i.e. may name more than one thing. */
  static boolean hasWildcard(String glob) {
    return glob.indexOf('*') >= 0 || glob.indexOf('?') >= 0;
  }

  /** The glob as a whole-string, case-insensitive Java pattern. */
  static Pattern toPattern(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
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
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  }
}
