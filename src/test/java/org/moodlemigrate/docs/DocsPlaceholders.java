package org.moodlemigrate.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The example values the docs use in shell blocks, and what the suite puts in their place: the one
 * list of them (docs/testing.md, <i>Commands in the docs</i>, shows the same).
 *
 * <p>"Run as written" holds modulo exactly these strings. After they are replaced, a block must not
 * hold {@code example.org} or {@code …} any more: a host or an elision the list does not know is an
 * error, so that every page uses the same few examples and none is silently run against a host that
 * does not exist.
 */
final class DocsPlaceholders {
  static final String SOURCE = "mysql://moodle@mysql.example.org:3306/moodle";
  static final String STAGING_SOURCE = "mysql://moodle@mysql-staging.example.org:3306/moodle";
  static final String TARGET = "postgresql://moodle@pg.example.org:5432/moodle";
  static final String STAGING_TARGET = "postgresql://moodle@pg-staging.example.org:5432/moodle";
  static final String OWNER = "--owner moodle";
  static final String SOURCE_PASSWORD = "MM_SOURCE_PASSWORD='…'";
  static final String TARGET_PASSWORD = "MM_TARGET_PASSWORD='…'";

  /** What must not be left in a block that runs. */
  static final List<String> LEFTOVERS = List.of("example.org", "…");

  private final Map<String, String> replacements = new LinkedHashMap<>();

  /**
   * @param sourceUri the test's source database (the demo site on MariaDB)
   * @param targetUri the test's target database (the demo site's installer schema on PostgreSQL)
   * @param owner the role the test created for {@code --owner}
   * @param sourcePassword the source server's password (empty for the local servers)
   * @param targetPassword the target server's password
   */
  DocsPlaceholders(
      String sourceUri,
      String targetUri,
      String owner,
      String sourcePassword,
      String targetPassword) {
    replacements.put(SOURCE, sourceUri);
    replacements.put(STAGING_SOURCE, sourceUri);
    replacements.put(TARGET, targetUri);
    replacements.put(STAGING_TARGET, targetUri);
    replacements.put(OWNER, "--owner " + owner);
    replacements.put(SOURCE_PASSWORD, "MM_SOURCE_PASSWORD=" + quoted(sourcePassword));
    replacements.put(TARGET_PASSWORD, "MM_TARGET_PASSWORD=" + quoted(targetPassword));
  }

  private static String quoted(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /** The block with every placeholder replaced. */
  String apply(String block) {
    String out = block;
    for (Map.Entry<String, String> e : replacements.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }

  /** The lines of a replaced block that still hold an unknown example; empty when none do. */
  static List<String> leftovers(String replaced) {
    List<String> found = new ArrayList<>();
    for (String line : replaced.split("\n")) {
      if (LEFTOVERS.stream().anyMatch(line::contains)) {
        found.add(line.strip());
      }
    }
    return found;
  }
}
