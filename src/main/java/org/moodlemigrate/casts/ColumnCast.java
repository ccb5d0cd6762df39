package org.moodlemigrate.casts;

import java.io.Serializable;
import org.moodlemigrate.catalog.SourceColumn;
import org.moodlemigrate.catalog.TargetColumn;
import org.moodlemigrate.sql.Identifiers;

/**
 * The decision for one column: which rule carries it and with which converter. Made once at
 * planning time, shipped to the workers with the copy job, and turned into a {@link ValueConverter}
 * once per chunk.
 *
 * @param ruleId the id of the cast rule that matched
 * @param converter the converter name the rule names
 * @param source the source column
 * @param target the target column
 */
public record ColumnCast(String ruleId, String converter, SourceColumn source, TargetColumn target)
    implements Serializable {

  /**
   * Builds the converter for a chunk.
   *
   * @param policy what to do with values PostgreSQL cannot take as they are
   * @param notes where the converter reports a value it changed under that policy
   */
  public ValueConverter newConverter(ValuePolicy policy, ValueNotes notes) {
    return ValueConverters.create(this, policy, notes);
  }

  /**
   * The source expression to SELECT for this column, where the column itself would not arrive
   * exactly:
   *
   * <ul>
   *   <li>FLOAT is read widened to DOUBLE: the server prints a FLOAT with six significant digits
   *       ({@code 1.0000001} shows as {@code 1}), which is not the stored value, while a DOUBLE
   *       prints with as many digits as it takes to read back the same bits, and widening is exact.
   *       {@link FloatConverter} narrows it back.
   *   <li>TIME is read as the server's text: Connector/J parses TIME values into hours, minutes and
   *       seconds, and {@code -00:00:01} loses its sign on the way.
   *   <li>Text in a character set other than UTF-8 is converted by the server ({@link SourceText}):
   *       the JVM's charsets are not MySQL's.
   * </ul>
   */
  public String selectExpression() {
    String quoted = Identifiers.mysql(source.name());
    if (converter.equals("text") && SourceText.convertedByServer(source.charset())) {
      return SourceText.convertedWithLossMarker(quoted, source.charset());
    }
    return switch (source.dataType()) {
      case "float" -> "(" + quoted + " * 1e0)";
      case "time" -> "CAST(" + quoted + " AS CHAR)";
      default -> quoted;
    };
  }
}
