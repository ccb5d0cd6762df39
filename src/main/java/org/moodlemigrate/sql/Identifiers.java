package org.moodlemigrate.sql;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The one place where identifiers and literals become SQL text.
 *
 * <p>Every table, column, schema, sequence and role name that the tool writes into a statement goes
 * through here, always quoted, with embedded quote characters doubled by jOOQ's renderer. A Moodle
 * table called {@code mdl_order} or a plugin column called {@code user}, a mixed-case name or a
 * name holding a quote, a semicolon or a comment marker is therefore always one identifier and
 * never SQL to execute.
 */
public final class Identifiers {
  static {
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }

  private static final Settings SETTINGS =
      new Settings().withRenderQuotedNames(RenderQuotedNames.ALWAYS);
  private static final DSLContext POSTGRES = DSL.using(SQLDialect.POSTGRES, SETTINGS);
  private static final DSLContext MYSQL = DSL.using(SQLDialect.MYSQL, SETTINGS);

  private Identifiers() {}

  /** A quoted, possibly qualified PostgreSQL name: {@code "public"."mdl_user"}. */
  public static String postgres(String... parts) {
    return POSTGRES.render(DSL.name(parts));
  }

  /** A quoted, possibly qualified MySQL name: {@code `moodle`.`mdl_user`}. */
  public static String mysql(String... parts) {
    return MYSQL.render(DSL.name(parts));
  }

  /** A PostgreSQL string literal: {@code 'it''s'}. */
  public static String postgresLiteral(String value) {
    return POSTGRES.render(DSL.inline(value));
  }

  /** The jOOQ context for PostgreSQL statements, quoting every name. */
  public static DSLContext postgresDsl() {
    return POSTGRES;
  }
}
