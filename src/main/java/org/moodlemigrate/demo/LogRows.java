package org.moodlemigrate.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code mdl_logstore_standard_log}, the table that dominates every real Moodle database:
 * {@code 45,000 × scale} events over the academic year, in time order, each pointing at the users,
 * courses, forums, discussions and posts that exist.
 *
 * <p>{@code eventname} holds PHP class names full of backslashes ({@code
 * \core\event\course_viewed}), and {@code other} holds JSON written the way PHP's {@code
 * json_encode} writes it, every non-ASCII character as a <code>&#92;uXXXX</code> escape (emoji as
 * surrogate pairs), or the string {@code null}. Both are traps for a hand-written COPY encoder.
 */
final class LogRows {

  private static final List<String> SEARCHES =
      List.of(
          "théorème de Gödel",
          "Übungsblatt 3 Lösung",
          "kolokwium zaliczeniowe",
          "期末試験 📅",
          "C:\\Users\\student",
          "\"exact phrase\" -minus");

  /**
   * Serialises {@code other} as PHP's {@code json_encode} does: every non-ASCII character escaped.
   */
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private final Site site;
  private final List<Site.User> activeUsers;
  private final List<Site.Forum> courseForums;

  private LogRows(Site site) {
    this.site = site;
    this.activeUsers = site.activeUsers();
    this.courseForums = site.forums.stream().filter(f -> f.course() != site.frontPage).toList();
  }

  static void write(Site site, Connection connection) throws SQLException {
    new LogRows(site).write(connection);
  }

  private void write(Connection connection) throws SQLException {
    long count = 45_000L * site.scale;
    try (MultiRowInsert log =
        new MultiRowInsert(
            connection,
            "mdl_logstore_standard_log",
            "id",
            "eventname",
            "component",
            "action",
            "target",
            "objecttable",
            "objectid",
            "crud",
            "edulevel",
            "contextid",
            "contextlevel",
            "contextinstanceid",
            "userid",
            "courseid",
            "relateduserid",
            "anonymous",
            "other",
            "timecreated",
            "origin",
            "ip",
            "realuserid")) {
      for (long i = 0; i < count; i++) {
        LogEvent event = LogEvent.pick(site.random.nextDouble());
        long time = Site.YEAR_START + i * Site.YEAR_LENGTH / count;
        Row row =
            switch (event.scope) {
              case SYSTEM, USER -> personal(event);
              case COURSE -> inCourse(event, site.pick(site.courses));
              case FORUM -> inForum(event, site.pick(courseForums));
            };
        double origin = site.random.nextDouble();
        String via = origin < 0.92 ? "web" : origin < 0.97 ? "ws" : "cli";
        log.row(
            i + 1,
            event.eventName,
            event.component,
            event.action,
            event.target,
            event.objectTable,
            row.objectId,
            event.crud,
            event.eduLevel,
            row.contextId,
            row.contextLevel,
            row.contextInstanceId,
            row.userId,
            row.courseId,
            row.relatedUserId,
            0,
            json(row.other),
            time,
            via,
            via.equals("cli") ? null : ip(),
            row.userId != Site.ADMIN_ID && site.chance(0.003) ? Site.ADMIN_ID : null);
      }
    }
  }

  /** The parts of a log row that depend on the event's context. */
  private record Row(
      Long objectId,
      long contextId,
      int contextLevel,
      long contextInstanceId,
      long userId,
      long courseId,
      Long relatedUserId,
      Map<String, Object> other) {}

  private Row personal(LogEvent event) {
    Site.User user = site.pick(activeUsers);
    return switch (event) {
      case USER_LOGGEDIN ->
          new Row(
              user.id(),
              Site.SYSTEM_CONTEXT_ID,
              Contexts.SYSTEM,
              0,
              user.id(),
              0,
              null,
              object("username", user.username()));
      case SEARCH_RESULTS_VIEWED ->
          new Row(
              null,
              Site.SYSTEM_CONTEXT_ID,
              Contexts.SYSTEM,
              0,
              user.id(),
              0,
              null,
              object("q", site.pick(SEARCHES), "page", 0));
      default ->
          new Row(null, user.contextId(), Contexts.USER, user.id(), user.id(), 0, null, null);
    };
  }

  private Row inCourse(LogEvent event, Site.Course course) {
    boolean byTeacher = event.eduLevel == 1;
    boolean aboutStudent = !event.crud.equals("r") && event != LogEvent.COURSE_UPDATED;
    long actor =
        byTeacher
            ? site.pick(course.teachers())
            : aboutStudent ? Site.ADMIN_ID : site.pick(course.participants());
    Long related = aboutStudent ? site.pick(course.students()) : null;
    long enrolments = (long) CourseRows.PEOPLE_PER_COURSE * site.courses.size();
    Long objectId =
        switch (event) {
          case USER_GRADED -> site.between(1L, 2L * course.students().size() * site.courses.size());
          case COURSE_UPDATED -> course.id();
          case USER_ENROLMENT_CREATED, USER_ENROLMENT_DELETED -> site.between(1L, enrolments);
          case ROLE_ASSIGNED -> 5L;
          default -> null;
        };
    Map<String, Object> other =
        switch (event) {
          case USER_GRADED ->
              object(
                  "itemid",
                  2L * site.courses.indexOf(course) + 2,
                  "overridden",
                  false,
                  "finalgrade",
                  site.between(0, 10_000) / 100.0);
          case COURSE_UPDATED ->
              object(
                  "updatedfields",
                  object("summary", "<p>" + site.pick(course.language().sentences) + "</p>"));
          case USER_ENROLMENT_CREATED, USER_ENROLMENT_DELETED -> object("enrol", "manual");
          case ROLE_ASSIGNED ->
              object("id", site.between(1L, enrolments), "component", "", "itemid", 0);
          default -> null;
        };
    return new Row(
        objectId,
        course.context().id(),
        Contexts.COURSE,
        course.id(),
        actor,
        course.id(),
        related,
        other);
  }

  private Row inForum(LogEvent event, Site.Forum forum) {
    long actor = site.pick(forum.course().participants());
    long discussion = site.between(forum.firstDiscussion(), forum.lastDiscussion());
    Long objectId =
        switch (event) {
          case FORUM_VIEWED -> forum.id();
          case DISCUSSION_VIEWED, DISCUSSION_CREATED -> discussion;
          default -> site.between(forum.firstPost(), forum.lastPost());
        };
    Map<String, Object> other =
        switch (event) {
          case FORUM_VIEWED -> null;
          case DISCUSSION_VIEWED, DISCUSSION_CREATED -> object("forumid", forum.id());
          default ->
              object("discussionid", discussion, "forumid", forum.id(), "forumtype", forum.type());
        };
    return new Row(
        objectId,
        forum.contextId(),
        Contexts.MODULE,
        forum.id(),
        actor,
        forum.course().id(),
        null,
        other);
  }

  /** Documentation addresses only (RFC 5737, RFC 3849): a fifth of the visitors come over IPv6. */
  private String ip() {
    return site.chance(0.8)
        ? "203.0.113." + site.between(1, 254)
        : "2001:db8::" + Integer.toHexString(site.between(1, 0xffff));
  }

  /** A JSON object with keys in the given order; {@code Map.of} would not keep it stable. */
  private static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      object.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return object;
  }

  private static String json(Map<String, Object> other) {
    try {
      return JSON.writeValueAsString(other);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise log data " + other, e);
    }
  }
}
