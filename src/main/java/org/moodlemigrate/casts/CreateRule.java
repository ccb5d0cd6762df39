package org.moodlemigrate.casts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Objects;
import org.moodlemigrate.catalog.PostgresType;
import org.moodlemigrate.catalog.SourceColumn;

/**
 * Which PostgreSQL type a column gets when its table is created from the source catalog (the
 * dynamic-table pass, and {@code --schema-mode create}).
 *
 * <p>The type is a template: {@code {length}} and {@code {scale}} are the source type's arguments
 * ({@code decimal(10,5)} → 10 and 5), {@code {fsp}} its fractional-seconds digits (0 when none),
 * {@code {enumLength}} the longest {@code enum} member and {@code {setLength}} the longest value a
 * {@code set} can hold. Values are then carried by the ordinary cast rules into the created type,
 * so both modes share one conversion path.
 *
 * @param id a stable name
 * @param description why this type
 * @param source predicates on the source column
 * @param type the PostgreSQL type template
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record CreateRule(String id, String description, CastRule.SourceMatch source, String type) {
  public CreateRule {
    Objects.requireNonNull(id, "a create rule without an id");
    Objects.requireNonNull(source, "create rule " + id + " has no 'source'");
    Objects.requireNonNull(type, "create rule " + id + " has no 'type'");
    description = description == null ? "" : description.strip();
  }

  boolean matches(SourceColumn column) {
    return source.matches(column);
  }

  /** The type for this column. */
  public PostgresType typeFor(SourceColumn column) {
    var t = column.type();
    int length = t.length() == null ? 0 : t.length();
    int scale = t.scale() == null ? 0 : t.scale();
    int enumLength =
        t.values().stream().mapToInt(v -> v.codePointCount(0, v.length())).max().orElse(1);
    int setLength =
        Math.max(
            1,
            t.values().stream().mapToInt(v -> v.codePointCount(0, v.length())).sum()
                + Math.max(0, t.values().size() - 1));
    String rendered =
        type.replace("{length}", Integer.toString(length))
            .replace("{scale}", Integer.toString(scale))
            .replace("{fsp}", Integer.toString(t.length() == null ? 0 : t.length()))
            .replace("{enumLength}", Integer.toString(Math.max(1, enumLength)))
            .replace("{setLength}", Integer.toString(setLength));
    return PostgresType.parse(rendered);
  }
}
