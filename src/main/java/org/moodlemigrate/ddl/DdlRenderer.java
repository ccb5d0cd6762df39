package org.moodlemigrate.ddl;

import static org.jooq.impl.DSL.commentOnTable;
import static org.jooq.impl.DSL.constraint;
import static org.jooq.impl.DSL.createIndex;
import static org.jooq.impl.DSL.createSequence;
import static org.jooq.impl.DSL.createTable;
import static org.jooq.impl.DSL.createUniqueIndex;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.query;
import static org.jooq.impl.DSL.table;

import java.util.ArrayList;
import java.util.List;
import org.jooq.CreateTableElementListStep;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.SQLDialect;
import org.jooq.impl.DefaultDataType;
import org.moodlemigrate.catalog.IndexDefinition;
import org.moodlemigrate.sql.Identifiers;

/**
 * Renders a {@link TableDefinition} into PostgreSQL statements, built first and executed later, so
 * the DDL of every rule and index shape is tested without a database.
 *
 * <p>jOOQ builds the statements, quoting every name. Column types are given to it by their exact
 * PostgreSQL name (its own type parser turns {@code timestamp(6)} into {@code timestamp(0)}). Two
 * shapes its open-source edition does not render for PostgreSQL go through jOOQ's plain-SQL
 * templates, still with quoted names: a generated column's {@code GENERATED ALWAYS AS (...) STORED}
 * clause, and a GIN index's {@code USING gin}.
 */
public final class DdlRenderer {
  private static final DSLContext CTX = Identifiers.postgresDsl();

  private DdlRenderer() {}

  /**
   * The default expression of a sequence-fed column: {@code nextval('"s"."t_id_seq"'::regclass)}.
   */
  public static String nextval(String schema, String sequence) {
    return "nextval("
        + Identifiers.postgresLiteral(Identifiers.postgres(schema, sequence))
        + "::regclass)";
  }

  /**
   * The statements that create the table (empty, without keys or indexes): its sequence, the table,
   * the sequence's ownership, the comments. With {@code dropFirst}, a table of that name is dropped
   * first.
   */
  public static List<String> createStatements(TableDefinition d, boolean dropFirst) {
    List<String> out = new ArrayList<>();
    Name table = name(d.schema(), d.name());
    if (dropFirst) {
      out.add(CTX.render(CTX.dropTableIfExists(table).cascade()));
    }
    if (d.sequence() != null) {
      out.add(CTX.render(createSequence(name(d.schema(), d.sequence()))));
    }
    CreateTableElementListStep create = createTable(table).columns(columns(d));
    out.add(CTX.render(create));
    if (d.sequence() != null) {
      out.add(
          CTX.render(
              query(
                  "ALTER SEQUENCE {0} OWNED BY {1}",
                  name(d.schema(), d.sequence()), name(d.schema(), d.name(), d.sequenceColumn()))));
    }
    if (d.comment() != null) {
      out.add(CTX.render(commentOnTable(table).is(d.comment())));
    }
    for (ColumnDefinition c : d.columns()) {
      if (c.comment() != null) {
        out.add(
            CTX.render(
                query(
                    "COMMENT ON COLUMN {0} IS {1}",
                    name(d.schema(), d.name(), c.name()), inline(c.comment()))));
      }
    }
    return out;
  }

  private static List<Field<?>> columns(TableDefinition d) {
    List<Field<?>> out = new ArrayList<>();
    for (ColumnDefinition c : d.columns()) {
      String typeSql = c.type().sql();
      if (c.generatedSql() != null) {
        typeSql += " GENERATED ALWAYS AS (" + c.generatedSql() + ") STORED";
      }
      @SuppressWarnings("deprecation")
      DataType<Object> type =
          new DefaultDataType<>(SQLDialect.POSTGRES, Object.class, typeSql).nullable(!c.notNull());
      String defaultSql =
          c.name().equals(d.sequenceColumn()) ? nextval(d.schema(), d.sequence()) : c.defaultSql();
      if (defaultSql != null) {
        type = type.defaultValue(field(defaultSql));
      }
      out.add(field(name(c.name()), type));
    }
    return out;
  }

  /**
   * The primary key and indexes, each as a definition the index builder runs (and the journal keeps
   * until it is built).
   */
  public static List<IndexDefinition> indexes(TableDefinition d) {
    List<IndexDefinition> out = new ArrayList<>();
    org.jooq.Table<?> table = table(name(d.schema(), d.name()));
    for (IndexPlan index : d.indexes()) {
      String sql =
          switch (index.kind()) {
            case PRIMARY_KEY ->
                CTX.render(
                    CTX.alterTable(table)
                        .add(
                            constraint(name(index.name()))
                                .primaryKey(
                                    index.parts().stream()
                                        .map(p -> name(p.column()))
                                        .toArray(Name[]::new))));
            case UNIQUE ->
                CTX.render(createUniqueIndex(name(index.name())).on(table, parts(index)));
            case PLAIN -> CTX.render(createIndex(name(index.name())).on(table, parts(index)));
            case FULL_TEXT ->
                CTX.render(
                    query(
                        "CREATE INDEX {0} ON {1} USING gin (to_tsvector('simple', {2}))",
                        name(index.name()), table, field(name(index.parts().get(0).column()))));
          };
      out.add(new IndexDefinition(d.schema(), d.name(), index.name(), sql, null));
    }
    return out;
  }

  private static List<Field<?>> parts(IndexPlan index) {
    List<Field<?>> out = new ArrayList<>();
    for (IndexPlan.Part p : index.parts()) {
      Field<Object> column = field(name(p.column()));
      out.add(
          p.prefixLength() == null
              ? column
              : field("substr({0}, 1, {1})", Object.class, column, inline(p.prefixLength())));
    }
    return out;
  }
}
