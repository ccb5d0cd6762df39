package org.moodlemigrate.ddl;

import java.io.Serializable;
import org.moodlemigrate.catalog.PostgresType;

/**
 * A column of a table to create.
 *
 * @param name the column name (the source's)
 * @param type its PostgreSQL type
 * @param notNull whether it is {@code NOT NULL}
 * @param defaultSql its default expression, null for none
 * @param generatedSql the generation expression of a generated column, null for stored data
 * @param comment the column comment, null for none
 */
public record ColumnDefinition(
    String name,
    PostgresType type,
    boolean notNull,
    String defaultSql,
    String generatedSql,
    String comment)
    implements Serializable {}
