package org.moodlemigrate.casts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.moodlemigrate.catalog.PostgresType;
import org.moodlemigrate.catalog.SourceColumn;
import org.moodlemigrate.catalog.TargetColumn;

/**
 * The ordered list of cast rules in force for a run: the user's rules (from {@code --cast-rules
 * FILE}) first, then the built-in ones from {@code transforms/mysql-to-postgresql.yaml}. The first
 * rule that matches a column pair wins, as in pgloader, so a user rule overrides a built-in one by
 * matching first.
 */
public final class CastRuleSet {
  /** The built-in rules' class-path location. */
  public static final String DEFAULT_RESOURCE = "transforms/mysql-to-postgresql.yaml";

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** The file layout: value rules under {@code rules}, type rules under {@code create}. */
  record RuleFile(List<CastRule> rules, List<CreateRule> create) {
    RuleFile {
      rules = rules == null ? List.of() : rules;
      create = create == null ? List.of() : create;
    }
  }

  private final List<CastRule> rules;
  private final List<CreateRule> createRules;

  private CastRuleSet(RuleFile file) {
    this.rules = List.copyOf(file.rules());
    this.createRules = List.copyOf(file.create());
    Set<String> createIds = new HashSet<>();
    for (CreateRule rule : createRules) {
      if (!createIds.add(rule.id())) {
        throw new IllegalArgumentException("create rule id '" + rule.id() + "' is used twice");
      }
      try {
        PostgresType.parse(
            rule.type().replaceAll("\\{(length|scale|fsp|enumLength|setLength)}", "1"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("create rule '" + rule.id() + "': " + e.getMessage());
      }
    }
    Set<String> ids = new HashSet<>();
    for (CastRule rule : rules) {
      if (!ValueConverters.exists(rule.converter())) {
        throw new IllegalArgumentException(
            "cast rule '"
                + rule.id()
                + "' names converter '"
                + rule.converter()
                + "', which does not exist; known converters: "
                + ValueConverters.names());
      }
      if (!ids.add(rule.id())) {
        throw new IllegalArgumentException("cast rule id '" + rule.id() + "' is used twice");
      }
    }
  }

  /** The built-in rules only. */
  public static CastRuleSet defaults() {
    return new CastRuleSet(builtIn());
  }

  /** The user's rules from {@code file}, then the built-in ones (for both lists). */
  public static CastRuleSet withUserRules(Path file) {
    RuleFile user;
    try (InputStream in = Files.newInputStream(file)) {
      user = parse(in, file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read cast rules from " + file + ": " + e.getMessage());
    }
    RuleFile builtIn = builtIn();
    List<CastRule> rules = new ArrayList<>(user.rules());
    rules.addAll(builtIn.rules());
    List<CreateRule> create = new ArrayList<>(user.create());
    create.addAll(builtIn.create());
    return new CastRuleSet(new RuleFile(rules, create));
  }

  public List<CastRule> rules() {
    return rules;
  }

  public List<CreateRule> createRules() {
    return createRules;
  }

  /** The type a created column gets: the first matching create rule's, or empty. */
  public Optional<CreatedType> createType(SourceColumn source) {
    for (CreateRule rule : createRules) {
      if (rule.matches(source)) {
        return Optional.of(new CreatedType(rule.id(), rule.typeFor(source)));
      }
    }
    return Optional.empty();
  }

  /**
   * @param ruleId the create rule that chose it
   * @param type the PostgreSQL type
   */
  public record CreatedType(String ruleId, PostgresType type) {}

  /** The cast for a column pair: the first matching rule, or empty when none matches. */
  public Optional<ColumnCast> choose(SourceColumn source, TargetColumn target) {
    for (CastRule rule : rules) {
      if (rule.matches(source, target)) {
        return Optional.of(new ColumnCast(rule.id(), rule.converter(), source, target));
      }
    }
    return Optional.empty();
  }

  private static RuleFile builtIn() {
    try (InputStream in =
        CastRuleSet.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing built-in cast rules " + DEFAULT_RESOURCE);
      }
      return parse(in, DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
    }
  }

  static RuleFile parse(InputStream in, String origin) {
    try {
      RuleFile file = YAML.readValue(in, RuleFile.class);
      if (file == null || (file.rules().isEmpty() && file.create().isEmpty())) {
        throw new IllegalArgumentException(origin + " has neither a 'rules' nor a 'create' list");
      }
      return file;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cast rules in " + origin + " are not valid: " + rootMessage(e));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = e.getMessage() == null ? t.getMessage() : e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }
}
