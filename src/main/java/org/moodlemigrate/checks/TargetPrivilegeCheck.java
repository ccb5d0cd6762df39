package org.moodlemigrate.checks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.moodlemigrate.catalog.TargetColumn;
import org.moodlemigrate.plan.TablePlan;
import org.moodlemigrate.report.Finding;
import org.moodlemigrate.report.Severity;
import org.moodlemigrate.sql.Identifiers;

/**
 * The target user can do everything the run will do: create the journal schema (or use it), create
 * the target schema and tables to create, insert into and truncate the tables to load, move their
 * sequences, own the big tables whose indexes are rebuilt, and — with {@code --owner} — give every
 * object to that role (PostgreSQL allows that only to an owner who is also a member of the new
 * role, or to a superuser). Each missing privilege is named with the objects that need it.
 */
final class TargetPrivilegeCheck implements Check {
  @Override
  public String name() {
    return "target privileges";
  }

  @Override
  public List<Finding> run(CheckContext ctx) throws SQLException {
    List<Finding> out = new ArrayList<>();
    String schema = ctx.settings().targetSchema();
    try (Connection c = ctx.target().getConnection()) {
      String user;
      boolean superuser;
      try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT current_user, rolsuper FROM pg_catalog.pg_roles WHERE rolname ="
                      + " current_user");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        user = rs.getString(1);
        superuser = rs.getBoolean(2);
      }
      if (superuser) {
        out.add(Finding.info("target-user", "the target user " + user + " is a superuser"));
        return out;
      }
      String owner = ctx.settings().owner();
      if (owner != null && !ownerRoleUsable(c, owner, out)) {
        return out;
      }
      if (!schemaPrivilege(c, ctx.settings().journalSchema(), "CREATE")
          && !bool(c, "SELECT has_database_privilege(current_database(), 'CREATE')")) {
        out.add(
            Finding.error(
                "target-privilege",
                "the target user "
                    + user
                    + " can neither create the journal schema "
                    + ctx.settings().journalSchema()
                    + " nor create objects in it",
                "GRANT CREATE ON DATABASE "
                    + ctx.targetCatalog().database()
                    + " TO "
                    + user
                    + ", or create the schema"
                    + " for it",
                ctx.settings().journalSchema()));
      }
      if (ctx.plan().createsSchema()
          && !bool(c, "SELECT has_database_privilege(current_database(), 'CREATE')")) {
        out.add(
            Finding.error(
                "target-privilege",
                "the target schema "
                    + schema
                    + " does not exist and the target user "
                    + user
                    + " cannot create it",
                "create it, or GRANT CREATE ON DATABASE to " + user,
                schema));
      } else if (!ctx.plan().created().isEmpty()
          && !ctx.plan().createsSchema()
          && !schemaPrivilege(c, schema, "CREATE")) {
        out.add(
            Finding.error(
                "target-privilege",
                "the target user "
                    + user
                    + " cannot create the "
                    + ctx.plan().created().size()
                    + " missing table(s) in schema "
                    + schema,
                "GRANT CREATE ON SCHEMA " + schema + " TO " + user,
                schema));
      }
      Map<String, boolean[]> tables = tablePrivileges(c, schema);
      Map<String, Boolean> sequences = sequencePrivileges(c, schema);
      Map<String, List<String>> missing = new LinkedHashMap<>();
      for (TablePlan t : ctx.plan().loaded()) {
        boolean[] p = tables.get(t.target().name());
        if (p == null) {
          continue;
        }
        String[] names = {"SELECT on", "INSERT on", "TRUNCATE on"};
        for (int i = 0; i < names.length; i++) {
          if (!p[i]) {
            missing.computeIfAbsent(names[i], k -> new ArrayList<>()).add(t.target().name());
          }
        }
        for (TargetColumn col : t.target().columns()) {
          if (col.sequence() != null && !sequences.getOrDefault(col.sequence().name(), true)) {
            missing
                .computeIfAbsent("UPDATE on the sequence of", k -> new ArrayList<>())
                .add(t.target().name());
          }
        }
        boolean big = Math.max(0, t.source().rowsEstimate()) >= ctx.settings().indexRebuildRows();
        if ((big || owner != null) && !p[3]) {
          missing
              .computeIfAbsent(
                  owner == null
                      ? "ownership (to rebuild indexes) of"
                      : "ownership (to change the owner) of",
                  k -> new ArrayList<>())
              .add(t.target().name());
        }
      }
      missing.forEach(
          (privilege, names) ->
              out.add(
                  new Finding(
                      "target-privilege",
                      Severity.ERROR,
                      "the target user "
                          + user
                          + " lacks "
                          + privilege
                          + " "
                          + names.size()
                          + " table(s): "
                          + Checks.sample(names),
                      "run as the owner of the Moodle schema (or a superuser), or GRANT what is"
                          + " missing to "
                          + user,
                      names)));
    }
    return out;
  }

  private static boolean ownerRoleUsable(Connection c, String owner, List<Finding> out)
      throws SQLException {
    if (!bool(c, "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?)", owner)) {
      out.add(
          Finding.error(
              "target-owner-role",
              "the --owner role " + owner + " does not exist in the target",
              "CREATE ROLE " + Identifiers.postgres(owner) + " LOGIN (the role Moodle connects as)",
              owner));
      return false;
    }
    if (!bool(c, "SELECT pg_has_role(current_user, ?, 'MEMBER')", owner)) {
      out.add(
          Finding.error(
              "target-owner-role",
              "the target user is not a member of the --owner role "
                  + owner
                  + "; PostgreSQL lets only members give objects to a role",
              "GRANT "
                  + Identifiers.postgres(owner)
                  + " TO the target user, or connect as "
                  + owner,
              owner));
      return false;
    }
    return true;
  }

  /** SELECT, INSERT, TRUNCATE and ownership (membership of the owner role) of each table. */
  private static Map<String, boolean[]> tablePrivileges(Connection c, String schema)
      throws SQLException {
    Map<String, boolean[]> out = new java.util.HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT c.relname, has_table_privilege(c.oid, 'SELECT'), has_table_privilege(c.oid,"
                + " 'INSERT'), has_table_privilege(c.oid, 'TRUNCATE'), pg_has_role(current_user,"
                + " c.relowner, 'USAGE') FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('r', 'p')")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(
              rs.getString(1),
              new boolean[] {
                rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5)
              });
        }
      }
    }
    return out;
  }

  /** UPDATE (setval) on each sequence of the schema. */
  private static Map<String, Boolean> sequencePrivileges(Connection c, String schema)
      throws SQLException {
    Map<String, Boolean> out = new java.util.HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT s.relname, has_sequence_privilege(s.oid, 'UPDATE') FROM pg_catalog.pg_class s"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = s.relnamespace WHERE n.nspname = ?"
                + " AND s.relkind = 'S'")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getBoolean(2));
        }
      }
    }
    return out;
  }

  private static boolean schemaPrivilege(Connection c, String schema, String privilege)
      throws SQLException {
    return bool(
        c,
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?)"
            + " THEN has_schema_privilege(?, ?) ELSE false END",
        schema,
        schema,
        privilege);
  }

  private static boolean bool(Connection c, String sql, String... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }
}
