package org.moodlemigrate.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Writes the course side of the site: {@code mdl_course_categories}, {@code mdl_course} (the front
 * page plus {@code 20 × scale} courses), their contexts, the enrolment methods in {@code
 * mdl_enrol}, 30 people per course in {@code mdl_user_enrolments} and {@code mdl_role_assignments},
 * and two grades per student in {@code mdl_grade_grades}.
 *
 * <p>The grades are {@code decimal(10,5)} values with two significant decimals, as Moodle's
 * gradebook stores them ({@code 72.50000}); ungraded items keep {@code NULL}, which must stay
 * {@code NULL} and not become 0.
 */
final class CourseRows {

  /** A course category; its courses and sort order are derived from {@link #TITLES}. */
  private record Category(long id, String name, long parent, String idnumber) {}

  private record Title(String fullname, String code, long category, Language language) {}

  private static final List<Category> CATEGORIES =
      List.of(
          new Category(1, "Category 1", 0, null),
          new Category(2, "Sciences & Technik 🔬", 0, "SCI"),
          new Category(3, "Langues et littératures", 0, "LANG"),
          new Category(4, "Physique / Physik", 2, "SCI-PHY"),
          new Category(5, "Język polski i historia", 3, "LANG-PL"),
          new Category(6, "日本語・日本文化", 3, "LANG-JA"));

  private static final List<Title> TITLES =
      List.of(
          new Title("Introduction à la chimie organique", "CHIM101", 2, Language.FR),
          new Title("Grundlagen der Thermodynamik", "THERMO1", 4, Language.DE),
          new Title("Physique quantique avancée ⚛️", "PHYS402", 4, Language.FR),
          new Title("Analiza matematyczna I", "MAT101", 2, Language.PL),
          new Title("Data Science 101 📊", "DS101", 2, Language.EN),
          new Title("Économie européenne", "ECO210", 1, Language.FR),
          new Title("Einführung in die Rechtswissenschaft", "JUR100", 1, Language.DE),
          new Title("Historia Polski XX wieku", "HIST220", 5, Language.PL),
          new Title("Język polski dla obcokrajowców", "POL110", 5, Language.PL),
          new Title("日本語初級 I", "JPN101", 6, Language.JA),
          new Title("日本文化入門 🎎", "JPN150", 6, Language.JA),
          new Title("Littérature francophone contemporaine", "LIT305", 3, Language.FR),
          new Title("Creative Writing ✍️", "ENG230", 3, Language.EN));

  static final int PEOPLE_PER_COURSE = 30;
  private static final long STUDENT_ROLE = 5;
  private static final long EDITING_TEACHER_ROLE = 3;
  private static final long TEACHER_ROLE = 4;

  private final Site site;
  private final Connection connection;
  private final Contexts contexts;

  private CourseRows(Site site, Connection connection, Contexts contexts) {
    this.site = site;
    this.connection = connection;
    this.contexts = contexts;
  }

  /**
   * Writes the tables named in the class comment and records the courses in {@code site}. {@code
   * frontPage} is the front page's context, made by the caller because Moodle creates it second,
   * right after the system context.
   */
  static void write(
      Site site,
      Connection connection,
      Contexts contexts,
      Contexts.Context system,
      Contexts.Context frontPage)
      throws SQLException {
    new CourseRows(site, connection, contexts).write(system, frontPage);
  }

  private void write(Contexts.Context system, Contexts.Context frontPage) throws SQLException {
    int courseCount = 20 * site.scale;
    List<Contexts.Context> categoryContexts = categories(system, courseCount);
    try (MultiRowInsert courses =
        new MultiRowInsert(
            connection,
            "mdl_course",
            "id",
            "category",
            "sortorder",
            "fullname",
            "shortname",
            "idnumber",
            "summary",
            "summaryformat",
            "format",
            "showgrades",
            "newsitems",
            "startdate",
            "enddate",
            "visible",
            "visibleold",
            "groupmode",
            "lang",
            "timecreated",
            "timemodified",
            "enablecompletion",
            "cacherev",
            "showactivitydates",
            "showcompletionconditions")) {
      long installed = Site.YEAR_START - 60 * Site.DAY;
      courses.row(
          Site.SITE_COURSE_ID,
          0,
          1,
          "Campus Démo — plateforme d'apprentissage 🎓",
          "campus",
          "",
          "<p>Bienvenue ! Willkommen! Witamy! ようこそ！ Welcome!</p>",
          1,
          "site",
          1,
          3,
          0,
          0,
          1,
          1,
          0,
          "",
          installed,
          installed,
          0,
          installed,
          0,
          null);
      site.frontPage =
          new Site.Course(
              Site.SITE_COURSE_ID,
              frontPage,
              Language.FR,
              Site.YEAR_START,
              List.of(Site.ADMIN_ID),
              List.of());
      int[] positionInCategory = new int[CATEGORIES.size() + 1];
      for (int k = 0; k < courseCount; k++) {
        Title title = TITLES.get(k % TITLES.size());
        int edition = k / TITLES.size() + 1;
        long id = Site.SITE_COURSE_ID + 1 + k;
        int category = (int) title.category();
        long start = Site.YEAR_START + site.between(0, 4) * 7 * Site.DAY;
        long created = start - site.between(10, 40) * Site.DAY;
        long modified = created + site.between(0L, 30 * Site.DAY);
        boolean visible = site.chance(0.9);
        courses.row(
            id,
            category,
            category * 10_000L + ++positionInCategory[category],
            edition == 1 ? title.fullname() : title.fullname() + " (" + edition + ")",
            title.code() + "-" + edition,
            title.code() + "-" + edition,
            "<p>" + site.pick(title.language().sentences) + "</p>",
            1,
            site.chance(0.7) ? "topics" : "weeks",
            1,
            5,
            start,
            site.chance(0.8) ? start + 120 * Site.DAY : 0,
            visible ? 1 : 0,
            visible ? 1 : 0,
            site.chance(0.8) ? 0 : site.between(1, 2),
            title.language() == Language.JA ? "ja" : "",
            created,
            modified,
            1,
            modified,
            1,
            site.chance(0.5) ? 1 : null);
        Contexts.Context context =
            contexts.add(Contexts.COURSE, id, categoryContexts.get(category - 1));
        site.courses.add(enrol(id, context, title.language(), start));
      }
    }
    enrolments();
    grades();
  }

  /** Writes the fixed category tree with its contexts; returns the contexts by category id - 1. */
  private List<Contexts.Context> categories(Contexts.Context system, int courseCount)
      throws SQLException {
    List<Contexts.Context> categoryContexts = new ArrayList<>();
    try (MultiRowInsert categories =
        new MultiRowInsert(
            connection,
            "mdl_course_categories",
            "id",
            "name",
            "idnumber",
            "description",
            "descriptionformat",
            "parent",
            "sortorder",
            "coursecount",
            "visible",
            "visibleold",
            "timemodified",
            "depth",
            "path")) {
      for (Category category : CATEGORIES) {
        long courses = 0;
        for (int k = 0; k < courseCount; k++) {
          courses += TITLES.get(k % TITLES.size()).category() == category.id() ? 1 : 0;
        }
        boolean nested = category.parent() != 0;
        String path = (nested ? "/" + category.parent() : "") + "/" + category.id();
        categories.row(
            category.id(),
            category.name(),
            category.idnumber(),
            category.idnumber() == null ? null : "<p>" + category.name() + "</p>",
            1,
            category.parent(),
            category.id() * 10_000,
            courses,
            1,
            1,
            Site.YEAR_START - 30 * Site.DAY,
            nested ? 2 : 1,
            path);
        Contexts.Context parent =
            nested ? categoryContexts.get((int) category.parent() - 1) : system;
        categoryContexts.add(contexts.add(Contexts.COURSECAT, category.id(), parent));
      }
    }
    return categoryContexts;
  }

  /** Picks the course's two teachers and its students among the active users. */
  private Site.Course enrol(
      long courseId, Contexts.Context context, Language language, long start) {
    List<Long> people =
        new ArrayList<>(
            site.activeUsers().stream()
                .filter(u -> u.id() != Site.ADMIN_ID)
                .map(Site.User::id)
                .toList());
    Collections.shuffle(people, site.random);
    List<Long> chosen = people.subList(0, PEOPLE_PER_COURSE);
    return new Site.Course(
        courseId,
        context,
        language,
        start,
        List.copyOf(chosen.subList(0, 2)),
        List.copyOf(chosen.subList(2, chosen.size())));
  }

  /**
   * Writes three enrolment methods per course (manual, guest, self) and one user enrolment plus one
   * role assignment per participant. Students of courses with self enrolment switched on partly
   * came in that way.
   */
  private void enrolments() throws SQLException {
    try (MultiRowInsert enrol =
            new MultiRowInsert(
                connection,
                "mdl_enrol",
                "id",
                "enrol",
                "status",
                "courseid",
                "sortorder",
                "expirythreshold",
                "roleid",
                "customint1",
                "customint2",
                "customint3",
                "customint4",
                "customint5",
                "customint6",
                "password",
                "customtext1",
                "timecreated",
                "timemodified");
        MultiRowInsert userEnrolments =
            new MultiRowInsert(
                connection,
                "mdl_user_enrolments",
                "id",
                "status",
                "enrolid",
                "userid",
                "timestart",
                "timeend",
                "modifierid",
                "timecreated",
                "timemodified");
        MultiRowInsert roleAssignments =
            new MultiRowInsert(
                connection,
                "mdl_role_assignments",
                "id",
                "roleid",
                "contextid",
                "userid",
                "timemodified",
                "modifierid",
                "component",
                "itemid",
                "sortorder")) {
      long enrolId = 1;
      long userEnrolmentId = 1;
      for (Site.Course course : site.courses) {
        long created = course.startDate() - 20 * Site.DAY;
        long manual = enrolId++;
        enrol.row(
            manual,
            "manual",
            0,
            course.id(),
            0,
            86_400,
            STUDENT_ROLE,
            1,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            created,
            created);
        enrol.row(
            enrolId++,
            "guest",
            1,
            course.id(),
            1,
            0,
            0,
            null,
            null,
            null,
            null,
            null,
            null,
            "",
            null,
            created,
            created);
        boolean selfOpen = site.chance(0.3);
        long self = enrolId++;
        enrol.row(
            self,
            "self",
            selfOpen ? 0 : 1,
            course.id(),
            2,
            86_400,
            STUDENT_ROLE,
            0,
            0,
            0,
            1,
            0,
            1,
            null,
            selfOpen ? "<p>" + site.pick(course.language().sentences) + "</p>" : null,
            created,
            created);
        List<Long> participants = course.participants();
        for (int i = 0; i < participants.size(); i++) {
          long userId = participants.get(i);
          boolean viaSelf = i >= 2 && selfOpen && site.chance(0.4);
          long when = created + site.between(0L, 30 * Site.DAY);
          long modifier = viaSelf ? userId : Site.ADMIN_ID;
          userEnrolments.row(
              userEnrolmentId,
              site.chance(0.05) ? 1 : 0,
              viaSelf ? self : manual,
              userId,
              course.startDate(),
              0,
              modifier,
              when,
              when);
          long role = i == 0 ? EDITING_TEACHER_ROLE : i == 1 ? TEACHER_ROLE : STUDENT_ROLE;
          roleAssignments.row(
              userEnrolmentId, role, course.context().id(), userId, when, modifier, "", 0, 0);
          userEnrolmentId++;
        }
      }
    }
  }

  /**
   * Writes, per student, the grade of the course's forum item and the course total. Grade item ids
   * are {@code 2k+1} (course total) and {@code 2k+2} (forum) for the k-th course; the demo has no
   * {@code mdl_grade_items}, and the tool does not need it.
   */
  private void grades() throws SQLException {
    try (MultiRowInsert grades =
        new MultiRowInsert(
            connection,
            "mdl_grade_grades",
            "id",
            "itemid",
            "userid",
            "rawgrade",
            "rawgrademax",
            "rawgrademin",
            "usermodified",
            "finalgrade",
            "overridden",
            "feedback",
            "feedbackformat",
            "timecreated",
            "timemodified",
            "aggregationstatus",
            "aggregationweight")) {
      BigDecimal max = new BigDecimal("100.00000");
      BigDecimal min = new BigDecimal("0.00000");
      long id = 1;
      for (int k = 0; k < site.courses.size(); k++) {
        Site.Course course = site.courses.get(k);
        long teacher = course.teachers().get(0);
        for (long student : course.students()) {
          boolean graded = site.chance(0.8);
          BigDecimal grade =
              graded ? BigDecimal.valueOf(site.between(0, 10_000), 2).setScale(5) : null;
          long when = course.startDate() + site.between(30L, 110L) * Site.DAY;
          String feedback =
              graded && site.chance(0.3)
                  ? "<p>" + site.pick(course.language().sentences) + "</p>"
                  : null;
          grades.row(
              id++,
              2L * k + 2,
              student,
              grade,
              max,
              min,
              graded ? teacher : null,
              grade,
              0,
              feedback,
              1,
              when,
              when,
              graded ? "used" : "novalue",
              graded ? new BigDecimal("1.00000") : null);
          boolean overridden = graded && site.chance(0.05);
          BigDecimal total = overridden ? new BigDecimal("100.00000") : grade;
          grades.row(
              id++,
              2L * k + 1,
              student,
              null,
              max,
              min,
              overridden ? teacher : null,
              total,
              overridden ? when : 0,
              null,
              1,
              when,
              when,
              "unknown",
              null);
        }
      }
    }
  }
}
