package org.moodlemigrate.anonymise;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an anonymised copy does to each table, read from a rules file: the shipped {@code
 * transforms/moodle-anonymise.yaml} ({@link #shipped()}) or a user's copy of it ({@link #load}).
 *
 * <p>The file lists tables by their name without the prefix, or by a glob ({@code
 * report_builder_cache_*}), each in a group ({@code personal}, {@code secrets}, {@code messages},
 * {@code content}) the operator can switch off, with either {@code rows: none} (the table is
 * emptied in the target) or the rules of its columns. For a table, the first entry (in file order)
 * whose group is switched on and whose pattern matches wins; an entry of a switched-off group is as
 * if it were not there. A rule for a table the source does not have is not an error: the same file
 * serves Moodle versions and sites with different plugins.
 *
 * <p>Rules are data: to cover a plugin's table a user copies the shipped file, adds an entry and
 * passes the copy. Every problem in a file is reported with the file, the line and the reason.
 */
public final class AnonymisationRules {
  /** The shipped rules' class-path location. */
  public static final String SHIPPED_RESOURCE = "transforms/moodle-anonymise.yaml";

  /** The name that means the shipped rules in {@link #named}. */
  public static final String SHIPPED_NAME = "moodle";

  /** Groups that are off unless asked for: rewriting content changes what the site teaches. */
  public static final Set<String> OFF_BY_DEFAULT = Set.of("content");

  private final String origin;
  private final List<String> keptAccounts;
  private final List<RulesFileParser.Entry> entries;

  AnonymisationRules(
      String origin, List<String> keptAccounts, List<RulesFileParser.Entry> entries) {
    this.origin = origin;
    this.keptAccounts = List.copyOf(keptAccounts);
    this.entries = List.copyOf(entries);
  }

  /**
   * Reads a rules file.
   *
   * @throws AnonymisationRulesException naming the file, the line and the reason
   */
  public static AnonymisationRules load(Path file) {
    String origin = file.toString();
    try (InputStream in = Files.newInputStream(file)) {
      return RulesFileParser.parse(YamlNode.read(in, origin), origin);
    } catch (NoSuchFileException e) {
      throw new AnonymisationRulesException(origin, 0, "no such file");
    } catch (IOException e) {
      throw new AnonymisationRulesException(
          origin, 0, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** The rules shipped in the jar, {@value #SHIPPED_RESOURCE}. */
  public static AnonymisationRules shipped() {
    try (InputStream in =
        AnonymisationRules.class.getClassLoader().getResourceAsStream(SHIPPED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing shipped anonymisation rules " + SHIPPED_RESOURCE);
      }
      return RulesFileParser.parse(YamlNode.read(in, SHIPPED_RESOURCE), SHIPPED_RESOURCE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + SHIPPED_RESOURCE, e);
    }
  }

  /** {@value #SHIPPED_NAME} for the shipped rules, else the path of a rules file. */
  public static AnonymisationRules named(String spec) {
    Objects.requireNonNull(spec, "spec");
    return SHIPPED_NAME.equals(spec) ? shipped() : load(Path.of(spec));
  }

  /** Where the rules came from: the file, or the shipped resource. */
  public String origin() {
    return origin;
  }

  /** The file's {@code kept-accounts}, lower case: usernames whose login survives. */
  public List<String> keptAccounts() {
    return keptAccounts;
  }

  /** The groups the file uses, in the order they first appear. */
  public Set<String> groups() {
    Set<String> groups = new LinkedHashSet<>();
    for (RulesFileParser.Entry e : entries) {
      groups.add(e.rules().group());
    }
    return groups;
  }

  /** The groups the file uses but those {@linkplain #OFF_BY_DEFAULT off by default}. */
  public Set<String> defaultGroups() {
    Set<String> groups = groups();
    groups.removeAll(OFF_BY_DEFAULT);
    return groups;
  }

  /**
   * The rules for one source table: those of the first entry whose group is enabled and whose
   * pattern matches the name without the prefix (ignoring case); empty when none applies, also for
   * a table without the prefix (not Moodle's).
   *
   * @param prefix the site's table prefix ({@code mdl_})
   * @param tableName the source table's name, with the prefix
   * @param enabledGroups the groups switched on
   */
  public Optional<TableRules> forTable(String prefix, String tableName, Set<String> enabledGroups) {
    if (!tableName.startsWith(prefix)) {
      return Optional.empty();
    }
    String bare = tableName.substring(prefix.length());
    for (RulesFileParser.Entry e : entries) {
      if (enabledGroups.contains(e.rules().group()) && e.globs().matches(bare)) {
        return Optional.of(e.rules());
      }
    }
    return Optional.empty();
  }

  /** Every table entry in file order, for documentation and checks. */
  public List<TableRules> tables() {
    return entries.stream().map(RulesFileParser.Entry::rules).toList();
  }

  @Override
  public String toString() {
    return "AnonymisationRules[" + origin + ", " + entries.size() + " tables]";
  }
}
