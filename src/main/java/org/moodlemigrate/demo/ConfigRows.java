package org.moodlemigrate.demo;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Writes {@code mdl_config}: real Moodle 4.5 setting names with the values a French-speaking
 * multilingual campus would choose. The names also exist in the target's installer rows, so the
 * demo shows the target's values being replaced, not merged (a merge would hit the unique index
 * {@code mdl_conf_nam_uix}).
 */
final class ConfigRows {

  private static final String[][] SETTINGS = {
    {"rolesactive", "1"},
    {"auth", "email"},
    {"enrol_plugins_enabled", "manual,guest,self,cohort"},
    {"theme", "boost"},
    {"siteidentifier", "Qx7mB2vN9cR4tY8uW1eZ5aL3kH6jD0fGdemo.example.org"},
    {"mnet_localhost_id", "1"},
    {"mnet_all_hosts_id", "2"},
    {"siteguest", "1"},
    {"siteadmins", "2"},
    {"version", "2024100700.09"},
    {"release", "4.5+ (Build: 20241205)"},
    {"branch", "405"},
    {"allversionshash", "1ddae8e58d53ad5d60334130cb553b4e70f8d392"},
    {"lang", "fr"},
    {"langlist", "en,fr,de,pl,ja"},
    {"timezone", "Europe/Paris"},
    {"country", "FR"},
    {"defaultcity", "Besançon"},
    {"sessiontimeout", "28800"},
    {"texteditors", "tiny,textarea"},
    {"enablecompletion", "1"},
    {"enableoutcomes", "0"},
    {"usecomments", "1"},
    {"usetags", "1"},
    {"notloggedinroleid", "6"},
    {"guestroleid", "6"},
    {"defaultuserroleid", "7"},
    {"creatornewroleid", "3"},
    {"noreplyaddress", "noreply@demo.example.org"},
    {"supportname", "Équipe Moodle — Support 🛟"},
    {"supportemail", "support@demo.example.org"},
    {"registerauth", ""},
    {"noemailever", "1"},
    {"logguests", "1"},
    {"loglifetime", "365"},
    {"sitepolicy", ""},
    {"forum_maxbytes", "512000"},
    {
      "maintenance_message",
      "<p>Migration vers PostgreSQL en cours. Wartungsarbeiten – "
          + "prace konserwacyjne — メンテナンス中 🚧</p>"
    },
    {
      "customusermenuitems",
      "profile,moodle|/user/profile.php\n"
          + "grades,grades|/grade/report/mygrades.php\n"
          + "calendar,core_calendar|/calendar/view.php?view=month\n"
          + "privatefiles,moodle|/user/files.php"
    },
    {"additionalhtmlhead", "<style>\n\t.navbar { border-bottom: 2px solid #f98012; }\n</style>"},
  };

  /**
   * Plugin settings: each installed plugin's version (what the Moodle checks compare with the
   * target's) and a setting of its own.
   */
  private static final String[][] PLUGINS = {
    {"mod_forum", "version", "2024100700"},
    {"mod_forum", "maxbytes", "512000"},
    {"mod_forum", "digestmailtime", "17"},
    {"mod_quiz", "version", "2024100700"},
    {"mod_quiz", "timelimit", "0"},
    {"logstore_standard", "version", "2024100700"},
    {"logstore_standard", "loglifetime", "365"},
    {"theme_boost", "version", "2024100700"},
    {"theme_boost", "brandcolor", "#f98012"},
    {"editor_tiny", "version", "2024100700"},
  };

  private ConfigRows() {}

  static void write(Connection connection) throws SQLException {
    try (MultiRowInsert config =
        new MultiRowInsert(connection, "mdl_config", "id", "name", "value")) {
      long id = 1;
      for (String[] setting : SETTINGS) {
        config.row(id++, setting[0], setting[1]);
      }
    }
    try (MultiRowInsert plugins =
        new MultiRowInsert(connection, "mdl_config_plugins", "id", "plugin", "name", "value")) {
      long id = 1;
      for (String[] setting : PLUGINS) {
        plugins.row(id++, setting[0], setting[1], setting[2]);
      }
    }
  }
}
