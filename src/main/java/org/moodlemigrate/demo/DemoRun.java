package org.moodlemigrate.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.moodlemigrate.connect.DatabaseKind;
import org.moodlemigrate.connect.DriverSettings;
import org.moodlemigrate.connect.Endpoint;
import org.moodlemigrate.connect.Secret;
import org.moodlemigrate.embedded.EmbeddedMariaDb;
import org.moodlemigrate.embedded.EmbeddedPostgresServer;
import org.moodlemigrate.migration.Migration;
import org.moodlemigrate.report.ReportWriter;
import org.moodlemigrate.settings.RunSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code demo} command's work: a real migration between embedded servers, needing nothing
 * installed but a JDK.
 *
 * <p>Starts an embedded MariaDB and an embedded PostgreSQL (at the same time: each takes about 2.5
 * s), builds the {@link DemoSite} on both sides (generated source rows; the installer-made target
 * schema with a few installer rows, and a role {@code moodle} for Moodle to connect as), runs the
 * same {@link Migration} that {@code run} runs, with {@code --owner moodle}, prints its summary and
 * then a few checks an administrator would make, and stops both servers.
 */
public final class DemoRun {
  private static final Logger LOG = LoggerFactory.getLogger(DemoRun.class);
  private static final String DATABASE = "moodle";
  private static final String OWNER = "moodle";

  private DemoRun() {}

  /**
   * @param scale the demo site's size (1 is about 50,000 rows)
   * @param parallelism chunks copied at once
   * @param report where to write the JSON report, or null
   * @param out where the summary goes
   * @param err where failures go
   * @return the migration's exit status
   */
  public static int run(int scale, int parallelism, Path report, PrintStream out, PrintStream err)
      throws IOException, SQLException {
    LOG.info("Starting an embedded MariaDB and an embedded PostgreSQL");
    CompletableFuture<EmbeddedMariaDb> mariaDb =
        CompletableFuture.supplyAsync(DemoRun::startMariaDb);
    CompletableFuture<EmbeddedPostgresServer> postgres =
        CompletableFuture.supplyAsync(DemoRun::startPostgres);
    try (EmbeddedMariaDb source = join(mariaDb);
        EmbeddedPostgresServer target = join(postgres)) {
      long t0 = System.nanoTime();
      source.createDatabase(DATABASE);
      try (Connection c = source.connect(DATABASE)) {
        DemoSite.createSource(c, scale);
      }
      target.createDatabase(DATABASE);
      try (Connection c = target.connect(DATABASE);
          Statement st = c.createStatement()) {
        st.execute("CREATE ROLE " + OWNER + " LOGIN");
        DemoSite.createTarget(c);
      }
      LOG.info(
          "Built the demo site in {} s: {} tables on MariaDB with generated rows, the installer's"
              + " schema on PostgreSQL",
          String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9),
          DemoSite.tableNames().size());

      Endpoint sourceEndpoint =
          endpoint(DatabaseKind.MYSQL, source.host(), source.port(), source.user());
      Endpoint targetEndpoint =
          endpoint(DatabaseKind.POSTGRESQL, target.host(), target.port(), target.user());
      out.printf(
          "%nmoodle-migrate run --source %s --target %s --owner %s%n%n",
          sourceEndpoint.describe(), targetEndpoint.describe(), OWNER);
      RunSettings settings =
          RunSettings.builder(sourceEndpoint, targetEndpoint)
              .owner(OWNER)
              .parallelism(parallelism)
              .report(report)
              .build();
      Migration.Outcome outcome = Migration.run(settings);
      ReportWriter.printSummary(outcome.report(), out, err);
      if (outcome.exitCode() == 0) {
        try (Connection s = source.connect(DATABASE);
            Connection t = target.connect(DATABASE)) {
          printChecks(s, t, out);
        }
      }
      return outcome.exitCode();
    }
  }

  private static void printChecks(Connection source, Connection target, PrintStream out)
      throws SQLException {
    out.println();
    out.println("What arrived:");
    out.printf(
        "  mdl_logstore_standard_log.edulevel  source %s  target %s%n",
        one(
            source,
            "SELECT GROUP_CONCAT(CONCAT(edulevel, ':', n) ORDER BY edulevel) FROM (SELECT edulevel,"
                + " COUNT(*) n FROM mdl_logstore_standard_log GROUP BY edulevel) x"),
        one(
            target,
            "SELECT string_agg(edulevel || ':' || n, ',' ORDER BY edulevel) FROM (SELECT edulevel,"
                + " count(*) n FROM mdl_logstore_standard_log GROUP BY edulevel) x"));
    out.printf(
        "  mdl_forum_digests.maildigest        source %s  target %s%n",
        one(
            source,
            "SELECT GROUP_CONCAT(DISTINCT maildigest ORDER BY maildigest) FROM mdl_forum_digests"),
        one(target, "SELECT string_agg(DISTINCT maildigest::text, ',') FROM mdl_forum_digests"));
    out.printf(
        "  a post with emoji                   %s%n",
        one(
            target,
            "SELECT subject FROM mdl_forum_posts WHERE subject ~ '[\\U0001F300-\\U0001FAFF]' ORDER"
                + " BY id LIMIT 1"));
    out.printf(
        "  next log id                         source AUTO_INCREMENT %s, max(id) %s  target nextval"
            + " %s%n",
        one(
            source,
            "SELECT AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME = 'mdl_logstore_standard_log'"),
        one(source, "SELECT MAX(id) FROM mdl_logstore_standard_log"),
        one(target, "SELECT nextval('mdl_logstore_standard_log_id_seq')"));
    out.printf(
        "  owner of schema, tables, sequences  %s%n",
        one(
            target,
            "SELECT string_agg(DISTINCT pg_get_userbyid(c.relowner), ',') || ' (schema: ' ||"
                + " (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public')"
                + " || ')' FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE"
                + " n.nspname = 'public' AND c.relkind IN ('r', 'S', 'i')"));
  }

  private static String one(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : "";
    }
  }

  private static Endpoint endpoint(DatabaseKind kind, String host, int port, String user) {
    Map<String, String> parameters = new java.util.LinkedHashMap<>(DriverSettings.defaults(kind));
    if (kind == DatabaseKind.MYSQL) {
      parameters.put("sslMode", "DISABLED");
    }
    parameters.putAll(DriverSettings.enforced(kind));
    return new Endpoint(kind, host, port, DATABASE, user, parameters, Secret.none());
  }

  private static EmbeddedMariaDb startMariaDb() {
    try {
      return EmbeddedMariaDb.start();
    } catch (IOException e) {
      throw new CompletionException(e);
    }
  }

  private static EmbeddedPostgresServer startPostgres() {
    try {
      return EmbeddedPostgresServer.start();
    } catch (IOException e) {
      throw new CompletionException(e);
    }
  }

  private static <T extends AutoCloseable> T join(CompletableFuture<T> future) throws IOException {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
  }
}
