package org.moodlemigrate.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The small Moodle site that the {@code demo} command migrates: a source database on MySQL or
 * MariaDB with generated rows, and a target database on PostgreSQL with the empty schema that
 * Moodle's installer would have made there.
 *
 * <p>The 16 tables are real Moodle 4.5 core tables, their DDL copied from a real install on each
 * side (see {@code /demo/source-mysql.sql} and {@code /demo/target-postgresql.sql}). They were
 * chosen to exercise what makes Moodle migrations fail:
 *
 * <ul>
 *   <li>{@code tinyint(1)} columns holding 2 ({@code mdl_logstore_standard_log.edulevel}, {@code
 *       mdl_user.maildigest}) and -1 ({@code mdl_forum_digests.maildigest}), which a cast to
 *       boolean destroys; the target has {@code smallint} for all of them;
 *   <li>text in French, German, Polish and Japanese with emoji and the four-byte 𠮷, HTML over
 *       several lines, backslashes and tabs; {@code decimal} grades with {@code NULL}s;
 *   <li>{@code AUTO_INCREMENT} values above {@code max(id) + 1}, as deleted rows leave them, and an
 *       empty table whose counter has moved ({@code mdl_question}): the target's sequences must end
 *       up past them, or Moodle reuses ids of deleted rows;
 *   <li>a target that is not empty: it holds rows the installer wrote, so a load must truncate
 *       first, and its sequences have already advanced;
 *   <li>one large table, {@code mdl_logstore_standard_log}, as on every real site.
 * </ul>
 *
 * <p>The rows come from a fixed-seed generator, so a given scale always yields the same site. Scale
 * 1 is about 50,000 rows, 45,000 of them log entries; each step of scale adds as much again.
 */
public final class DemoSite {

  /** The demo tables, parents before children (the order they are generated in). */
  private static final List<String> TABLES =
      List.of(
          "mdl_config",
          "mdl_config_plugins",
          "mdl_user",
          "mdl_user_preferences",
          "mdl_course_categories",
          "mdl_course",
          "mdl_context",
          "mdl_enrol",
          "mdl_user_enrolments",
          "mdl_role_assignments",
          "mdl_forum",
          "mdl_forum_discussions",
          "mdl_forum_posts",
          "mdl_forum_digests",
          "mdl_grade_grades",
          "mdl_question",
          "mdl_logstore_standard_log");

  /**
   * How many ids of deleted rows lie above each table's highest remaining id: the source's {@code
   * AUTO_INCREMENT} is set to {@code max(id) + 1 + gap}. Chosen like a real site's history: two
   * deleted courses, unenrolled students, deleted posts, purged log entries, and 56 questions
   * created and deleted again.
   */
  private static final Map<String, Integer> DELETED_ID_GAPS =
      Map.of(
          "mdl_course", 2,
          "mdl_user_enrolments", 12,
          "mdl_role_assignments", 12,
          "mdl_forum_posts", 37,
          "mdl_grade_grades", 25,
          "mdl_question", 56,
          "mdl_logstore_standard_log", 1_500);

  private DemoSite() {}

  /** The names of the demo tables, parents before children. */
  public static List<String> tableNames() {
    return TABLES;
  }

  /**
   * Creates the demo tables in the connection's current database and fills them.
   *
   * <p>The database should be empty and use {@code utf8mb4}; Connector/J 8 and later talk {@code
   * utf8mb4} by default, which the four-byte characters need. Rows go in as multi-row {@code
   * INSERT}s of 500 rows, so speed does not depend on {@code rewriteBatchedStatements}; with
   * auto-commit on (the JDBC default) each such statement commits on its own.
   *
   * @param mysql a connection to MySQL or MariaDB
   * @param scale 1 for about 50,000 rows; larger values multiply people, courses and log entries
   * @throws IllegalArgumentException if {@code scale} is below 1
   */
  public static void createSource(Connection mysql, int scale) throws SQLException {
    if (scale < 1) {
      throw new IllegalArgumentException("scale must be at least 1, was " + scale);
    }
    SqlScript.run(mysql, "/demo/source-mysql.sql");
    Site site = new Site(scale);
    ConfigRows.write(mysql);
    try (Contexts contexts = new Contexts(mysql)) {
      Contexts.Context system = contexts.system();
      Contexts.Context frontPage = contexts.add(Contexts.COURSE, Site.SITE_COURSE_ID, system);
      UserRows.write(site, mysql, contexts, system);
      CourseRows.write(site, mysql, contexts, system, frontPage);
      ForumRows.write(site, mysql, contexts);
    }
    LogRows.write(site, mysql);
    leaveDeletedIdGaps(mysql);
    analyse(mysql);
  }

  /**
   * Brings the server's table statistics up to date, as they are on a site that has been running:
   * right after a bulk load InnoDB's row estimates are far off (a few thousand for 45,000 log
   * rows), and the plan and the progress display would show those.
   */
  private static void analyse(Connection mysql) throws SQLException {
    try (Statement statement = mysql.createStatement()) {
      statement.execute(
          "ANALYZE TABLE " + String.join(", ", TABLES.stream().map(t -> "`" + t + "`").toList()));
    }
  }

  /**
   * Creates the demo tables in the {@code public} schema of the connection's database, as Moodle's
   * installer would, together with a few of the installer's rows.
   *
   * @param postgres a connection to PostgreSQL, whose {@code public} schema has no demo tables yet
   */
  public static void createTarget(Connection postgres) throws SQLException {
    SqlScript.run(postgres, "/demo/target-postgresql.sql");
  }

  private static void leaveDeletedIdGaps(Connection mysql) throws SQLException {
    try (Statement statement = mysql.createStatement()) {
      for (String table : TABLES) {
        Integer gap = DELETED_ID_GAPS.get(table);
        if (gap == null) {
          continue;
        }
        long maxId;
        try (ResultSet max =
            statement.executeQuery("SELECT COALESCE(MAX(`id`), 0) FROM `" + table + "`")) {
          max.next();
          maxId = max.getLong(1);
        }
        statement.execute("ALTER TABLE `" + table + "` AUTO_INCREMENT = " + (maxId + 1 + gap));
      }
    }
  }
}
