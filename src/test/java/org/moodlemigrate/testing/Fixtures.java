package org.moodlemigrate.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The real Moodle 4.5 fixtures in {@code ../shared/fixtures} (see the README there): a MariaDB dump
 * of a generated XS site, the PostgreSQL schema Moodle's installer makes, and pgloader's data-only
 * result.
 *
 * <p>The folder is the system property {@code mm.fixtures} (the pom sets it for integration tests)
 * when set (then only that), or else the first {@code shared/fixtures} found walking up from the
 * working directory, so that tests run from an IDE find it too. The files are not in this
 * repository; test classes that need them are marked {@link RequiresFixtures}, and are reported as
 * skipped where they are missing (failed under {@code CI=true}).
 */
public final class Fixtures {

  static final String PROPERTY = "mm.fixtures";
  private static final String MARIADB_DUMP = "moodle45_mariadb_xs.sql.gz";
  private static final String PG_SCHEMA = "moodle45_pg_schema.sql.gz";
  private static final String PGLOADER_DATA_ONLY = "moodle45_pg_pgloader_dataonly_xs.sql.gz";

  private Fixtures() {}

  /** {@code mysqldump} of the XS site on MariaDB 10.11: 494 tables, 12,165 rows. */
  public static Path mariadbDump() {
    return directory().resolve(MARIADB_DUMP);
  }

  /**
   * {@code pg_dump --schema-only} of Moodle's own PostgreSQL schema: 494 tables, 493 sequences,
   * 1,609 indexes.
   */
  public static Path pgSchema() {
    return directory().resolve(PG_SCHEMA);
  }

  /** {@code pg_dump} of the XS site loaded data-only by pgloader into that schema: 12,165 rows. */
  public static Path pgloaderDataOnly() {
    return directory().resolve(PGLOADER_DATA_ONLY);
  }

  /** The fixture files that are missing, empty when all three exist. */
  static List<String> missing() {
    return List.of(mariadbDump(), pgSchema(), pgloaderDataOnly()).stream()
        .filter(file -> !Files.isRegularFile(file))
        .map(Path::toString)
        .collect(Collectors.toList());
  }

  /** Why the fixtures are not there, where they were looked for, and how to point at them. */
  static String missingMessage(List<String> missing) {
    return "Moodle fixtures not found: missing "
        + missing
        + "; looked in "
        + candidates()
        + ". Put the fixture folder (shared/fixtures) beside the checkout, or set -D"
        + PROPERTY
        + "=<folder>.";
  }

  /**
   * The first candidate folder that exists, else the first candidate (so messages name a real
   * place).
   */
  static Path directory() {
    List<Path> candidates = candidates();
    return candidates.stream().filter(Files::isDirectory).findFirst().orElse(candidates.get(0));
  }

  private static List<Path> candidates() {
    List<Path> candidates = new ArrayList<>();
    String configured = System.getProperty(PROPERTY);
    if (configured != null && !configured.isBlank() && !configured.contains("${")) {
      candidates.add(Path.of(configured).toAbsolutePath().normalize());
      return candidates; // told where: look nowhere else
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      candidates.add(dir.resolve("shared").resolve("fixtures"));
    }
    return candidates;
  }
}
