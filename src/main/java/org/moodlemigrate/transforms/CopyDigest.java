package org.moodlemigrate.transforms;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.moodlemigrate.casts.ColumnCast;
import org.moodlemigrate.casts.SourceText;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.sql.Identifiers;
import org.moodlemigrate.verify.ValueDomain;

/**
 * The copy digest: both servers digest every row of a chunk in the same canonical text, and the
 * chunk commits only when the two agree.
 *
 * <p>The source computes it in the copy's own SELECT, one MD5 per row over its stored values; the
 * target computes it over the rows it stored, in the chunk's transaction before the commit. The tool
 * only compares (a count and two 64-bit sums of the rows' MD5s, which do not depend on row order).
 * So the proof does not go through the tool's own reading of the values: a value read wrong (as the
 * 128 KiB bug of JDK 21+ once did), escaped wrong or cut short is caught before it is committed,
 * where counting rows would not notice. It costs both servers an MD5 per row and rendering each
 * value as text, and nothing in the tool's memory.
 *
 * <p>The canonical text of a row is the concatenation of its fields, each {@code N} for NULL or
 * {@code <byte length>:<text>}, which no two different rows share. Each column's text is chosen so
 * that both servers print the same for the same value: text as its UTF-8 bytes (a legacy character
 * set as the server converts it), binary values as their MD5, integers and decimals at the source's
 * scale, dates and times with microseconds. Columns whose text the two cannot be made to agree on
 * ({@code FLOAT}/{@code DOUBLE}, {@code TIME}, {@code jsonb}, {@code varbit}, …) are left out and
 * named in the report: counts still cover their rows, and {@code verify --verify checksums}
 * compares them bit for bit.
 *
 * <p>Rows whose values the run changed on purpose (a NUL stripped, a zero date made NULL) differ by
 * design; their keys are left out on the target side as their digests are on the source side.
 *
 * @param sourceExpression the SELECT expression that gives a row's MD5 on the source
 * @param targetFields the target's field expressions, concatenated for a row's MD5
 * @param covered the source columns the digest covers
 * @param uncovered the source columns it leaves out, with why
 */
public record CopyDigest(
    String sourceExpression, List<String> targetFields, List<String> covered, List<String> uncovered)
    implements Serializable {

  /** Changed rows a chunk may leave out by key; a chunk with more is not digested. */
  public static final int MAX_EXCLUDED = 1000;

  private static final Set<String> INTEGER_TARGETS = Set.of("smallint", "integer", "bigint");
  private static final Set<String> TEXT_TARGETS = Set.of("varchar", "text", "citext", "enum");

  /** One column's text on each side, or why it has none. */
  private record Field(String source, String target, String why) {}

  public CopyDigest {
    targetFields = List.copyOf(targetFields);
    covered = List.copyOf(covered);
    uncovered = List.copyOf(uncovered);
  }

  /** The digest of a table's columns; null when not one column can be covered. */
  public static CopyDigest of(List<ColumnCast> casts) {
    List<String> sourceFields = new ArrayList<>();
    List<String> targetFields = new ArrayList<>();
    List<String> covered = new ArrayList<>();
    List<String> uncovered = new ArrayList<>();
    for (ColumnCast cast : casts) {
      Field f = field(cast);
      if (f.why() != null) {
        uncovered.add(cast.source().name() + " (" + f.why() + ")");
        continue;
      }
      covered.add(cast.source().name());
      String b = "CAST(" + f.source() + " AS BINARY)";
      sourceFields.add("IFNULL(CONCAT(LENGTH(" + b + "), ':', " + b + "), 'N')");
      targetFields.add(
          "coalesce(octet_length(" + f.target() + ")::text || ':' || " + f.target() + ", 'N')");
    }
    if (covered.isEmpty()) {
      return null;
    }
    String source = "MD5(CONCAT(" + String.join(", ", sourceFields) + "))";
    return new CopyDigest(source, targetFields, covered, uncovered);
  }

  private static Field field(ColumnCast cast) {
    String s = Identifiers.mysql(cast.source().name());
    String t = Identifiers.postgres(cast.target().name());
    String target = cast.target().baseType();
    ValueDomain domain = ValueDomain.of(cast.source(), cast.target());
    Integer scale = cast.source().type().scale();
    boolean decimal = "decimal".equals(cast.source().dataType());
    return switch (domain) {
      case NUMBER -> {
        int sourceScale = decimal && scale != null ? scale : 0;
        if (INTEGER_TARGETS.contains(target) && sourceScale == 0) {
          yield new Field(s, t + "::text", null);
        }
        if (INTEGER_TARGETS.contains(target) || "numeric".equals(target)) {
          yield new Field(s, "round(" + t + "::numeric, " + sourceScale + ")::text", null);
        }
        if ("boolean".equals(target)) {
          yield new Field(s, t + "::int::text", null);
        }
        if (TEXT_TARGETS.contains(target)) {
          yield new Field(s, t + "::text", null);
        }
        yield none("a number into " + target);
      }
      case YEAR ->
          INTEGER_TARGETS.contains(target) || "numeric".equals(target)
              ? new Field("(" + s + " + 0)", t + "::text", null)
              : none("a year into " + target);
      case TEXT -> {
        boolean padded = "char".equals(target) && !"char".equals(cast.source().dataType());
        if (padded || !(TEXT_TARGETS.contains(target) || "char".equals(target))) {
          yield none("text into " + target);
        }
        String text =
            SourceText.convertedByServer(cast.source().charset())
                ? SourceText.converted(s, cast.source().charset())
                : s;
        yield new Field(text, t + "::text", null);
      }
      case JSON ->
          "json".equals(target)
              ? new Field(s, t + "::text", null)
              : none("PostgreSQL normalises " + target);
      case BYTES ->
          "bytea".equals(target) ? new Field("MD5(" + s + ")", "md5(" + t + ")", null)
              : none("bytes into " + target);
      case DATE ->
          "date".equals(target)
              ? new Field(s, "to_char(" + t + ", 'YYYY-MM-DD')", null)
              : none("a date into " + target);
      case TIMESTAMP -> {
        String micros = "'YYYY-MM-DD HH24:MI:SS.US'";
        String mysql = "DATE_FORMAT(" + s + ", '%Y-%m-%d %H:%i:%s.%f')";
        if ("timestamp".equals(target)) {
          yield new Field(mysql, "to_char(" + t + ", " + micros + ")", null);
        }
        if ("timestamptz".equals(target)) {
          yield new Field(mysql, "to_char(" + t + " AT TIME ZONE 'UTC', " + micros + ")", null);
        }
        yield none("a timestamp into " + target);
      }
      case BITS -> {
        String number = "CAST(" + s + " AS UNSIGNED)";
        if ("bit".equals(target)) {
          Integer n = cast.target().bitLength();
          yield n != null && n <= 63
              ? new Field(number, t + "::bigint::text", null)
              : none("a bit string over 63 bits");
        }
        if (INTEGER_TARGETS.contains(target) || "numeric".equals(target)) {
          yield new Field(number, t + "::text", null);
        }
        yield "boolean".equals(target)
            ? new Field(number, t + "::int::text", null)
            : none("bits into " + target);
      }
      case FLOAT32, FLOAT64 -> none("floating point prints differently on the two servers");
      case DURATION -> none("a time of day or duration prints differently on the two servers");
    };
  }

  private static Field none(String why) {
    return new Field(null, null, why);
  }

  /**
   * The target's query for one chunk: how many rows, and the two sums of their MD5s' halves, over
   * the chunk's key range, leaving out the rows whose keys are given.
   *
   * @param table the quoted, qualified target table
   * @param key the quoted target key column; null for a whole-table chunk without one
   * @param excluded how many keys to leave out, bound as one {@code bigint[]} parameter
   */
  public String targetQuery(String table, String key, Chunk chunk, boolean excluded) {
    List<String> where = new ArrayList<>();
    if (key != null && !chunk.isWholeTable()) {
      if (chunk.lower() != null) {
        where.add(key + " >= " + chunk.lower().longValue());
      }
      if (chunk.upper() != null) {
        where.add(key + " < " + chunk.upper().longValue());
      }
    }
    if (excluded) {
      where.add("NOT (" + key + " = ANY (?::bigint[]))");
    }
    String half = "('x' || substr(h, %d, 16))::bit(64)::bigint::numeric";
    return "SELECT count(*), coalesce(sum("
        + String.format(half, 1)
        + "), 0), coalesce(sum("
        + String.format(half, 17)
        + "), 0) FROM (SELECT md5("
        + String.join(" || ", targetFields)
        + ") AS h FROM "
        + table
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
        + ") d";
  }
}
