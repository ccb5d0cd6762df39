package org.moodlemigrate.casts;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The converters that cast rules can name, by name.
 *
 * <p>Rules are data ({@code transforms/mysql-to-postgresql.yaml}); converters are code. This
 * registry is the boundary: a rule names a converter, and loading rules fails at start when a name
 * is unknown, rather than in the middle of a copy.
 */
public final class ValueConverters {
  private static final Map<String, Function<ColumnCast, ValueConverter>> FACTORIES =
      Map.of(
          "integer", IntegerConverter::new,
          "boolean", BooleanConverter::new,
          "decimal", DecimalConverter::new,
          "float", FloatConverter::new,
          "text", TextConverter::new,
          "bytea", ByteaConverter::new,
          "temporal", TemporalConverter::new,
          "bit", BitConverter::new);

  private ValueConverters() {}

  public static boolean exists(String name) {
    return FACTORIES.containsKey(name);
  }

  public static Set<String> names() {
    return new TreeSet<>(FACTORIES.keySet());
  }

  static ValueConverter create(ColumnCast cast) {
    Function<ColumnCast, ValueConverter> factory = FACTORIES.get(cast.converter());
    if (factory == null) {
      throw new IllegalStateException("no converter named '" + cast.converter() + "'");
    }
    return factory.apply(cast);
  }
}
