package org.moodlemigrate.catalog;

import java.io.Serializable;

/**
 * One column of a target (PostgreSQL) table, from {@code pg_attribute}.
 *
 * @param name the column name
 * @param position the attribute number
 * @param formattedType {@code format_type()}: {@code character varying(255)}, {@code smallint}
 * @param baseType the canonical base type name used by the cast rules ({@code smallint}, {@code
 *     varchar}, {@code numeric}, {@code timestamptz} ...); domains are resolved to their base
 * @param typmod the type modifier ({@code atttypmod}), -1 when none
 * @param notNull whether the column is {@code NOT NULL}
 * @param defaultExpression the default expression, null when none
 * @param identity {@code a} (always) or {@code d} (by default) for identity columns, empty
 *     otherwise
 * @param generated whether it is a generated column
 * @param sequence the sequence that feeds it (owned, or called in its default), null when none
 */
public record TargetColumn(
    String name,
    int position,
    String formattedType,
    String baseType,
    int typmod,
    boolean notNull,
    String defaultExpression,
    String identity,
    boolean generated,
    SequenceRef sequence)
    implements Serializable {

  /** Whether an INSERT that leaves this column out succeeds. */
  public boolean canBeOmitted() {
    return !notNull || defaultExpression != null || !identity.isEmpty() || generated;
  }

  /** The declared length of {@code varchar(n)} / {@code char(n)}, or null when unlimited. */
  public Integer characterLength() {
    if ((baseType.equals("varchar") || baseType.equals("char")) && typmod >= 4) {
      return typmod - 4;
    }
    return null;
  }

  /** The precision of {@code numeric(p,s)}, or null when unconstrained. */
  public Integer numericPrecision() {
    return baseType.equals("numeric") && typmod >= 4 ? ((typmod - 4) >> 16) & 0xffff : null;
  }

  /** The scale of {@code numeric(p,s)}, or null when unconstrained. */
  public Integer numericScale() {
    return baseType.equals("numeric") && typmod >= 4 ? (typmod - 4) & 0xffff : null;
  }

  /** The length of {@code bit(n)} / {@code varbit(n)}, or null. */
  public Integer bitLength() {
    return (baseType.equals("bit") || baseType.equals("varbit")) && typmod > 0 ? typmod : null;
  }
}
