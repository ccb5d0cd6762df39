package org.moodlemigrate.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the forums: {@code mdl_forum} (an announcements forum and a discussion forum per course,
 * plus the front page's site announcements), their module contexts, {@code mdl_forum_discussions},
 * {@code mdl_forum_posts} and {@code mdl_forum_digests}.
 *
 * <p>Posts are where user text lives, so they carry what breaks naive copying: HTML over several
 * lines, accents, emoji, a TeX formula and a Windows path full of backslashes, a tab. The flags
 * hold Moodle's real ranges: {@code mailed} is 0, 1 or 2 (pending, sent, failed), and a digest
 * preference is -1 (use the profile default), 0, 1 or 2 in a {@code tinyint(1)} column.
 *
 * <p>Module contexts use the forum id as instance id; the demo has no {@code mdl_course_modules},
 * whose id Moodle would use.
 */
final class ForumRows {

  private static final List<String> EXTRAS =
      List.of(
          "<ul>\n<li>Chapitre 1 – Einführung</li>\n<li>Rozdział 2 ✅</li>\n</ul>",
          "<p><a href=\"https://docs.moodle.org/405/en/Forum_activity\">docs.moodle.org</a></p>",
          "<p><img src=\"@@PLUGINFILE@@/sch%C3%A9ma.png\" alt=\"schéma – Übersicht\" width=\"320\""
              + " height=\"240\"></p>",
          "<p>$$\\int_0^1 x^2\\,dx = \\frac{1}{3}$$</p>",
          "<pre>C:\\Users\\student\\Documents\\rapport_final.docx\n\tstatus: ok\n\\.</pre>");

  private static final String[] POST_COLUMNS = {
    "id",
    "discussion",
    "parent",
    "userid",
    "created",
    "modified",
    "mailed",
    "subject",
    "message",
    "messageformat",
    "messagetrust",
    "attachment",
    "totalscore",
    "mailnow",
    "deleted",
    "privatereplyto",
    "wordcount",
    "charcount",
  };

  private final Site site;
  private final Connection connection;
  private long nextDiscussionId = 1;
  private long nextPostId = 1;

  private ForumRows(Site site, Connection connection) {
    this.site = site;
    this.connection = connection;
  }

  static void write(Site site, Connection connection, Contexts contexts) throws SQLException {
    new ForumRows(site, connection).write(contexts);
  }

  private void write(Contexts contexts) throws SQLException {
    try (MultiRowInsert forums =
            new MultiRowInsert(
                connection,
                "mdl_forum",
                "id",
                "course",
                "type",
                "name",
                "intro",
                "introformat",
                "assessed",
                "scale",
                "grade_forum",
                "forcesubscribe",
                "trackingtype",
                "maxattachments",
                "timemodified",
                "displaywordcount");
        MultiRowInsert discussions =
            new MultiRowInsert(
                connection,
                "mdl_forum_discussions",
                "id",
                "course",
                "forum",
                "name",
                "firstpost",
                "userid",
                "groupid",
                "assessed",
                "timemodified",
                "usermodified",
                "timestart",
                "timeend",
                "pinned",
                "timelocked");
        MultiRowInsert posts = new MultiRowInsert(connection, "mdl_forum_posts", POST_COLUMNS)) {
      long forumId = 1;
      List<Site.Course> courses = new ArrayList<>();
      courses.add(site.frontPage);
      courses.addAll(site.courses);
      for (Site.Course course : courses) {
        boolean frontPage = course == site.frontPage;
        for (String type :
            frontPage ? List.of("news") : List.of("news", site.chance(0.8) ? "general" : "qanda")) {
          boolean news = type.equals("news");
          boolean graded = !news && site.chance(0.3);
          String name =
              frontPage
                  ? "Annonces du site"
                  : news ? course.language().announcementsForum : course.language().discussionForum;
          forums.row(
              forumId,
              course.id(),
              type,
              name,
              "<p>" + site.pick(course.language().sentences) + "</p>",
              1,
              graded ? 1 : 0,
              graded ? 100 : 0,
              graded ? 100 : 0,
              news ? 1 : 0,
              1,
              1,
              course.startDate(),
              site.chance(0.2) ? 1 : 0);
          Contexts.Context context = contexts.add(Contexts.MODULE, forumId, course.context());
          long firstDiscussion = nextDiscussionId;
          long firstPost = nextPostId;
          int discussionCount = frontPage ? 2 : news ? 3 : 6;
          for (int d = 0; d < discussionCount; d++) {
            discussion(discussions, posts, forumId, course, news, d);
          }
          site.forums.add(
              new Site.Forum(
                  forumId,
                  course,
                  context.id(),
                  type,
                  firstDiscussion,
                  nextDiscussionId - 1,
                  firstPost,
                  nextPostId - 1));
          forumId++;
        }
      }
    }
    digests();
  }

  /** Writes one discussion with its first post and replies. */
  private void discussion(
      MultiRowInsert discussions,
      MultiRowInsert posts,
      long forumId,
      Site.Course course,
      boolean news,
      int number)
      throws SQLException {
    List<Long> people = course.participants();
    long author = news ? course.teachers().get(0) : site.pick(people);
    String name = site.pick(site.user(author).language().subjects);
    long discussionId = nextDiscussionId++;
    long firstPost = nextPostId;
    long time = course.startDate() + number * 14L * Site.DAY + site.between(0L, 7 * Site.DAY);
    List<Long> authors = new ArrayList<>(List.of(author));
    post(posts, discussionId, 0, author, time, name, 0);
    int replies = news ? site.between(0, 1) : site.between(0, 8);
    for (int r = 0; r < replies; r++) {
      time += site.between(600L, 2 * Site.DAY);
      int parentIndex = site.random.nextInt(authors.size());
      long replier = site.pick(people);
      long privateTo = !news && site.chance(0.03) ? authors.get(parentIndex) : 0;
      post(posts, discussionId, firstPost + parentIndex, replier, time, "Re: " + name, privateTo);
      authors.add(replier);
    }
    discussions.row(
        discussionId,
        course.id(),
        forumId,
        name,
        firstPost,
        author,
        -1,
        0,
        time,
        authors.get(authors.size() - 1),
        0,
        0,
        site.chance(0.05) ? 1 : 0,
        0);
  }

  private void post(
      MultiRowInsert posts,
      long discussionId,
      long parent,
      long author,
      long created,
      String subject,
      long privateReplyTo)
      throws SQLException {
    boolean deleted = parent != 0 && site.chance(0.02);
    String message = deleted ? "" : message(site.user(author).language());
    String text = message.replaceAll("<[^>]*>", " ").strip();
    boolean counted = site.chance(0.8);
    double mailed = site.random.nextDouble();
    posts.row(
        nextPostId++,
        discussionId,
        parent,
        author,
        created,
        created + (site.chance(0.1) ? site.between(60L, Site.DAY) : 0),
        mailed < 0.96 ? 1 : mailed < 0.98 ? 0 : 2,
        deleted ? "" : subject,
        message,
        1,
        0,
        site.chance(0.1) ? "1" : "",
        0,
        0,
        deleted ? 1 : 0,
        privateReplyTo,
        counted ? (text.isEmpty() ? 0L : (long) text.split("\\s+").length) : null,
        counted ? (long) text.codePointCount(0, text.length()) : null);
  }

  /**
   * One to three paragraphs in the author's language, sometimes with a list, link, image, formula
   * or path.
   */
  private String message(Language language) {
    StringBuilder html = new StringBuilder();
    int paragraphs = site.between(1, 3);
    for (int p = 0; p < paragraphs; p++) {
      html.append(p == 0 ? "" : "\n")
          .append("<p>")
          .append(site.pick(language.sentences))
          .append("</p>");
    }
    if (site.chance(0.25)) {
      html.append('\n').append(site.pick(EXTRAS));
    }
    return html.toString();
  }

  /** Per-forum digest choices of five participants of each discussion forum. */
  private void digests() throws SQLException {
    try (MultiRowInsert digests =
        new MultiRowInsert(
            connection, "mdl_forum_digests", "id", "userid", "forum", "maildigest")) {
      long id = 1;
      for (Site.Forum forum : site.forums) {
        if (forum.type().equals("news")) {
          continue;
        }
        for (long user : forum.course().students().subList(0, 5)) {
          digests.row(id++, user, forum.id(), site.between(-1, 2));
        }
      }
    }
  }
}
