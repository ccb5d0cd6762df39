package org.moodlemigrate.casts;

import java.io.Serializable;
import org.moodlemigrate.catalog.SourceColumn;
import org.moodlemigrate.catalog.TargetColumn;

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

  /** Builds the converter for a chunk. */
  public ValueConverter newConverter() {
    return ValueConverters.create(this);
  }
}
