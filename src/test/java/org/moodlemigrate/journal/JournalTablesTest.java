package org.moodlemigrate.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code cleanup} drops the journal's schema only when it holds nothing but the journal's tables:
 * every table a migration in {@code schemas/journal} creates must be in {@link
 * JournalCleanup#JOURNAL_TABLES}, or {@code cleanup} refuses after the first run that made it
 * (which is how a new migration's tables once slipped through: CI's docs test caught it).
 */
class JournalTablesTest {
  private static final Pattern CREATE =
      Pattern.compile(
          "CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)", Pattern.CASE_INSENSITIVE);

  @Test
  void everyTableTheMigrationsCreateIsKnownToCleanup() throws IOException {
    Set<String> created = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("schemas", "journal"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
        Matcher m = CREATE.matcher(Files.readString(f));
        while (m.find()) {
          created.add(m.group(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    assertTrue(created.size() >= 8, "tables found in schemas/journal: " + created);
    Set<String> known = new TreeSet<>(JournalCleanup.JOURNAL_TABLES);
    known.remove("flyway_schema_history");
    assertEquals(created, known);
  }
}
