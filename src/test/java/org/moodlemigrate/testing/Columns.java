package org.moodlemigrate.testing;

import org.moodlemigrate.catalog.ColumnType;
import org.moodlemigrate.catalog.SourceColumn;
import org.moodlemigrate.catalog.SourceDefault;
import org.moodlemigrate.catalog.TargetColumn;

/** Catalog model objects for unit tests that need no database. */
public final class Columns {
  private Columns() {}

  /** A source column named {@code c} of the given {@code COLUMN_TYPE}. */
  public static SourceColumn source(String columnType) {
    return source("c", columnType, "utf8mb4");
  }

  public static SourceColumn source(String name, String columnType, String charset) {
    ColumnType type = ColumnType.parse(columnType);
    return new SourceColumn(
        name,
        1,
        type.name(),
        type,
        true,
        SourceDefault.NULL_DEFAULT,
        false,
        null,
        false,
        charset,
        charset == null ? null : charset + "_general_ci",
        "");
  }

  /** A nullable target column named {@code c}; {@code type} as in {@code \d}. */
  public static TargetColumn target(String type) {
    return target("c", type, false, null);
  }

  public static TargetColumn target(
      String name, String type, boolean notNull, String defaultExpression) {
    String base = type;
    int typmod = -1;
    String formatted = type;
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\w+(?: \\w+)?)\\((\\d+)(?:,(\\d+))?\\)").matcher(type);
    if (m.matches()) {
      base = m.group(1);
      int a = Integer.parseInt(m.group(2));
      if (base.equals("numeric")) {
        int s = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        typmod = ((a << 16) | s) + 4;
      } else if (base.equals("bit") || base.equals("varbit")) {
        typmod = a;
      } else {
        typmod = a + 4;
      }
      if (base.equals("varchar")) {
        formatted = "character varying(" + a + ")";
      }
    }
    return new TargetColumn(
        name, 1, formatted, base, typmod, notNull, defaultExpression, "", false, null);
  }
}
