package org.moodlemigrate.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of the sandbox's own rows survive a refresh: {@code TABLE:KEYCOLUMN=GLOB[,GLOB...]}, for
 * example {@code config:name=smtphosts,noreplyaddress,*_apikey}.
 *
 * <p>A refresh replaces the sandbox's data with production's, but some rows are the sandbox's and
 * must stay: its outgoing mail server, its API keys for test accounts of external services, its own
 * {@code wwwroot}-dependent settings. The spec names the table without the Moodle prefix, the
 * column that identifies a row (its values must be unique among the matched rows, as {@code
 * config.name} is), and globs over that column's values ({@code *} any run of characters, {@code ?}
 * one character; case-insensitive). Those rows are read from the sandbox before the load ({@link
 * PreservedRows#read}) and written back after it ({@link PreservedRows#restore}).
 *
 * <p>A spec holds names only, never values, so it is safe to repeat in messages.
 */
public record PreserveSpec(String table, String keyColumn, List<String> globs) {

  /** The form of a spec, for messages. */
  public static final String FORM = "TABLE:KEYCOLUMN=GLOB[,GLOB...]";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
  private static final Pattern SPEC = Pattern.compile("\\s*([^:=]*):([^=]*)=(.*)", Pattern.DOTALL);

  public PreserveSpec {
    checkName(table, "table");
    checkName(keyColumn, "key column");
    globs = List.copyOf(globs);
    if (globs.isEmpty()) {
      throw new IllegalArgumentException("a preserve spec needs at least one glob");
    }
  }

  /**
   * Parses one spec.
   *
   * @throws PreserveSpecException naming the spec, what is wrong with it, and the expected form
   */
  public static PreserveSpec parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new PreserveSpecException(spec, "it is empty");
    }
    Matcher m = SPEC.matcher(spec);
    if (!m.matches()) {
      int colon = spec.indexOf(':');
      int equals = spec.indexOf('=');
      throw new PreserveSpecException(
          spec,
          colon < 0
              ? "it has no ':' after the table name"
              : equals >= 0 && equals < colon
                  ? "'=' comes before ':' (the table comes first)"
                  : "it has no '=' after the key column");
    }
    String table = m.group(1).trim();
    String keyColumn = m.group(2).trim();
    if (table.isEmpty()) {
      throw new PreserveSpecException(spec, "the table name is missing");
    }
    if (!NAME.matcher(table).matches()) {
      throw new PreserveSpecException(
          spec, "table '" + table + "' is not a table name (letters, digits, '_'; no prefix)");
    }
    if (keyColumn.isEmpty()) {
      throw new PreserveSpecException(spec, "the key column is missing");
    }
    if (!NAME.matcher(keyColumn).matches()) {
      throw new PreserveSpecException(
          spec, "key column '" + keyColumn + "' is not a column name (letters, digits, '_')");
    }
    List<String> globs = new ArrayList<>();
    String[] parts = m.group(3).split(",", -1);
    for (int i = 0; i < parts.length; i++) {
      String glob = parts[i].trim();
      if (glob.isEmpty()) {
        throw new PreserveSpecException(
            spec,
            parts.length == 1
                ? "it names no values after '='"
                : "value " + (i + 1) + " of " + parts.length + " is empty");
      }
      if (!globs.contains(glob)) {
        globs.add(glob);
      }
    }
    return new PreserveSpec(table.toLowerCase(), keyColumn.toLowerCase(), globs);
  }

  /** Parses each spec; the first bad one fails. */
  public static List<PreserveSpec> parseAll(List<String> specs) {
    return specs.stream().map(PreserveSpec::parse).toList();
  }

  /** The spec written back in its own syntax. */
  @Override
  public String toString() {
    return table + ":" + keyColumn + "=" + String.join(",", globs);
  }

  private static void checkName(String name, String what) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a " + what + " name: " + name);
    }
  }
}
