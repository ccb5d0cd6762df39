package org.moodlemigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.moodlemigrate.migration.ExitCodes;
import org.moodlemigrate.testing.CliRun;
import org.moodlemigrate.testing.FaultProxy;
import org.moodlemigrate.testing.TestDatabase;
import org.moodlemigrate.testing.TestServers;

/**
 * Every way a connection fails, in every command that connects: the message names the side, the
 * host and port, the cause in words (DNS, refused, timeout, authentication, no password, no such
 * database) and a fix; no password appears; and the exit status is 4 everywhere. Runs the commands
 * in-process against the local servers, a closed local port, a {@code .invalid} host name (which
 * fails at once, also offline), a proxy that lets nothing through, and a MariaDB user with a
 * password made for the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionFailuresIT {
  private static final String SECRET = "Pw-" + Long.toHexString(System.nanoTime()) + "-s3cr3t";
  private static final String WRONG = SECRET + "-wrong";
  private static final List<String> BOTH_SIDES = List.of("run", "check", "plan", "verify");
  private static final List<String> TARGET_ONLY = List.of("status", "cleanup");

  private TestDatabase source;
  private TestDatabase target;
  private String user;
  private int closedPort;

  @TempDir Path dir;

  @BeforeAll
  void databasesAUserWithAPasswordAndAClosedPort() throws SQLException, IOException {
    source = TestServers.mysql().createDatabase("conn_src");
    target = TestServers.postgresql().createDatabase("conn_tgt");
    user = "mmt_c_" + Long.toHexString(System.nanoTime()).substring(0, 8);
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (id INT PRIMARY KEY)");
      for (String host : List.of("%", "localhost")) {
        st.execute("CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY '" + SECRET + "'");
        st.execute("GRANT SELECT ON `" + source.name() + "`.* TO '" + user + "'@'" + host + "'");
      }
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
  }

  @AfterAll
  void drop() throws SQLException {
    try (Connection c = source.connect();
        Statement st = c.createStatement()) {
      st.execute("DROP USER IF EXISTS '" + user + "'@'%'");
      st.execute("DROP USER IF EXISTS '" + user + "'@'localhost'");
    }
    source.close();
    target.close();
  }

  private String sourceAs(String login, String hostPort, String database) {
    return "mysql://" + login + "@" + hostPort + "/" + database;
  }

  private String goodSource() {
    return source.uri();
  }

  private String goodTarget() {
    return target.uri();
  }

  /** Runs {@code command} with the given endpoints (status and cleanup take the target only). */
  private CliRun run(String command, String src, String tgt, Map<String, String> env) {
    Map<String, String> environment = new HashMap<>(env);
    List<String> args = new ArrayList<>(List.of(command));
    if (BOTH_SIDES.contains(command)) {
      args.addAll(List.of("--source", src));
    }
    args.addAll(List.of("--target", tgt));
    if (command.equals("run")) {
      args.addAll(List.of("--rejects-dir", dir.toString()));
    }
    return CliRun.inProcess(environment, args.toArray(String[]::new));
  }

  private static void assertMessage(CliRun run, String command, String... expected) {
    String all = run.transcript();
    assertEquals(ExitCodes.FATAL, run.exitCode(), command + ": " + all);
    for (String e : expected) {
      assertTrue(all.contains(e), command + ": the message lacks '" + e + "':\n" + all);
    }
    assertFalse(all.contains(SECRET), command + ": the password was printed:\n" + all);
    assertFalse(all.contains("Communications link failure"), all);
    assertFalse(all.contains("The connection attempt failed"), all);
  }

  @Test
  void aClosedPortIsRefusedOnEitherSideInEveryCommand() {
    String hostPort = "127.0.0.1:" + closedPort;
    for (String command : BOTH_SIDES) {
      CliRun run = run(command, sourceAs("root", hostPort, "db"), goodTarget(), Map.of());
      assertMessage(
          run,
          command,
          "cannot connect to the source mysql://root@" + hostPort + "/db",
          "nothing listens on " + hostPort + " (connection refused)",
          "check the port in --source");
    }
    for (String command : List.of("run", "check", "plan", "verify", "status", "cleanup")) {
      CliRun run =
          run(command, goodSource(), "postgresql://postgres@" + hostPort + "/db", Map.of());
      assertMessage(
          run,
          command,
          "cannot connect to the target postgresql://postgres@" + hostPort + "/db",
          "nothing listens on " + hostPort + " (connection refused)",
          "check the port in --target");
    }
  }

  @Test
  void anUnknownHostNameIsADnsFailureInEveryCommand() {
    for (String command : BOTH_SIDES) {
      CliRun run =
          run(command, sourceAs("root", "db.example.invalid:3306", "db"), goodTarget(), Map.of());
      assertMessage(
          run,
          command,
          "the source mysql://root@db.example.invalid:3306/db",
          "the host name db.example.invalid is not known (DNS)");
    }
    for (String command : TARGET_ONLY) {
      CliRun run =
          run(command, goodSource(), "postgresql://postgres@db.example.invalid:5432/db", Map.of());
      assertMessage(
          run,
          command,
          "the target postgresql://postgres@db.example.invalid:5432/db",
          "the host name db.example.invalid is not known (DNS)",
          "check the host in --target");
    }
  }

  @Test
  void aWrongPasswordSaysWhereItCameFromAndNeverShowsIt() {
    String hostPort = source.host() + ":" + source.port();
    for (String command : BOTH_SIDES) {
      CliRun run =
          run(
              command,
              sourceAs(user, hostPort, source.name()),
              goodTarget(),
              Map.of("MM_SOURCE_PASSWORD", WRONG));
      assertMessage(
          run,
          command,
          "the source mysql://" + user + "@" + hostPort + "/" + source.name(),
          "the server refused the login of user " + user,
          "with the password from MM_SOURCE_PASSWORD",
          "check the user in --source and its password");
      assertFalse(run.transcript().contains(WRONG), run.transcript());
    }
  }

  @Test
  void noPasswordAtAllSaysWhichVariableIsNotSet() {
    String hostPort = source.host() + ":" + source.port();
    for (String command : BOTH_SIDES) {
      CliRun run = run(command, sourceAs(user, hostPort, source.name()), goodTarget(), Map.of());
      assertMessage(
          run,
          command,
          "the source mysql://" + user + "@" + hostPort,
          "none was given: MM_SOURCE_PASSWORD is not set and no --source-password-file was given");
      assertFalse(run.transcript().contains("using password: NO"), run.transcript());
    }
  }

  @Test
  void aDatabaseThatDoesNotExistIsNamed() {
    String missing = "mmt_no_such_db_" + Long.toHexString(System.nanoTime());
    String sourceHost = source.host() + ":" + source.port();
    String targetHost = target.host() + ":" + target.port();
    for (String command : BOTH_SIDES) {
      CliRun run =
          run(command, sourceAs(source.user(), sourceHost, missing), goodTarget(), Map.of());
      assertMessage(
          run,
          command,
          "the source mysql://" + source.user() + "@" + sourceHost + "/" + missing,
          "there is no database " + missing + " on " + sourceHost,
          "check the database name in --source");
    }
    for (String command : List.of("run", "check", "plan", "verify", "status", "cleanup")) {
      CliRun run =
          run(
              command,
              goodSource(),
              "postgresql://" + target.user() + "@" + targetHost + "/" + missing,
              Map.of());
      assertMessage(
          run,
          command,
          "the target postgresql://",
          "there is no database " + missing + " on " + targetHost,
          "check the database name in --target");
    }
  }

  @Test
  void anUnknownPostgresRoleIsAnAuthenticationFailureNotAMissingPassword() {
    String targetHost = target.host() + ":" + target.port();
    for (String command : TARGET_ONLY) {
      CliRun run =
          run(
              command,
              goodSource(),
              "postgresql://mmt_no_such_role@" + targetHost + "/" + target.name(),
              Map.of());
      assertMessage(
          run,
          command,
          "the server refused the login of user mmt_no_such_role without a password",
          "role \"mmt_no_such_role\" does not exist");
      assertFalse(run.transcript().contains("none was given"), run.transcript());
    }
  }

  /**
   * The built jar, as users run it: its logging configuration is part of what they see. The
   * connection pool's own stack trace must not follow the tool's one line.
   */
  @Test
  void theBuiltJarSaysItInOneLineToo() throws Exception {
    String wrongServer = "mysql://root@127.0.0.1:" + target.port() + "/db?socketTimeout=3000";
    CliRun run =
        CliRun.process(
            Map.of("MM_SOURCE_PASSWORD", SECRET),
            "plan",
            "--source",
            wrongServer,
            "--target",
            goodTarget());
    assertMessage(
        run,
        "plan",
        "cannot connect to the source mysql://root@127.0.0.1:" + target.port() + "/db");
    assertFalse(run.err().contains("\tat "), "a stack trace was printed:\n" + run.err());
    assertFalse(run.err().contains("Pool is empty"), run.err());

    CliRun slip =
        CliRun.process(
            Map.of(),
            "run",
            "--source-password",
            SECRET,
            "--source",
            goodSource(),
            "--target",
            goodTarget());
    assertEquals(ExitCodes.USAGE, slip.exitCode(), slip.transcript());
    assertFalse(slip.transcript().contains(SECRET), slip.transcript());
  }

  @Test
  void aServerThatNeverAnswersIsATimeout() throws IOException {
    try (FaultProxy mysql = new FaultProxy(source.host(), source.port());
        FaultProxy postgres = new FaultProxy(target.host(), target.port())) {
      mysql.freeze();
      postgres.freeze();
      String sourceUri =
          sourceAs("root", "127.0.0.1:" + mysql.port(), source.name()) + "?socketTimeout=1500";
      CliRun check = run("check", sourceUri, goodTarget(), Map.of());
      assertMessage(
          check,
          "check",
          "no answer from 127.0.0.1:" + mysql.port() + " in time (timeout)",
          "that no firewall drops the packets");
      String targetUri =
          "postgresql://postgres@127.0.0.1:"
              + postgres.port()
              + "/"
              + target.name()
              + "?socketTimeout=2&loginTimeout=2";
      CliRun status = run("status", goodSource(), targetUri, Map.of());
      assertMessage(
          status, "status", "no answer from 127.0.0.1:" + postgres.port() + " in time (timeout)");
    }
  }
}
