package org.moodlemigrate.casts;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The converters that cast rules can name, by name.
 *
 * <p>Rules are data ({@code transforms/mysql-to-postgresql.yaml}); converters are code. This
 * registry is the boundary: a rule names a converter, and loading rules fails at start when a name
 * is unknown, rather than in the middle of a copy.
 */
public final class ValueConverters {
  /** Builds a column's converter for a chunk. */
  @FunctionalInterface
  interface Factory {
    ValueConverter create(ColumnCast cast, ValuePolicy policy, ValueNotes notes);
  }

  private static final Map<String, Factory> FACTORIES =
      Map.of(
          "integer", (cast, policy, notes) -> new IntegerConverter(cast),
          "boolean", (cast, policy, notes) -> new BooleanConverter(cast),
          "decimal", (cast, policy, notes) -> new DecimalConverter(cast),
          "float", (cast, policy, notes) -> new FloatConverter(cast),
          "text", TextConverter::new,
          "bytea", (cast, policy, notes) -> new ByteaConverter(cast),
          "temporal", TemporalConverter::new,
          "bit", (cast, policy, notes) -> new BitConverter(cast));

  private ValueConverters() {}

  public static boolean exists(String name) {
    return FACTORIES.containsKey(name);
  }

  public static Set<String> names() {
    return new TreeSet<>(FACTORIES.keySet());
  }

  static ValueConverter create(ColumnCast cast, ValuePolicy policy, ValueNotes notes) {
    Factory factory = FACTORIES.get(cast.converter());
    if (factory == null) {
      throw new IllegalStateException("no converter named '" + cast.converter() + "'");
    }
    return factory.create(cast, policy, notes);
  }
}
