package org.moodlemigrate.transforms;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.moodlemigrate.casts.ColumnCast;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.sql.Identifiers;
import org.moodlemigrate.verify.ValueDomain;

/**
 * The copy digest: a chunk commits only when the digest of the rows the tool read equals
 * PostgreSQL's digest of the rows it stored.
 *
 * <p>As the copy streams a chunk, every row it sends is read a second time from the driver — {@code
 * getBytes} and {@code getString}, not the stream the converters read ({@link RowHasher}) — put
 * into a canonical text and hashed; the target computes the same over the rows it holds, in the
 * chunk's transaction before the commit. The tool compares the count and the sum (modulo 2^64) of
 * the rows' hashes, which does not depend on row order. So a value read wrong by the copy (as the
 * 128 KiB bug of JDK 21+ once did), escaped wrong, cut short or stored otherwise is caught before
 * it is committed, where counting rows would not notice. The hash is PostgreSQL's own {@code
 * hashtextextended} ({@link PgHash}), cheap for the server.
 *
 * <p>The canonical text of a row is its fields joined by U+0001, NULL written as U+0002; a text
 * field is written {@code <byte length>:<text>}, so that text holding those characters cannot make
 * two rows alike (from 256 KiB on, {@code M} and its MD5, which bounds the memory it takes); the
 * other fields (numbers, dates, the MD5 of a binary value) never hold them. Each column's text is
 * chosen so that both sides print the same for the same value: text as its UTF-8 bytes (a legacy
 * character set as the server converted it), binary values as their MD5, integers and decimals at
 * the source's scale, dates and timestamps to the microsecond. Columns the two cannot be made to
 * agree on ({@code FLOAT}/{@code DOUBLE}, {@code TIME}, {@code jsonb}, long {@code bit} strings, …)
 * are left out and named in the report: counts still cover their rows, and {@code verify --verify
 * checksums} compares them bit for bit.
 *
 * <p>Rows whose values the run changed on purpose (a NUL stripped, a zero date made NULL) differ by
 * design; they are left out on both sides, on the target by their keys.
 *
 * @param fields the covered columns, in SELECT order
 * @param covered the source columns the digest covers
 * @param uncovered the source columns it leaves out, with why
 */
public record CopyDigest(List<Field> fields, List<String> covered, List<String> uncovered)
    implements Serializable {

  /** Changed rows a chunk may leave out by key; a chunk with more is not digested. */
  public static final int MAX_EXCLUDED = 1000;

  private static final Set<String> INTEGER_TARGETS = Set.of("smallint", "integer", "bigint");
  private static final Set<String> TEXT_TARGETS = Set.of("varchar", "text", "citext", "enum");

  /** How a covered column is read again and printed on the source side. */
  public enum Kind {
    /** Its bytes ({@code getBytes}), already UTF-8, length-prefixed. */
    TEXT,
    /**
     * An integer: {@code getLong} as a plain decimal number ({@code getString} for a {@code bigint
     * unsigned}, whose {@link Field#scale} is then -1).
     */
    INTEGER,
    /** A decimal: {@code getString}, plain, at the source's scale. */
    DECIMAL,
    /** A {@code DATE}: {@code getString}, {@code YYYY-MM-DD}. */
    DATE,
    /** A {@code DATETIME}/{@code TIMESTAMP}: {@code getString}, to six fractional digits. */
    TIMESTAMP,
    /** Binary: the MD5 of its bytes, in lower-case hex. */
    BYTES,
    /** A {@code BIT(n)}: its bytes as an unsigned number. */
    BITS
  }

  /**
   * One covered column.
   *
   * @param index its 1-based position in the copy's SELECT
   * @param kind how the source side reads and prints it
   * @param scale for {@link Kind#DECIMAL}, the source's scale
   * @param target the target's expression printing the same text
   */
  public record Field(int index, Kind kind, int scale, String target) implements Serializable {}

  public CopyDigest {
    fields = List.copyOf(fields);
    covered = List.copyOf(covered);
    uncovered = List.copyOf(uncovered);
  }

  /** The digest of a table's columns; null when not one column can be covered. */
  public static CopyDigest of(List<ColumnCast> casts) {
    return of(casts, java.util.Set.of());
  }

  /**
   * The digest of a table's columns but {@code anonymised}, whose stored values are by design not
   * the source's; null when not one column can be covered.
   */
  public static CopyDigest of(List<ColumnCast> casts, java.util.Set<String> anonymised) {
    List<Field> fields = new ArrayList<>();
    List<String> covered = new ArrayList<>();
    List<String> uncovered = new ArrayList<>();
    for (int i = 0; i < casts.size(); i++) {
      ColumnCast cast = casts.get(i);
      if (anonymised.contains(cast.source().name())) {
        uncovered.add(cast.source().name() + " (anonymised)");
        continue;
      }
      Object f = field(cast, i + 1);
      if (f instanceof String why) {
        uncovered.add(cast.source().name() + " (" + why + ")");
      } else {
        fields.add((Field) f);
        covered.add(cast.source().name());
      }
    }
    return fields.isEmpty() ? null : new CopyDigest(fields, covered, uncovered);
  }

  /** The column's {@link Field}, or why it cannot have one. */
  private static Object field(ColumnCast cast, int index) {
    Object f = field0(cast, index);
    boolean wide =
        cast.source().type().isInteger() && cast.source().type().integerMax().bitLength() > 63;
    if (f instanceof Field field && field.kind() == Kind.INTEGER && wide) {
      return new Field(field.index(), Kind.INTEGER, -1, field.target());
    }
    return f;
  }

  private static Object field0(ColumnCast cast, int index) {
    String t = Identifiers.postgres(cast.target().name());
    String target = cast.target().baseType();
    ValueDomain domain = ValueDomain.of(cast.source(), cast.target());
    Integer scale = cast.source().type().scale();
    boolean decimal = "decimal".equals(cast.source().dataType());
    switch (domain) {
      case NUMBER -> {
        if (decimal) {
          // Every decimal as a decimal, whatever its scale: decimal(30,0) holds more than a long.
          int s = scale == null ? 0 : scale;
          return INTEGER_TARGETS.contains(target) || "numeric".equals(target)
              ? new Field(index, Kind.DECIMAL, s, "round(" + t + "::numeric, " + s + ")::text")
              : "a decimal into " + target;
        }
        if (INTEGER_TARGETS.contains(target) || TEXT_TARGETS.contains(target)) {
          return new Field(index, Kind.INTEGER, 0, t + "::text");
        }
        if ("numeric".equals(target)) {
          return new Field(index, Kind.INTEGER, 0, "round(" + t + "::numeric, 0)::text");
        }
        return "boolean".equals(target)
            ? new Field(index, Kind.INTEGER, 0, t + "::int::text")
            : "a number into " + target;
      }
      case YEAR -> {
        return INTEGER_TARGETS.contains(target) || "numeric".equals(target)
            ? new Field(index, Kind.INTEGER, 0, t + "::text")
            : "a year into " + target;
      }
      case TEXT -> {
        boolean padded = "char".equals(target) && !"char".equals(cast.source().dataType());
        if (padded || !(TEXT_TARGETS.contains(target) || "char".equals(target))) {
          return "text into " + target;
        }
        return new Field(index, Kind.TEXT, 0, lengthPrefixed(t + "::text"));
      }
      case JSON -> {
        return "json".equals(target)
            ? new Field(index, Kind.TEXT, 0, lengthPrefixed(t + "::text"))
            : "PostgreSQL normalises " + target;
      }
      case BYTES -> {
        return "bytea".equals(target)
            ? new Field(index, Kind.BYTES, 0, "md5(" + t + ")")
            : "bytes into " + target;
      }
      case DATE -> {
        return "date".equals(target)
            ? new Field(index, Kind.DATE, 0, "to_char(" + t + ", 'YYYY-MM-DD')")
            : "a date into " + target;
      }
      case TIMESTAMP -> {
        String micros = "'YYYY-MM-DD HH24:MI:SS.US'";
        if ("timestamp".equals(target)) {
          return new Field(index, Kind.TIMESTAMP, 0, "to_char(" + t + ", " + micros + ")");
        }
        return "timestamptz".equals(target)
            ? new Field(
                index, Kind.TIMESTAMP, 0, "to_char(" + t + " AT TIME ZONE 'UTC', " + micros + ")")
            : "a timestamp into " + target;
      }
      case BITS -> {
        if ("bit".equals(target)) {
          Integer n = cast.target().bitLength();
          return n != null && n <= 63
              ? new Field(index, Kind.BITS, 0, t + "::bigint::text")
              : "a bit string over 63 bits";
        }
        if (INTEGER_TARGETS.contains(target) || "numeric".equals(target)) {
          return new Field(index, Kind.BITS, 0, t + "::text");
        }
        return "boolean".equals(target)
            ? new Field(index, Kind.BITS, 0, t + "::int::text")
            : "bits into " + target;
      }
      case FLOAT32, FLOAT64 -> {
        return "floating point prints differently on the two servers";
      }
      default -> {
        return "a time of day or duration prints differently on the two servers";
      }
    }
  }

  /** {@code <byte length>:<text>}, or {@code M<md5>} from {@value RowHasher#LARGE} bytes up. */
  private static String lengthPrefixed(String text) {
    return "CASE WHEN octet_length("
        + text
        + ") >= "
        + RowHasher.LARGE
        + " THEN 'M' || md5("
        + text
        + ") ELSE octet_length("
        + text
        + ") || ':' || "
        + text
        + " END";
  }

  /** The target's expression for a row's hash, as {@link RowHasher} computes it. */
  String targetRowHash() {
    List<String> parts = new ArrayList<>();
    for (Field f : fields) {
      parts.add("coalesce(" + f.target() + ", E'\\x02')");
    }
    return "hashtextextended(concat_ws(E'\\x01', "
        + String.join(", ", parts)
        + ") COLLATE \"C\", 0)";
  }

  /**
   * The target's query for one chunk: how many rows, and the sum of their hashes, over the chunk's
   * key range, leaving out the rows whose keys are given.
   *
   * @param table the quoted, qualified target table
   * @param key the quoted target key column; null for a whole-table chunk without one
   * @param excluded whether keys are left out, bound as one {@code bigint[]} parameter
   */
  public String targetQuery(String table, String key, Chunk chunk, boolean excluded) {
    List<String> where = new ArrayList<>(range(key, chunk));
    if (excluded) {
      where.add("NOT (" + key + " = ANY (?::bigint[]))");
    }
    return "SELECT count(*), coalesce(sum("
        + targetRowHash()
        + "), 0) FROM "
        + table
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where));
  }

  /** The target's rows of a chunk with their hashes, in key order (to find which differ). */
  String targetRowsQuery(String table, String key, Chunk chunk) {
    List<String> where = range(key, chunk);
    return "SELECT "
        + key
        + ", "
        + targetRowHash()
        + " FROM "
        + table
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
        + " ORDER BY 1";
  }

  private static List<String> range(String key, Chunk chunk) {
    List<String> where = new ArrayList<>();
    if (key != null && !chunk.isWholeTable()) {
      if (chunk.lower() != null) {
        where.add(key + " >= " + chunk.lower().longValue());
      }
      if (chunk.upper() != null) {
        where.add(key + " < " + chunk.upper().longValue());
      }
    }
    return where;
  }
}
