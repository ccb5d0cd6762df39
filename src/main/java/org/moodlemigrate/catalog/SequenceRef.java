package org.moodlemigrate.catalog;

import java.io.Serializable;

/**
 * A PostgreSQL sequence that feeds a target column.
 *
 * @param schema the sequence's schema
 * @param name the sequence name ({@code mdl_user_id_seq} on a Moodle schema)
 * @param owner the role that owns it
 * @param ownedByColumn whether it is {@code OWNED BY} the column (serial/identity style); false
 *     when the column merely calls {@code nextval} on it in its default
 * @param minValue the sequence's minimum value
 * @param maxValue the sequence's maximum value
 */
public record SequenceRef(
    String schema, String name, String owner, boolean ownedByColumn, long minValue, long maxValue)
    implements Serializable {}
