package org.moodlemigrate.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.moodlemigrate.sql.Identifiers;

/**
 * What to do to a freshly copied sandbox so that it behaves as a sandbox and not as a second
 * production, and {@link #apply} doing it: all of it in one transaction, so that a failure (a hook
 * SQL file with an error, say) leaves the target exactly as the copy left it.
 *
 * <p>The actions, in the order they run, each reported as one {@link ActionResult}:
 *
 * <dl>
 *   <dt>{@code empty-sessions}
 *   <dd>Deletes every row of {@code <prefix>sessions}: production's logged-in sessions would
 *       otherwise be valid in the sandbox for whoever holds the cookie, and their {@code sessdata}
 *       holds users' data.
 *   <dt>{@code empty-tables}
 *   <dd>Deletes every row of the named tables (globs over the name without prefix; the tables the
 *       anonymisation rules mark {@code rows: none}). A name matching no table is reported, not an
 *       error, as with the anonymisation rules.
 *   <dt>{@code site-identifier}
 *   <dd>Sets {@code siteidentifier} to one derived from production's ({@link SiteIdentifiers}).
 *   <dt>{@code stop-mail}
 *   <dd>Without an address: {@code noemailever = 1}, which {@code email_to_user()} checks first, so
 *       Moodle sends no email at all (the airnotifier push processor checks it too). With an
 *       address: {@code divertallemailsto = ADDRESS}, {@code divertallemailsexcept} emptied (its
 *       patterns would let matching addresses through undiverted) and {@code noemailever = 0},
 *       because {@code email_to_user()} returns before it diverts when {@code noemailever} is set:
 *       both at once would divert nothing. Settings in the sandbox's {@code config.php} win over
 *       these, as for every {@code $CFG} value.
 *   <dt>{@code message-processors}
 *   <dd>{@code <prefix>message_processors.enabled = 0} for every processor but {@code popup} (the
 *       web notifications): email, mobile push (airnotifier, with production's access key) and any
 *       plugin's.
 *   <dt>{@code scheduled-tasks}
 *   <dd>{@code <prefix>task_scheduled.disabled = 1} for the named task classes, matched with and
 *       without the leading backslash Moodle stores. {@code customised = 1} as well: Moodle's
 *       upgrade resets every task that is not customised to its plugin's defaults ({@code
 *       \core\task\manager::reset_scheduled_tasks_for_component}), which would enable them again.
 *       {@link #EXTERNAL_TASKS} is a default list. A name the site does not have is reported.
 *   <dt>{@code purge-caches}
 *   <dd>What of Moodle's {@code purge_caches()} (lib/moodlelib.php, 4.5) lives in the database:
 *       {@code themerev} ({@code theme_reset_all_caches()}, lib/outputlib.php), {@code jsrev}
 *       ({@code js_reset_all_caches()}), {@code templaterev} ({@code template_reset_all_caches()})
 *       and {@code langrev} ({@code get_string_manager()->reset_caches()}) each get Moodle's next
 *       revision (now, or the current value + 1 when that is ahead of now by less than an hour),
 *       which changes every theme, JavaScript, template and string URL so browsers and the local
 *       caches fetch fresh copies; {@code localcachedirpurged = now}, which makes every web node
 *       empty its local cache directory on its next request ({@code make_localcache_directory()},
 *       lib/setuplib.php), as {@code purge_other_caches()} does; and every course's {@code
 *       cacherev} is bumped as {@code increment_revision_number('course', 'cacherev', '')} does, so
 *       course module info cached anywhere is rebuilt. Not changed: {@code allversionshash} (a new
 *       value would send the site to the upgrade page until an administrator confirms an upgrade),
 *       and the cache stores outside the database (MUC's file store in the dataroot, Redis,
 *       memcached), which a database cannot reach: run {@code admin/cli/purge_caches.php} on the
 *       sandbox after the refresh, which the detail says.
 *   <dt>{@code hook}
 *   <dd>Each SQL file, in order, run as one script with {@code search_path} set to the target
 *       schema (so {@code mdl_config} needs no schema). Files are read before anything runs; a file
 *       that cannot be read or fails names itself, and rolls everything back. A file must not
 *       {@code COMMIT} or {@code ROLLBACK}: that ends the one transaction, and is refused.
 * </dl>
 *
 * <p>Details hold counts and names (tables, task classes, processors, files), never a setting's
 * value, a preserved row or the secret.
 */
public record RefreshActions(
    boolean emptySessions,
    List<String> emptyTables,
    boolean newSiteIdentifier,
    boolean stopMail,
    String divertAllEmailsTo,
    boolean disableMessageProcessors,
    List<String> tasksToDisable,
    boolean purgeCaches,
    List<Path> hookSqlFiles) {

  public static final String EMPTY_SESSIONS = "empty-sessions";
  public static final String EMPTY_TABLES = "empty-tables";
  public static final String SITE_IDENTIFIER = "site-identifier";
  public static final String STOP_MAIL = "stop-mail";
  public static final String MESSAGE_PROCESSORS = "message-processors";
  public static final String SCHEDULED_TASKS = "scheduled-tasks";
  public static final String PURGE_CACHES = "purge-caches";
  public static final String HOOK = "hook";

  /**
   * Scheduled tasks of Moodle 4.5 (every name is in a 4.5 site's {@code task_scheduled}) that reach
   * systems outside the sandbox with production's configuration, or change what production shares
   * with it:
   *
   * <ul>
   *   <li>user and enrolment sync from LDAP, CAS, an external database, LTI platforms, and the flat
   *       file and IMS Enterprise files (which they delete after reading, from a folder that may be
   *       production's);
   *   <li>{@code registration_cron_task} and {@code check_for_updates_task} (moodle.org, which
   *       would take the sandbox for production), language pack and H5P content type downloads, the
   *       GeoIP download, RSS feeds;
   *   <li>OAuth 2 system account token refresh (a refresh with production's token can invalidate it
   *       for production), OneDrive's clean-up of access it granted, BigBlueButton recording
   *       checks, the communication (Matrix) provider sync, the global search index (production's
   *       Solr or Elasticsearch), inbound mail pick-up (which would take production's mail from the
   *       mailbox), MNet's keep-alive calls to peer sites;
   *   <li>mail senders ({@code send_new_user_passwords_task}, {@code message_email}'s digest), in
   *       case mail is not stopped, and automated backups, whose clean-up deletes old backups in a
   *       folder that may be production's.
   * </ul>
   */
  public static final List<String> EXTERNAL_TASKS =
      List.of(
          "\\auth_cas\\task\\sync_task",
          "\\auth_db\\task\\sync_users",
          "\\auth_ldap\\task\\sync_roles",
          "\\auth_ldap\\task\\sync_task",
          "\\auth_mnet\\task\\cron_task",
          "\\enrol_database\\task\\sync_enrolments",
          "\\enrol_ldap\\task\\sync_enrolments",
          "\\enrol_flatfile\\task\\flatfile_sync_task",
          "\\enrol_imsenterprise\\task\\cron_task",
          "\\enrol_lti\\task\\sync_grades",
          "\\enrol_lti\\task\\sync_members",
          "\\enrol_lti\\local\\ltiadvantage\\task\\sync_grades",
          "\\enrol_lti\\local\\ltiadvantage\\task\\sync_members",
          "\\core\\task\\registration_cron_task",
          "\\core\\task\\check_for_updates_task",
          "\\tool_langimport\\task\\update_langpacks_task",
          "\\core\\task\\h5p_get_content_types_task",
          "\\core\\task\\update_geoip2file_task",
          "\\block_rss_client\\task\\refreshfeeds",
          "\\core\\oauth2\\refresh_system_tokens_task",
          "\\repository_onedrive\\remove_temp_access_task",
          "\\mod_bigbluebuttonbn\\task\\check_pending_recordings",
          "\\mod_bigbluebuttonbn\\task\\check_dismissed_recordings",
          "\\core_communication\\task\\synchronise_providers_task",
          "\\core\\task\\search_index_task",
          "\\core\\task\\search_optimize_task",
          "\\tool_messageinbound\\task\\pickup_task",
          "\\core\\task\\send_new_user_passwords_task",
          "\\message_email\\task\\send_email_task",
          "\\core\\task\\automated_backup_task");

  /** The web notifications processor, the one kept enabled: it only writes to the database. */
  static final String KEPT_PROCESSOR = "popup";

  /** Moodle's cache revision settings that {@code purge_caches()} bumps. */
  static final List<String> REVISIONS = List.of("themerev", "jsrev", "templaterev", "langrev");

  private static final int MOODLE_REVISION_WINDOW_SECONDS = 60 * 60;
  private static final int LISTED_NAMES = 10;
  private static final Pattern TASK_CLASS =
      Pattern.compile("\\\\?[A-Za-z0-9_]+(\\\\[A-Za-z0-9_]+)*");
  private static final Pattern TABLE_GLOB = Pattern.compile("[A-Za-z0-9_*?]+");
  private static final Pattern ADDRESS = Pattern.compile("[^\\s,;<>\"]+@[^\\s,;<>\"@]+");

  public RefreshActions {
    emptyTables = emptyTables == null ? List.of() : List.copyOf(emptyTables);
    tasksToDisable = tasksToDisable == null ? List.of() : List.copyOf(tasksToDisable);
    hookSqlFiles = hookSqlFiles == null ? List.of() : List.copyOf(hookSqlFiles);
    for (String table : emptyTables) {
      if (!TABLE_GLOB.matcher(table).matches()) {
        throw new IllegalArgumentException(
            "table to empty '" + table + "' is not a table name or glob (without prefix)");
      }
    }
    for (String task : tasksToDisable) {
      if (!TASK_CLASS.matcher(task).matches()) {
        throw new IllegalArgumentException(
            "scheduled task '" + task + "' is not a class name like \\core\\task\\some_task");
      }
    }
    if (divertAllEmailsTo != null) {
      if (!stopMail) {
        throw new IllegalArgumentException("divertAllEmailsTo is part of stopMail: set both");
      }
      if (!ADDRESS.matcher(divertAllEmailsTo).matches()) {
        throw new IllegalArgumentException(
            "divertAllEmailsTo '" + divertAllEmailsTo + "' is not one email address");
      }
    }
  }

  /** Nothing at all; start from here with the {@code with...} methods. */
  public static RefreshActions none() {
    return new RefreshActions(
        false, List.of(), false, false, null, false, List.of(), false, List.of());
  }

  /**
   * What a sandbox refresh does unless told otherwise: sessions and the given tables emptied, a new
   * site identifier, no mail (or all of it to {@code divertTo}), only web notifications, the {@link
   * #EXTERNAL_TASKS} disabled, caches invalidated, and the hooks.
   */
  public static RefreshActions defaults(
      List<String> emptyTables, String divertTo, List<Path> hookSqlFiles) {
    return new RefreshActions(
        true, emptyTables, true, true, divertTo, true, EXTERNAL_TASKS, true, hookSqlFiles);
  }

  public RefreshActions withEmptySessions(boolean value) {
    return new RefreshActions(
        value,
        emptyTables,
        newSiteIdentifier,
        stopMail,
        divertAllEmailsTo,
        disableMessageProcessors,
        tasksToDisable,
        purgeCaches,
        hookSqlFiles);
  }

  public RefreshActions withEmptyTables(List<String> value) {
    return new RefreshActions(
        emptySessions,
        value,
        newSiteIdentifier,
        stopMail,
        divertAllEmailsTo,
        disableMessageProcessors,
        tasksToDisable,
        purgeCaches,
        hookSqlFiles);
  }

  public RefreshActions withNewSiteIdentifier(boolean value) {
    return new RefreshActions(
        emptySessions,
        emptyTables,
        value,
        stopMail,
        divertAllEmailsTo,
        disableMessageProcessors,
        tasksToDisable,
        purgeCaches,
        hookSqlFiles);
  }

  /** Mail stopped ({@code divertTo} null) or diverted to one address. */
  public RefreshActions withStopMail(boolean value, String divertTo) {
    return new RefreshActions(
        emptySessions,
        emptyTables,
        newSiteIdentifier,
        value,
        divertTo,
        disableMessageProcessors,
        tasksToDisable,
        purgeCaches,
        hookSqlFiles);
  }

  public RefreshActions withDisableMessageProcessors(boolean value) {
    return new RefreshActions(
        emptySessions,
        emptyTables,
        newSiteIdentifier,
        stopMail,
        divertAllEmailsTo,
        value,
        tasksToDisable,
        purgeCaches,
        hookSqlFiles);
  }

  public RefreshActions withTasksToDisable(List<String> value) {
    return new RefreshActions(
        emptySessions,
        emptyTables,
        newSiteIdentifier,
        stopMail,
        divertAllEmailsTo,
        disableMessageProcessors,
        value,
        purgeCaches,
        hookSqlFiles);
  }

  public RefreshActions withPurgeCaches(boolean value) {
    return new RefreshActions(
        emptySessions,
        emptyTables,
        newSiteIdentifier,
        stopMail,
        divertAllEmailsTo,
        disableMessageProcessors,
        tasksToDisable,
        value,
        hookSqlFiles);
  }

  public RefreshActions withHookSqlFiles(List<Path> value) {
    return new RefreshActions(
        emptySessions,
        emptyTables,
        newSiteIdentifier,
        stopMail,
        divertAllEmailsTo,
        disableMessageProcessors,
        tasksToDisable,
        purgeCaches,
        value);
  }

  /**
   * Applies the actions to the refreshed target, all or nothing: in a transaction of its own when
   * {@code target} is in auto-commit mode (committed at the end), else inside the caller's open
   * transaction under a savepoint (the caller commits).
   *
   * @param sourceSiteIdentifier production's {@code siteidentifier}; needed for {@code
   *     newSiteIdentifier}
   * @param secretForSiteId the refresh's secret; needed for {@code newSiteIdentifier}, never shown
   * @return one result per action asked for, in the order run (one per hook file)
   * @throws RefreshActionException naming the failed action (and file); nothing was changed
   */
  public List<ActionResult> apply(
      Connection target,
      String schema,
      String prefix,
      String sourceSiteIdentifier,
      byte[] secretForSiteId)
      throws SQLException {
    return apply(target, schema, prefix, sourceSiteIdentifier, secretForSiteId, Clock.systemUTC());
  }

  List<ActionResult> apply(
      Connection target,
      String schema,
      String prefix,
      String sourceSiteIdentifier,
      byte[] secretForSiteId,
      Clock clock)
      throws SQLException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(prefix, "prefix");
    String siteIdentifier =
        newSiteIdentifier ? SiteIdentifiers.derive(secretForSiteId, sourceSiteIdentifier) : null;
    Map<Path, String> hooks = readHooks();
    Run run = new Run(target, schema, prefix, clock.instant().getEpochSecond());
    return Transactions.allOrNothing(
        target,
        () -> {
          List<ActionResult> results = new ArrayList<>();
          if (emptySessions) {
            results.add(run.step(EMPTY_SESSIONS, null, run::emptySessions));
          }
          if (!emptyTables.isEmpty()) {
            results.add(run.step(EMPTY_TABLES, null, () -> run.emptyTables(emptyTables)));
          }
          if (newSiteIdentifier) {
            results.add(run.step(SITE_IDENTIFIER, null, () -> run.siteIdentifier(siteIdentifier)));
          }
          if (stopMail) {
            results.add(run.step(STOP_MAIL, null, () -> run.stopMail(divertAllEmailsTo)));
          }
          if (disableMessageProcessors) {
            results.add(run.step(MESSAGE_PROCESSORS, null, run::messageProcessors));
          }
          if (!tasksToDisable.isEmpty()) {
            results.add(run.step(SCHEDULED_TASKS, null, () -> run.tasks(tasksToDisable)));
          }
          if (purgeCaches) {
            results.add(run.step(PURGE_CACHES, null, run::purgeCaches));
          }
          if (!hooks.isEmpty()) {
            results.addAll(run.hooks(hooks));
          }
          return results;
        });
  }

  private Map<Path, String> readHooks() throws RefreshActionException {
    Map<Path, String> hooks = new LinkedHashMap<>();
    for (Path file : hookSqlFiles) {
      try {
        hooks.put(file, Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new RefreshActionException(
            HOOK,
            "Sandbox hook SQL file "
                + file
                + " cannot be read ("
                + e.getClass().getSimpleName()
                + ": "
                + e.getMessage()
                + "), so no action was applied",
            null);
      }
    }
    return hooks;
  }

  @FunctionalInterface
  private interface Step {
    String run() throws SQLException;
  }

  /** One {@link #apply}: the connection, where the Moodle tables are, and its "now". */
  private static final class Run {
    private final Connection c;
    private final String schema;
    private final String prefix;
    private final long now;
    private final MoodleConfig config;

    Run(Connection c, String schema, String prefix, long now) {
      this.c = c;
      this.schema = schema;
      this.prefix = prefix;
      this.now = now;
      this.config = new MoodleConfig(c, schema, prefix);
    }

    ActionResult step(String action, Path file, Step step) throws RefreshActionException {
      try {
        return new ActionResult(action, step.run());
      } catch (SQLException e) {
        throw new RefreshActionException(
            action,
            "Sandbox action "
                + action
                + (file == null ? "" : " " + file)
                + " failed, so no action was applied: "
                + SafeMessages.describe(e),
            e.getSQLState());
      }
    }

    private String table(String name) {
      return Identifiers.postgres(schema, prefix + name);
    }

    String emptySessions() throws SQLException {
      return "deleted " + delete(prefix + "sessions") + " sessions from " + prefix + "sessions";
    }

    String emptyTables(List<String> globs) throws SQLException {
      TargetTables catalog = new TargetTables(c, schema);
      Set<String> tables = new LinkedHashSet<>();
      List<String> absent = new ArrayList<>();
      for (String glob : globs) {
        List<String> found = catalog.tablesLike(Globs.toLike(prefix + glob));
        if (found.isEmpty()) {
          absent.add(glob);
        }
        tables.addAll(found);
      }
      long rows = 0;
      List<String> counts = new ArrayList<>();
      for (String table : tables) {
        long deleted = delete(table);
        rows += deleted;
        counts.add(table + " " + deleted);
      }
      StringBuilder detail =
          new StringBuilder("emptied ")
              .append(tables.size())
              .append(tables.size() == 1 ? " table, " : " tables, ")
              .append(rows)
              .append(rows == 1 ? " row" : " rows");
      if (!counts.isEmpty() && counts.size() <= LISTED_NAMES) {
        detail.append(" (").append(String.join(", ", counts)).append(')');
      }
      if (!absent.isEmpty()) {
        detail.append("; no table matches ").append(listed(absent));
      }
      return detail.toString();
    }

    private long delete(String table) throws SQLException {
      try (Statement st = c.createStatement()) {
        return st.executeLargeUpdate("DELETE FROM " + Identifiers.postgres(schema, table));
      }
    }

    String siteIdentifier(String value) throws SQLException {
      boolean inserted = config.set("siteidentifier", value);
      return (inserted ? "siteidentifier added" : "siteidentifier replaced")
          + ", derived from the source's (the same on every refresh)";
    }

    String stopMail(String divertTo) throws SQLException {
      if (divertTo == null) {
        config.set("noemailever", "1");
        return "noemailever = 1: Moodle sends no email";
      }
      config.set("divertallemailsto", divertTo);
      config.set("divertallemailsexcept", "");
      config.set("noemailever", "0");
      return "all email diverted to "
          + divertTo
          + " (divertallemailsto; divertallemailsexcept emptied; noemailever = 0)";
    }

    String messageProcessors() throws SQLException {
      List<String> disabled = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE "
                  + table("message_processors")
                  + " SET enabled = 0 WHERE name <> ? AND enabled <> 0 RETURNING name")) {
        ps.setString(1, KEPT_PROCESSOR);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            disabled.add(rs.getString(1));
          }
        }
      }
      disabled.sort(null);
      return (disabled.isEmpty()
              ? "no processor but popup was enabled"
              : "disabled " + listed(disabled))
          + "; popup (web notifications) kept";
    }

    String tasks(List<String> names) throws SQLException {
      Map<String, String> canonical = new LinkedHashMap<>(); // \name -> as given
      Set<String> forms = new LinkedHashSet<>();
      for (String name : names) {
        String bare = name.startsWith("\\") ? name.substring(1) : name;
        canonical.putIfAbsent("\\" + bare, name);
        forms.add("\\" + bare);
        forms.add(bare);
      }
      Set<String> present = new LinkedHashSet<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT classname FROM " + table("task_scheduled") + " WHERE classname = ANY (?)")) {
        ps.setArray(1, c.createArrayOf("text", forms.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String found = rs.getString(1);
            present.add(found.startsWith("\\") ? found : "\\" + found);
          }
        }
      }
      int changed;
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE "
                  + table("task_scheduled")
                  + " SET disabled = 1, customised = 1 WHERE classname = ANY (?)"
                  + " AND (disabled <> 1 OR customised <> 1)")) {
        ps.setArray(1, c.createArrayOf("text", forms.toArray()));
        changed = ps.executeUpdate();
      }
      List<String> absent = new ArrayList<>();
      for (String name : canonical.keySet()) {
        if (!present.contains(name)) {
          absent.add(canonical.get(name));
        }
      }
      StringBuilder detail =
          new StringBuilder("disabled ")
              .append(present.size())
              .append(" of ")
              .append(canonical.size())
              .append(" named tasks (")
              .append(present.size() - changed)
              .append(" already were)");
      if (!absent.isEmpty()) {
        detail.append("; not on this site: ").append(listed(absent));
      }
      return detail.toString();
    }

    String purgeCaches() throws SQLException {
      for (String name : REVISIONS) {
        config.set(name, Long.toString(nextRevision(config.get(name), now)));
      }
      config.set("localcachedirpurged", Long.toString(now));
      String courses;
      if (new TargetTables(c, schema)
          .columns(prefix + "course")
          .map(columns -> columns.containsKey("cacherev"))
          .orElse(false)) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE "
                    + table("course")
                    + " SET cacherev = CASE WHEN cacherev IS NULL THEN ? WHEN cacherev < ? THEN ?"
                    + " WHEN cacherev > ? THEN ? ELSE cacherev + 1 END")) {
          ps.setLong(1, now);
          ps.setLong(2, now);
          ps.setLong(3, now);
          ps.setLong(4, now + MOODLE_REVISION_WINDOW_SECONDS);
          ps.setLong(5, now);
          courses = "course cacherev bumped on " + ps.executeUpdate() + " courses";
        }
      } else {
        courses = "no " + prefix + "course.cacherev to bump";
      }
      return String.join(", ", REVISIONS)
          + " bumped and localcachedirpurged set, as purge_caches() does; "
          + courses
          + "; cache stores outside the database (MUC file store, Redis) are not reachable from"
          + " it: run admin/cli/purge_caches.php on the sandbox";
    }

    List<ActionResult> hooks(Map<Path, String> hooks) throws SQLException {
      List<ActionResult> results = new ArrayList<>();
      String searchPath = setting("search_path");
      setLocal("search_path", Identifiers.postgres(schema));
      for (Map.Entry<Path, String> hook : hooks.entrySet()) {
        Path file = hook.getKey();
        results.add(step(HOOK, file, () -> hook(file, hook.getValue())));
      }
      setLocal("search_path", searchPath);
      return results;
    }

    private String hook(Path file, String sql) throws SQLException {
      if (sql.isBlank()) {
        return file + ": empty, nothing run";
      }
      long transaction = transactionId();
      int statements = 0;
      long rows = 0;
      try (Statement st = c.createStatement()) {
        boolean isResult = st.execute(sql);
        while (true) {
          if (isResult) {
            statements++;
          } else {
            long count = st.getLargeUpdateCount();
            if (count < 0) {
              break;
            }
            statements++;
            rows += count;
          }
          isResult = st.getMoreResults();
        }
      }
      if (transactionId() != transaction) {
        throw new SandboxSqlException(
            "it ended the refresh's transaction (COMMIT or ROLLBACK in a hook file is not"
                + " allowed); what ran before it may be committed");
      }
      return file
          + ": "
          + statements
          + (statements == 1 ? " statement, " : " statements, ")
          + rows
          + (rows == 1 ? " row changed" : " rows changed");
    }

    private long transactionId() throws SQLException {
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT txid_current()")) {
        rs.next();
        return rs.getLong(1);
      }
    }

    private String setting(String name) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("SELECT current_setting(?)")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    }

    private void setLocal(String name, String value) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("SELECT set_config(?, ?, true)")) {
        ps.setString(1, name);
        ps.setString(2, value);
        ps.execute();
      }
    }
  }

  /**
   * Moodle's next revision for a cache revision setting ({@code theme_get_next_revision()}, {@code
   * js_reset_all_caches()}, ...): now, unless the current value is ahead of now by less than an
   * hour (two resets within a second), then the current value + 1. Always differs from the current.
   */
  static long nextRevision(Optional<String> current, long now) {
    Long value = current.flatMap(RefreshActions::parseLong).orElse(null);
    if (value != null && now <= value && value - now < MOODLE_REVISION_WINDOW_SECONDS) {
      return value + 1;
    }
    return now;
  }

  private static Optional<Long> parseLong(String text) {
    try {
      return Optional.of(Long.parseLong(text.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String listed(List<String> names) {
    if (names.size() <= LISTED_NAMES) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, LISTED_NAMES))
        + " and "
        + (names.size() - LISTED_NAMES)
        + " more";
  }
}
