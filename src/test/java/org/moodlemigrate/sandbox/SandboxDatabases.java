package org.moodlemigrate.sandbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.moodlemigrate.testing.Fixtures;
import org.moodlemigrate.testing.PgDumpLoader;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;
import org.postgresql.ds.PGSimpleDataSource;

/** Target databases for the sandbox tests, and small query helpers over them. */
final class SandboxDatabases {

  static final String SCHEMA = "public";
  static final String PREFIX = "mdl_";

  private SandboxDatabases() {}

  /**
   * The real Moodle 4.5 XS site as a refresh leaves it: Moodle's installer schema with the site's
   * rows (the pgloader fixture, which Moodle's schema check passes).
   */
  static TestDatabase moodleSite(String name) throws Exception {
    TestDatabase database = TestServers.postgresql().createDatabase(name);
    try {
      PgDumpLoader.load(Fixtures.pgloaderDataOnly(), database);
      return database;
    } catch (Exception | Error e) {
      database.close();
      throw e;
    }
  }

  /** An empty database. */
  static TestDatabase empty(String name) throws SQLException {
    return TestServers.postgresql().createDatabase(name);
  }

  /**
   * The few Moodle tables the actions touch, with Moodle 4.5's own column definitions (as in the
   * fixture schema), for tests that need no more.
   */
  static void createMinimalMoodleTables(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE mdl_config (id bigserial PRIMARY KEY,"
              + " name character varying(255) DEFAULT ''::character varying NOT NULL,"
              + " value text NOT NULL)");
      st.execute("CREATE UNIQUE INDEX mdl_conf_nam_uix ON mdl_config (name)");
      st.execute(
          "CREATE TABLE mdl_message_processors (id bigserial PRIMARY KEY,"
              + " name character varying(166) DEFAULT ''::character varying NOT NULL,"
              + " enabled smallint DEFAULT 1 NOT NULL)");
      st.execute(
          "CREATE TABLE mdl_task_scheduled (id bigserial PRIMARY KEY,"
              + " component character varying(255) DEFAULT ''::character varying NOT NULL,"
              + " classname character varying(255) DEFAULT ''::character varying NOT NULL,"
              + " lastruntime bigint, nextruntime bigint,"
              + " minute character varying(200) DEFAULT ''::character varying NOT NULL,"
              + " hour character varying(70) DEFAULT ''::character varying NOT NULL,"
              + " day character varying(90) DEFAULT ''::character varying NOT NULL,"
              + " month character varying(30) DEFAULT ''::character varying NOT NULL,"
              + " dayofweek character varying(25) DEFAULT ''::character varying NOT NULL,"
              + " faildelay bigint, customised smallint DEFAULT 0 NOT NULL,"
              + " disabled smallint DEFAULT 0 NOT NULL, timestarted bigint,"
              + " hostname character varying(255), pid bigint)");
      st.execute(
          "CREATE TABLE mdl_sessions (id bigserial PRIMARY KEY, state bigint DEFAULT 0 NOT NULL,"
              + " sid character varying(128) DEFAULT ''::character varying NOT NULL,"
              + " userid bigint NOT NULL, sessdata text, timecreated bigint NOT NULL,"
              + " timemodified bigint NOT NULL, firstip character varying(45),"
              + " lastip character varying(45))");
    }
  }

  static DataSource dataSource(TestDatabase database) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(database.jdbcUrl());
    ds.setUser(database.user());
    ds.setPassword(database.password());
    return ds;
  }

  static void execute(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      ps.execute();
    }
  }

  /** The first column of the first row, as text; null for no row or NULL. */
  static String text(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  static long number(Connection c, String sql, Object... params) throws SQLException {
    String value = text(c, sql, params);
    if (value == null) {
      throw new AssertionError("no number from " + sql);
    }
    return Long.parseLong(value);
  }

  /** Every row of the query, each row's columns as text joined with tabs. */
  static List<String> rows(Connection c, String sql, Object... params) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          StringBuilder row = new StringBuilder();
          for (int i = 1; i <= n; i++) {
            row.append(i == 1 ? "" : "\t").append(rs.getString(i));
          }
          rows.add(row.toString());
        }
      }
    }
    return rows;
  }

  static String config(Connection c, String name) throws SQLException {
    return text(c, "SELECT value FROM mdl_config WHERE name = ?", name);
  }
}
