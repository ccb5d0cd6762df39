package org.moodlemigrate.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What the generators of the demo site have created so far, so that later tables can point at
 * earlier rows (enrolments at users and courses, posts at discussions, log rows at all of them),
 * plus the one {@link Random} that every generator draws from.
 *
 * <p>One fixed seed and a fixed order of drawing make the site identical on every run: tests can
 * assert exact row counts, and a migration's checksums can be compared between runs.
 */
final class Site {

  /** 2024-09-01 00:00 UTC: the start of the academic year the site covers. */
  static final long YEAR_START = 1_725_148_800L;

  /** The site's generated activity spans 300 days from {@link #YEAR_START}. */
  static final long YEAR_LENGTH = 300L * 86_400;

  static final long DAY = 86_400L;

  static final long GUEST_ID = 1;
  static final long ADMIN_ID = 2;
  static final long SITE_COURSE_ID = 1;
  static final long SYSTEM_CONTEXT_ID = 1;

  /** A person. {@code contextId} is 0 for deleted users, who have no context. */
  record User(long id, String username, Language language, boolean deleted, long contextId) {}

  /** A course with the people enrolled in it (no deleted users among them). */
  record Course(
      long id,
      Contexts.Context context,
      Language language,
      long startDate,
      List<Long> teachers,
      List<Long> students) {

    List<Long> participants() {
      List<Long> all = new ArrayList<>(teachers);
      all.addAll(students);
      return all;
    }
  }

  /** A forum with the id ranges of its discussions and posts (a forum has at least one). */
  record Forum(
      long id,
      Course course,
      long contextId,
      String type,
      long firstDiscussion,
      long lastDiscussion,
      long firstPost,
      long lastPost) {}

  final int scale;
  final Random random = new Random(20241007L);
  final List<User> users = new ArrayList<>();

  /** The front page, Moodle's course 1; nobody is enrolled in it. */
  Course frontPage;

  /** The real courses, without the front page. */
  final List<Course> courses = new ArrayList<>();

  final List<Forum> forums = new ArrayList<>();

  Site(int scale) {
    this.scale = scale;
  }

  /** Users who can log in and take part: not deleted, not the guest. */
  List<User> activeUsers() {
    return users.stream().filter(u -> !u.deleted() && u.id() != GUEST_ID).toList();
  }

  /** The user with this id; users are created with ids 1, 2, 3, ... in list order. */
  User user(long id) {
    return users.get((int) id - 1);
  }

  /** A random int in {@code [low, high]}. */
  int between(int low, int high) {
    return low + random.nextInt(high - low + 1);
  }

  /** A random long in {@code [low, high]}. */
  long between(long low, long high) {
    return low + (long) (random.nextDouble() * (high - low + 1));
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
