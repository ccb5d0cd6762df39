package org.moodlemigrate.checks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Moodle or Totara site as its database describes it: the table prefix, {@code version} and
 * {@code release} from {@code <prefix>config}, Totara's own release when there is one, and each
 * plugin's version from {@code <prefix>config_plugins}.
 *
 * @param prefix the table prefix ({@code mdl_})
 * @param version Moodle's {@code $version} ({@code 2024100700.09})
 * @param release Moodle's {@code $release} ({@code 4.5+ (Build: 20241205)})
 * @param totaraRelease Totara's release, null for Moodle
 * @param plugins plugin versions by component
 */
public record MoodleSite(
    String prefix,
    String version,
    String release,
    String totaraRelease,
    Map<String, String> plugins) {
  private static final Pattern BRANCH = Pattern.compile("^(\\d+)\\.(\\d+)");

  /**
   * The table prefix: the {@code X} for which both {@code Xconfig} and {@code Xconfig_plugins}
   * exist. Moodle's default is {@code mdl_}; when several sites share a database, that prefix wins.
   */
  public static Optional<String> prefix(Set<String> tables) {
    if (tables.contains("mdl_config") && tables.contains("mdl_config_plugins")) {
      return Optional.of("mdl_");
    }
    return tables.stream()
        .filter(t -> t.endsWith("config_plugins"))
        .map(t -> t.substring(0, t.length() - "config_plugins".length()))
        .filter(p -> tables.contains(p + "config"))
        .sorted()
        .findFirst();
  }

  /** Reads the site over a connection; {@code quote} quotes a table name for that server. */
  static MoodleSite read(
      Connection c, String prefix, java.util.function.Function<String, String> quote)
      throws SQLException {
    Map<String, String> config = new TreeMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT name, value FROM "
                + quote.apply(prefix + "config")
                + " WHERE name IN ('version', 'release', 'totara_release')")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          config.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    Map<String, String> plugins = new TreeMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT plugin, value FROM "
                + quote.apply(prefix + "config_plugins")
                + " WHERE name = 'version'")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plugins.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return new MoodleSite(
        prefix,
        config.get("version"),
        config.get("release"),
        config.get("totara_release"),
        plugins);
  }

  boolean isTotara() {
    return totaraRelease != null;
  }

  /** The Moodle branch from the release ({@code 4.5+ (Build: ...)} → 4 and 5), or empty. */
  Optional<int[]> branch() {
    if (release == null) {
      return Optional.empty();
    }
    Matcher m = BRANCH.matcher(release.strip());
    return m.find()
        ? Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))})
        : Optional.empty();
  }

  String describe() {
    String moodle =
        "Moodle " + (release == null ? "(release unknown)" : release) + ", version " + version;
    return isTotara() ? "Totara " + totaraRelease + " (" + moodle + ")" : moodle;
  }
}
