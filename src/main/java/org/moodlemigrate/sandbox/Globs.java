package org.moodlemigrate.sandbox;

import java.util.List;

/**
 * Shell-style globs ({@code *} any run of characters, {@code ?} one character, everything else
 * literal) as used by {@code --preserve} specs and the tables to empty, turned into the {@code
 * ILIKE} patterns the target matches them with, so that the matching happens in the catalog query.
 * Case-insensitive, as the anonymisation rules' globs ({@code anonymise/Globs}, matched in Java),
 * so that {@code *_APIKEY} and {@code *_apikey} mean the same.
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
}
