package org.moodlemigrate.demo;

/**
 * The Moodle events the demo writes to {@code mdl_logstore_standard_log}, with the values Moodle's
 * event classes give them, and how often each occurs (relative weight).
 *
 * <p>{@code edulevel} is Moodle's {@code LEVEL_OTHER} (0), {@code LEVEL_TEACHING} (1) or {@code
 * LEVEL_PARTICIPATING} (2), stored in a {@code tinyint(1)}: the column that shows at once whether a
 * migration treated {@code tinyint(1)} as boolean. {@code crud} covers c, r, u and d.
 */
enum LogEvent {
  USER_LOGGEDIN(
      "\\core\\event\\user_loggedin", "core", "loggedin", "user", "user", "r", 0, Scope.SYSTEM, 10),
  DASHBOARD_VIEWED(
      "\\core\\event\\dashboard_viewed",
      "core",
      "viewed",
      "dashboard",
      null,
      "r",
      0,
      Scope.USER,
      8),
  SEARCH_RESULTS_VIEWED(
      "\\core\\event\\search_results_viewed",
      "core",
      "viewed",
      "search_results",
      null,
      "r",
      0,
      Scope.SYSTEM,
      2),
  COURSE_VIEWED(
      "\\core\\event\\course_viewed", "core", "viewed", "course", null, "r", 2, Scope.COURSE, 30),
  FORUM_VIEWED(
      "\\mod_forum\\event\\course_module_viewed",
      "mod_forum",
      "viewed",
      "course_module",
      "forum",
      "r",
      2,
      Scope.FORUM,
      20),
  DISCUSSION_VIEWED(
      "\\mod_forum\\event\\discussion_viewed",
      "mod_forum",
      "viewed",
      "discussion",
      "forum_discussions",
      "r",
      2,
      Scope.FORUM,
      15),
  DISCUSSION_CREATED(
      "\\mod_forum\\event\\discussion_created",
      "mod_forum",
      "created",
      "discussion",
      "forum_discussions",
      "c",
      2,
      Scope.FORUM,
      1),
  POST_CREATED(
      "\\mod_forum\\event\\post_created",
      "mod_forum",
      "created",
      "post",
      "forum_posts",
      "c",
      2,
      Scope.FORUM,
      4),
  POST_UPDATED(
      "\\mod_forum\\event\\post_updated",
      "mod_forum",
      "updated",
      "post",
      "forum_posts",
      "u",
      2,
      Scope.FORUM,
      1),
  POST_DELETED(
      "\\mod_forum\\event\\post_deleted",
      "mod_forum",
      "deleted",
      "post",
      "forum_posts",
      "d",
      2,
      Scope.FORUM,
      1),
  USER_GRADED(
      "\\core\\event\\user_graded",
      "core",
      "graded",
      "user",
      "grade_grades",
      "u",
      1,
      Scope.COURSE,
      3),
  GRADE_REPORT_VIEWED(
      "\\gradereport_grader\\event\\grade_report_viewed",
      "gradereport_grader",
      "viewed",
      "grade_report",
      null,
      "r",
      1,
      Scope.COURSE,
      2),
  COURSE_UPDATED(
      "\\core\\event\\course_updated",
      "core",
      "updated",
      "course",
      "course",
      "u",
      1,
      Scope.COURSE,
      1),
  USER_ENROLMENT_CREATED(
      "\\core\\event\\user_enrolment_created",
      "core",
      "created",
      "user_enrolment",
      "user_enrolments",
      "c",
      0,
      Scope.COURSE,
      1),
  ROLE_ASSIGNED(
      "\\core\\event\\role_assigned", "core", "assigned", "role", "role", "c", 0, Scope.COURSE, 1),
  USER_ENROLMENT_DELETED(
      "\\core\\event\\user_enrolment_deleted",
      "core",
      "deleted",
      "user_enrolment",
      "user_enrolments",
      "d",
      0,
      Scope.COURSE,
      1);

  /** Which context an event happens in. */
  enum Scope {
    SYSTEM,
    USER,
    COURSE,
    FORUM
  }

  final String eventName;
  final String component;
  final String action;
  final String target;
  final String objectTable;
  final String crud;
  final int eduLevel;
  final Scope scope;
  final int weight;

  LogEvent(
      String eventName,
      String component,
      String action,
      String target,
      String objectTable,
      String crud,
      int eduLevel,
      Scope scope,
      int weight) {
    this.eventName = eventName;
    this.component = component;
    this.action = action;
    this.target = target;
    this.objectTable = objectTable;
    this.crud = crud;
    this.eduLevel = eduLevel;
    this.scope = scope;
    this.weight = weight;
  }

  /**
   * Picks an event with probability proportional to its weight, given a uniform {@code [0, 1)}
   * draw.
   */
  static LogEvent pick(double draw) {
    int total = 0;
    for (LogEvent event : values()) {
      total += event.weight;
    }
    double point = draw * total;
    for (LogEvent event : values()) {
      point -= event.weight;
      if (point < 0) {
        return event;
      }
    }
    return values()[values().length - 1];
  }
}
