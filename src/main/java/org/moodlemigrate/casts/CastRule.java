package org.moodlemigrate.casts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.moodlemigrate.catalog.SourceColumn;
import org.moodlemigrate.catalog.TargetColumn;

/**
 * One cast rule: which source columns, into which target column types, carried by which converter.
 * Read from YAML; see {@code docs/cast-rules.md} for the reference of every rule.
 *
 * @param id a stable name, used in reports and tests
 * @param description why the rule does what it does
 * @param source predicates on the source column; all given ones must hold
 * @param target predicates on the target column
 * @param converter the {@link ValueConverters} name
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record CastRule(
    String id, String description, SourceMatch source, TargetMatch target, String converter) {

  public CastRule {
    Objects.requireNonNull(id, "a rule without an id");
    Objects.requireNonNull(source, "rule " + id + " has no 'source'");
    Objects.requireNonNull(target, "rule " + id + " has no 'target'");
    Objects.requireNonNull(converter, "rule " + id + " has no 'converter'");
    description = description == null ? "" : description.strip();
  }

  /**
   * @param types source base types ({@code DATA_TYPE}, lower case) the rule applies to
   * @param unsigned when given, the column's signedness must equal it
   * @param minLength when given, the first type argument (display width, length) must be at least
   *     this
   * @param maxLength when given, the first type argument must be at most this
   * @param charsets when given, the column's character set must be one of these
   */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record SourceMatch(
      List<String> types,
      Boolean unsigned,
      Integer minLength,
      Integer maxLength,
      List<String> charsets) {
    public SourceMatch {
      types = lower(types);
      charsets = charsets == null ? List.of() : lower(charsets);
    }

    boolean matches(SourceColumn column) {
      var type = column.type();
      if (!types.contains(type.name()) && !types.contains(column.dataType())) {
        return false;
      }
      if (unsigned != null && unsigned != type.unsigned()) {
        return false;
      }
      Integer length = type.length();
      if (minLength != null && (length == null || length < minLength)) {
        return false;
      }
      if (maxLength != null && (length == null || length > maxLength)) {
        return false;
      }
      return charsets.isEmpty()
          || (column.charset() != null
              && charsets.contains(column.charset().toLowerCase(Locale.ROOT)));
    }
  }

  /**
   * @param types canonical target base types ({@code smallint}, {@code varchar} ...)
   */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record TargetMatch(List<String> types) {
    public TargetMatch {
      types = lower(types);
    }

    boolean matches(TargetColumn column) {
      return types.contains("*") || types.contains(column.baseType());
    }
  }

  public boolean matches(SourceColumn source, TargetColumn target) {
    return this.source.matches(source) && this.target.matches(target);
  }

  private static List<String> lower(List<String> values) {
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException("a rule's 'types' list is missing or empty");
    }
    return values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).toList();
  }
}
