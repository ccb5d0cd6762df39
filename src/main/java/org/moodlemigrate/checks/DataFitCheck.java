package org.moodlemigrate.checks;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.moodlemigrate.casts.ColumnCast;
import org.moodlemigrate.casts.TargetRange;
import org.moodlemigrate.casts.ValuePolicy;
import org.moodlemigrate.catalog.ColumnType;
import org.moodlemigrate.catalog.SourceColumn;
import org.moodlemigrate.catalog.TargetColumn;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.report.Finding;
import org.moodlemigrate.sql.Identifiers;

/**
 * Values that will not fit, measured in the data rather than guessed from the types: text longer
 * than a {@code varchar(n)} target, numbers beyond the target type's range ({@code bigint unsigned}
 * above 2^63-1 into {@code bigint}), decimals with more places than the target keeps, and zero
 * dates. Each would stop its table half-way through the copy; found here, before anything is
 * written, with the count of rows and the keys of the first ones.
 *
 * <p>Only column pairs where the target is narrower than the source type are measured (Moodle's own
 * columns never are, as both installers make the same sizes), and date columns, one aggregate scan
 * per table. Tables the run creates are measured too: their columns are as wide as the source's,
 * but a zero date in a NOT NULL column cannot become NULL there either.
 */
final class DataFitCheck implements Check {
  private static final Set<String> TEXT =
      Set.of(
          "char",
          "varchar",
          "tinytext",
          "text",
          "mediumtext",
          "longtext",
          "enum",
          "set",
          "json",
          "tinyint",
          "smallint",
          "mediumint",
          "int",
          "integer",
          "bigint",
          "decimal",
          "year");
  private static final Set<String> INTEGER_TARGETS =
      Set.of("smallint", "integer", "bigint", "numeric", "real", "double precision");
  private static final int SAMPLE_KEYS = 3;

  /**
   * One measured condition: rows where {@code sql} is true will not fit.
   *
   * @param warning true when the run carries such rows changed (and reports each), rather than
   *     failing on them
   */
  private record Condition(
      String id, ColumnCast cast, String sql, String problem, String fix, boolean warning) {
    Condition(String id, ColumnCast cast, String sql, String problem, String fix) {
      this(id, cast, sql, problem, fix, false);
    }
  }

  @Override
  public String name() {
    return "data fit";
  }

  @Override
  public List<Finding> run(CheckContext ctx) throws SQLException {
    List<Finding> out = new ArrayList<>();
    String db = ctx.sourceCatalog().database();
    try (Connection c = ctx.source().getConnection();
        Statement st = c.createStatement()) {
      for (TablePlan t : Selected.copied(ctx)) {
        List<Condition> conditions = new ArrayList<>();
        for (ColumnCast cast : t.columns()) {
          conditions.addAll(conditions(cast, ctx.settings().valuePolicy()));
        }
        if (conditions.isEmpty()) {
          continue;
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < conditions.size(); i++) {
          sql.append(i == 0 ? "" : ", ")
              .append("COALESCE(SUM(")
              .append(conditions.get(i).sql())
              .append("), 0)");
        }
        sql.append(" FROM ").append(Identifiers.mysql(db, t.name()));
        long[] counts = new long[conditions.size()];
        try (ResultSet rs = st.executeQuery(sql.toString())) {
          rs.next();
          for (int i = 0; i < counts.length; i++) {
            counts[i] = rs.getLong(i + 1);
          }
        }
        for (int i = 0; i < counts.length; i++) {
          if (counts[i] > 0) {
            Condition k = conditions.get(i);
            String column = t.name() + "." + k.cast().source().name();
            String message =
                column + ": " + counts[i] + " row(s) " + k.problem() + sampleKeys(st, db, t, k);
            out.add(
                k.warning()
                    ? Finding.warning(k.id(), message, k.fix(), column)
                    : Finding.error(k.id(), message, k.fix(), column));
          }
        }
      }
    }
    return out;
  }

  private static List<Condition> conditions(ColumnCast cast, ValuePolicy policy) {
    SourceColumn s = cast.source();
    TargetColumn t = cast.target();
    ColumnType type = s.type();
    String col = Identifiers.mysql(s.name());
    List<Condition> out = new ArrayList<>();
    Integer length = t.characterLength();
    if (length != null && TEXT.contains(type.name()) && capacity(type) > length) {
      out.add(
          new Condition(
              "value-too-long",
              cast,
              "CHAR_LENGTH(" + col + ") > " + length,
              "hold text longer than " + t.formattedType() + " (" + length + " characters)",
              "widen the target column (ALTER TABLE ... ALTER COLUMN ... TYPE) or shorten the"
                  + " values in the source"));
    }
    if (INTEGER_TARGETS.contains(t.baseType())) {
      TargetRange range = TargetRange.of(t);
      if (type.isInteger() && !range.containsAll(type.integerMin(), type.integerMax())) {
        out.add(
            new Condition(
                "value-out-of-range",
                cast,
                outside(col, range),
                "hold numbers outside " + range.describe(t.formattedType()),
                "widen the target column, or fix the values in the source"));
      }
      if (type.name().equals("decimal")) {
        int precision = type.length() == null ? 10 : type.length();
        int scale = type.scale() == null ? 0 : type.scale();
        BigInteger sourceMax = BigInteger.TEN.pow(precision - scale);
        if (!range.containsAll(sourceMax.negate(), sourceMax)) {
          out.add(
              new Condition(
                  "value-out-of-range",
                  cast,
                  outside(col, range),
                  "hold numbers outside " + range.describe(t.formattedType()),
                  "widen the target column, or fix the values in the source"));
        }
        Integer targetScale =
            t.baseType().equals("numeric") ? t.numericScale() : Integer.valueOf(0);
        if (targetScale != null
            && scale > targetScale
            && !t.baseType().startsWith("real")
            && !t.baseType().startsWith("double")) {
          out.add(
              new Condition(
                  "value-would-round",
                  cast,
                  col + " <> ROUND(" + col + ", " + targetScale + ")",
                  "have more decimal places than "
                      + t.formattedType()
                      + " keeps; PostgreSQL would round them",
                  "give the target column more decimal places, or round the values in the source"));
        }
      }
    }
    if (Set.of("date", "datetime", "timestamp").contains(type.name())
        && Set.of("date", "timestamp", "timestamptz").contains(t.baseType())) {
      String zero =
          "(YEAR(" + col + ") = 0 OR MONTH(" + col + ") = 0 OR DAYOFMONTH(" + col + ") = 0)";
      String what =
          "hold zero dates (0000-00-00 or a zero month or day), which PostgreSQL cannot store";
      if (policy.onZeroDate() == ValuePolicy.OnZeroDate.NULL && !t.notNull()) {
        out.add(
            new Condition(
                "value-zero-date",
                cast,
                zero,
                what + "; the run writes NULL for them and lists each row in the reject file",
                "nothing to do if NULL is right; --on-zero-date fail rejects such rows instead",
                true));
      } else {
        out.add(
            new Condition(
                "value-zero-date",
                cast,
                zero,
                what
                    + (t.notNull()
                        ? ", and the target column is NOT NULL so they cannot become NULL"
                        : " (--on-zero-date fail)"),
                "set them to a real date in the source"
                    + (t.notNull() ? ", or allow NULL in the target column" : "")
                    + ", or let --max-rejects skip the rows"));
      }
    }
    if (type.name().equals("time")
        && (t.baseType().equals("time") || t.baseType().equals("timetz"))) {
      out.add(
          new Condition(
              "value-out-of-range",
              cast,
              "(" + col + " < '00:00:00' OR " + col + " > '24:00:00')",
              "hold times below 0 or above 24 hours, which " + t.formattedType() + " cannot store",
              "make the target column interval"));
    }
    return out;
  }

  /**
   * Rows whose whole part falls outside the range: {@code numeric(5,2)} holds 999.99, whose whole
   * part is the range's 999, so the bounds are compared exclusively one beyond it.
   */
  private static String outside(String col, TargetRange range) {
    List<String> parts = new ArrayList<>();
    if (range.min() != null) {
      parts.add(col + " <= " + range.min().subtract(BigInteger.ONE));
    }
    if (range.max() != null) {
      parts.add(col + " >= " + range.max().add(BigInteger.ONE));
    }
    return "(" + String.join(" OR ", parts) + ")";
  }

  /** How many characters the source type can hold at most. */
  private static long capacity(ColumnType type) {
    return switch (type.name()) {
      case "char", "varchar" -> type.length() == null ? 255 : type.length();
      case "tinytext" -> 255;
      case "enum" -> type.values().stream().mapToLong(String::length).max().orElse(0);
      case "set" -> type.values().stream().mapToLong(v -> v.length() + 1L).sum();
      case "tinyint", "smallint", "mediumint", "int", "integer", "bigint" ->
          Math.max(type.integerMin().toString().length(), type.integerMax().toString().length());
      case "year" -> 4;
      case "decimal" -> (type.length() == null ? 10 : type.length()) + 2;
      default -> Long.MAX_VALUE;
    };
  }

  private static String sampleKeys(Statement st, String db, TablePlan t, Condition k)
      throws SQLException {
    List<String> key = t.source().primaryKey();
    if (key.isEmpty()) {
      return "";
    }
    // Key names are added here, not in SQL: no column name ever becomes a string literal.
    String quoted = String.join(", ", key.stream().map(Identifiers::mysql).toList());
    String sql =
        "SELECT "
            + quoted
            + " FROM "
            + Identifiers.mysql(db, t.name())
            + " WHERE "
            + k.sql()
            + " ORDER BY "
            + quoted
            + " LIMIT "
            + SAMPLE_KEYS;
    List<String> keys = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
          parts.add(key.get(i) + "=" + rs.getString(i + 1));
        }
        keys.add(String.join(", ", parts));
      }
    }
    return keys.isEmpty() ? "" : ", first at " + String.join("; ", keys);
  }
}
