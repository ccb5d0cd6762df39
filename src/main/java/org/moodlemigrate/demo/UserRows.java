package org.moodlemigrate.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Writes {@code mdl_user} (guest, admin and {@code 200 × scale} people), their user contexts and
 * {@code mdl_user_preferences}.
 *
 * <p>Values follow what Moodle itself stores: SHA-512 crypt password hashes, Unix timestamps in the
 * {@code bigint(10)} time columns, {@code maildigest} 0, 1 <em>or 2</em> in a {@code tinyint(1)}
 * column, and deleted users kept as rows whose user name becomes {@code email.timestamp} and whose
 * e-mail becomes the MD5 of that, as {@code delete_user()} does.
 */
final class UserRows {

  private static final String[] COLUMNS = {
    "id",
    "auth",
    "confirmed",
    "policyagreed",
    "deleted",
    "suspended",
    "mnethostid",
    "username",
    "password",
    "idnumber",
    "firstname",
    "lastname",
    "email",
    "emailstop",
    "institution",
    "city",
    "country",
    "lang",
    "timezone",
    "firstaccess",
    "lastaccess",
    "lastlogin",
    "currentlogin",
    "lastip",
    "description",
    "descriptionformat",
    "mailformat",
    "maildigest",
    "maildisplay",
    "autosubscribe",
    "trackforums",
    "timecreated",
    "timemodified",
    "firstnamephonetic",
    "lastnamephonetic",
    "middlename",
    "alternatename",
  };
  private static final String CRYPT_ALPHABET =
      "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final List<String> NICKNAMES =
      List.of("Mimi 🐱", "Le Grand Jojo", "Żabka 🐸", "ゆいちゃん", "Scotty");
  private static final List<String> MIDDLE_NAMES =
      List.of("Maria", "Józef", "Anne-Sophie", "Karl-Heinz");
  private static final List<String[]> PREFERENCES =
      List.of(
          new String[] {"block_myoverview_user_sort_preference", "lastaccessed"},
          new String[] {"drawer-open-index", "1"},
          new String[] {"htmleditor", "tiny"},
          new String[] {"forum_discussionlistsortorder", "1"},
          new String[] {"message_provider_moodle_instantmessage_enabled", "popup,email"},
          new String[] {"tool_usertours_tour_completion_time_2", "1725321600"});

  private final Site site;
  private final Connection connection;
  private final Set<String> usernames = new HashSet<>();

  private UserRows(Site site, Connection connection) {
    this.site = site;
    this.connection = connection;
  }

  static void write(Site site, Connection connection, Contexts contexts, Contexts.Context system)
      throws SQLException {
    new UserRows(site, connection).write(contexts, system);
  }

  private void write(Contexts contexts, Contexts.Context system) throws SQLException {
    try (MultiRowInsert users = new MultiRowInsert(connection, "mdl_user", COLUMNS);
        MultiRowInsert preferences =
            new MultiRowInsert(
                connection, "mdl_user_preferences", "id", "userid", "name", "value")) {
      long installed = Site.YEAR_START - 60 * Site.DAY;
      long yearEnd = Site.YEAR_START + Site.YEAR_LENGTH;
      users.row(
          Site.GUEST_ID,
          "manual",
          1,
          0,
          0,
          0,
          1,
          "guest",
          password(),
          "",
          "Guest user",
          " ",
          "root@localhost",
          0,
          "",
          "",
          "",
          "en",
          "99",
          0,
          0,
          0,
          0,
          "",
          "This user is a special user that allows read-only access to some courses.",
          1,
          1,
          0,
          2,
          1,
          0,
          0,
          installed,
          null,
          null,
          null,
          null);
      site.users.add(
          new Site.User(
              Site.GUEST_ID,
              "guest",
              Language.EN,
              false,
              contexts.add(Contexts.USER, Site.GUEST_ID, system).id()));
      users.row(
          Site.ADMIN_ID,
          "manual",
          1,
          0,
          0,
          0,
          1,
          "admin",
          password(),
          "",
          "Admin",
          "User",
          "admin@demo.example.org",
          0,
          "",
          "Besançon",
          "FR",
          "fr",
          "99",
          installed,
          yearEnd,
          yearEnd - Site.DAY,
          yearEnd,
          "192.0.2.1",
          null,
          1,
          1,
          0,
          1,
          1,
          0,
          installed,
          installed,
          null,
          null,
          null,
          null);
      site.users.add(
          new Site.User(
              Site.ADMIN_ID,
              "admin",
              Language.FR,
              false,
              contexts.add(Contexts.USER, Site.ADMIN_ID, system).id()));

      long preferenceId = 1;
      preferences.row(preferenceId++, Site.ADMIN_ID, "htmleditor", "tiny");
      for (long id = Site.ADMIN_ID + 1; id <= Site.ADMIN_ID + 200L * site.scale; id++) {
        boolean deleted = site.chance(0.03);
        long contextId = deleted ? 0 : contexts.add(Contexts.USER, id, system).id();
        site.users.add(person(users, id, deleted, contextId));
        if (!deleted) {
          preferences.row(preferenceId++, id, "core_message_migrate_data", "1");
          preferences.row(
              preferenceId++,
              id,
              "login_failed_count_since_success",
              String.valueOf(site.between(0, 3)));
          String[] extra = site.pick(PREFERENCES);
          preferences.row(preferenceId++, id, extra[0], extra[1]);
        }
      }
    }
  }

  /** Writes one generated person. */
  private Site.User person(MultiRowInsert users, long id, boolean deleted, long contextId)
      throws SQLException {
    Language language = site.pick(List.of(Language.values()));
    String first = site.pick(language.firstNames);
    String last = site.pick(language.lastNames);
    String username = uniqueUsername(Language.ascii(first) + "." + Language.ascii(last));
    String email = username + "@demo.example.org";
    long created = site.between(Site.YEAR_START - 60 * Site.DAY, Site.YEAR_START + 30 * Site.DAY);
    boolean everLoggedIn = site.chance(0.9);
    long firstAccess = everLoggedIn ? created + site.between(0L, 10 * Site.DAY) : 0;
    long lastAccess =
        everLoggedIn ? site.between(firstAccess, Site.YEAR_START + Site.YEAR_LENGTH) : 0;
    long lastLogin = everLoggedIn ? site.between(firstAccess, lastAccess) : 0;
    long modified = created + (site.chance(0.3) ? site.between(0L, 90 * Site.DAY) : 0);
    if (deleted) {
      modified = site.between(created, Site.YEAR_START + Site.YEAR_LENGTH);
      username = email + "." + modified;
      email = md5(username);
    }
    String description =
        site.chance(0.4)
            ? "<p>" + site.pick(language.sentences) + "</p>\n<p>" + language.institution + "</p>"
            : null;
    boolean japanese = language == Language.JA;
    users.row(
        id,
        site.chance(0.85) ? "manual" : "email",
        1,
        site.chance(0.7) ? 1 : 0,
        deleted ? 1 : 0,
        site.chance(0.02) ? 1 : 0,
        1,
        username,
        password(),
        deleted ? "" : "S" + (2024_0000 + id),
        Language.display(first),
        Language.display(last),
        email,
        0,
        language.institution,
        site.pick(language.cities),
        language.country,
        language.code,
        site.chance(0.6) ? "99" : language.timezone,
        firstAccess,
        lastAccess,
        lastLogin,
        lastAccess,
        everLoggedIn ? ip() : "",
        description,
        1,
        1,
        site.chance(0.7) ? 0 : site.between(1, 2),
        site.between(0, 2),
        site.chance(0.8) ? 1 : 0,
        site.chance(0.5) ? 1 : 0,
        created,
        modified,
        japanese ? capitalize(Language.ascii(first)) : null,
        japanese ? capitalize(Language.ascii(last)) : null,
        site.chance(0.1) ? site.pick(MIDDLE_NAMES) : null,
        site.chance(0.05) ? site.pick(NICKNAMES) : null);
    return new Site.User(id, username, language, deleted, contextId);
  }

  private String uniqueUsername(String base) {
    String candidate = base;
    for (int n = 2; !usernames.add(candidate); n++) {
      candidate = base + n;
    }
    return candidate;
  }

  /** A random string shaped like the {@code $6$} SHA-512 crypt hash that Moodle stores. */
  private String password() {
    return "$6$rounds=10000$" + cryptChars(16) + "$" + cryptChars(86);
  }

  private String cryptChars(int length) {
    StringBuilder chars = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      chars.append(CRYPT_ALPHABET.charAt(site.random.nextInt(CRYPT_ALPHABET.length())));
    }
    return chars.toString();
  }

  private String ip() {
    return "198.51.100." + site.between(1, 254);
  }

  private static String capitalize(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  private static String md5(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has MD5", e);
    }
  }
}
