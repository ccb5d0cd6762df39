package org.moodlemigrate.catalog.postgresql;

import java.util.Map;

/**
 * Canonical names for PostgreSQL types, as the cast rules refer to them.
 *
 * <p>{@code pg_type.typname} uses internal names ({@code int2}, {@code bpchar}, {@code float8});
 * the rules use the names an administrator reads in {@code \d}: {@code smallint}, {@code char},
 * {@code double precision}. Enums and arrays get the generic names {@code enum} and {@code array}.
 */
public final class PostgresTypes {
  private static final Map<String, String> NAMES =
      Map.ofEntries(
          Map.entry("int2", "smallint"),
          Map.entry("int4", "integer"),
          Map.entry("int8", "bigint"),
          Map.entry("float4", "real"),
          Map.entry("float8", "double precision"),
          Map.entry("bool", "boolean"),
          Map.entry("bpchar", "char"),
          Map.entry("varchar", "varchar"),
          Map.entry("timestamp", "timestamp"),
          Map.entry("timestamptz", "timestamptz"),
          Map.entry("timetz", "timetz"));

  private PostgresTypes() {}

  /**
   * @param typname {@code pg_type.typname} of the column's (base) type
   * @param typtype {@code pg_type.typtype}: {@code e} for enums
   */
  public static String canonical(String typname, String typtype) {
    if (typname == null) {
      return null;
    }
    if ("e".equals(typtype)) {
      return "enum";
    }
    if (typname.startsWith("_")) {
      return "array";
    }
    return NAMES.getOrDefault(typname, typname);
  }
}
