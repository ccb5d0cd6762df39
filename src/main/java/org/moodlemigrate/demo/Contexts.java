package org.moodlemigrate.demo;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Writes {@code mdl_context}, Moodle's tree of permission contexts, as the other generators create
 * the things that own a context.
 *
 * <p>Every context stores its materialised {@code path} of context ids ({@code /1/3/17}) and its
 * {@code depth}; Moodle finds sub-contexts with {@code path LIKE '/1/3/%'}, which is why the
 * PostgreSQL schema has the extra {@code varchar_pattern_ops} index {@code
 * mdl_cont_pat_ix_pattern}. Ids are handed out in creation order, as Moodle's own inserts do.
 */
final class Contexts implements AutoCloseable {

  static final int SYSTEM = 10;
  static final int USER = 30;
  static final int COURSECAT = 40;
  static final int COURSE = 50;
  static final int MODULE = 70;

  /** A written context: its id and path, which children extend. */
  record Context(long id, String path) {

    int depth() {
      return (int) path.chars().filter(c -> c == '/').count();
    }
  }

  private final MultiRowInsert rows;
  private long nextId = 1;

  Contexts(Connection connection) {
    this.rows =
        new MultiRowInsert(
            connection,
            "mdl_context",
            "id",
            "contextlevel",
            "instanceid",
            "path",
            "depth",
            "locked");
  }

  /** Writes the system context, the root of the tree (id 1, path {@code /1}). */
  Context system() throws SQLException {
    return add(SYSTEM, 0, "");
  }

  /** Writes a context below {@code parent}. */
  Context add(int level, long instanceId, Context parent) throws SQLException {
    return add(level, instanceId, parent.path());
  }

  private Context add(int level, long instanceId, String parentPath) throws SQLException {
    Context context = new Context(nextId, parentPath + "/" + nextId);
    nextId++;
    rows.row(context.id(), level, instanceId, context.path(), context.depth(), 0);
    return context;
  }

  @Override
  public void close() throws SQLException {
    rows.close();
  }
}
