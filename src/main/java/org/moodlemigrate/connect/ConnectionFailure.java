package org.moodlemigrate.connect;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a driver's failure to connect into a {@link ConnectionFailedException} that says what
 * happened and what to do, the same way in every command.
 *
 * <p>The drivers' own words rarely do: pgjdbc says {@code The connection attempt failed.} for a
 * host name that does not resolve, Connector/J {@code Communications link failure} for that, a
 * closed port and a firewall alike, and MySQL {@code (using password: NO)} where the administrator
 * needs to hear that {@code MM_SOURCE_PASSWORD} is not set. The cause is read from the exception
 * chain, most specific first: the JDK's socket exceptions (DNS, refused, no route, timeout, TLS),
 * then the server's SQLSTATE and MySQL error number (authentication, database, connection slots).
 * The driver's full chain is logged on DEBUG ({@code -v}); no driver or server message holds a
 * password, and the endpoint's password is masked in them all the same.
 */
public final class ConnectionFailure {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionFailure.class);

  /** What kind of failure it was; each has its own fix. */
  public enum Cause {
    /** The host name does not resolve. */
    DNS,
    /** Nothing listens on the port (TCP reset). */
    REFUSED,
    /** The network has no route to the host. */
    UNREACHABLE,
    /** No answer in time: a firewall dropping packets, a host that is down, a hung server. */
    TIMEOUT,
    /** The TLS handshake or the certificate failed, or one side requires TLS the other lacks. */
    TLS,
    /** The server wants a password and none was given. */
    NO_PASSWORD,
    /** The server refused the login (wrong password, unknown user, not allowed from this host). */
    AUTHENTICATION,
    /** The user logged in but may not use the database. */
    DATABASE_ACCESS,
    /** The database does not exist. */
    NO_DATABASE,
    /** The server has no connection slot left. */
    TOO_MANY_CONNECTIONS,
    /** Something answers on the port, but not the server the tool expects there. */
    WRONG_SERVER,
    /** Anything else: the driver's message is shown. */
    OTHER
  }

  private ConnectionFailure() {}

  /** {@code source} (MySQL/MariaDB) or {@code target} (PostgreSQL). */
  static String side(Endpoint endpoint) {
    return endpoint.kind() == DatabaseKind.MYSQL ? "source" : "target";
  }

  /** Classifies {@code failure}, logging the driver's detail on DEBUG. */
  public static ConnectionFailedException of(Endpoint endpoint, Throwable failure) {
    if (failure instanceof ConnectionFailedException already) {
      return already;
    }
    LOG.debug(
        "{} {}: the driver's detail: {}",
        side(endpoint),
        endpoint.describe(),
        mask(chain(failure), endpoint));
    Cause cause = cause(failure, endpoint.kind());
    if (cause == Cause.AUTHENTICATION
        && endpoint.password().isEmpty()
        && passwordRefused(failure, endpoint.kind())) {
      cause = Cause.NO_PASSWORD;
    }
    return describe(endpoint, cause, mask(serverReason(failure), endpoint));
  }

  /** The kind of failure, from the exception chain. */
  static Cause cause(Throwable failure, DatabaseKind kind) {
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t instanceof UnknownHostException) {
        return Cause.DNS;
      }
      if (t instanceof NoRouteToHostException) {
        return Cause.UNREACHABLE;
      }
      if (t instanceof ConnectException c) {
        String m = lower(c.getMessage());
        if (m.contains("timed out")) {
          return Cause.TIMEOUT;
        }
        return m.contains("unreachable") ? Cause.UNREACHABLE : Cause.REFUSED;
      }
      if (t instanceof SocketTimeoutException) {
        return Cause.TIMEOUT;
      }
      if (t instanceof SSLException) {
        return Cause.TLS;
      }
    }
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t instanceof SQLException s) {
        Cause byCode = byServerCode(s, kind);
        if (byCode != null) {
          return byCode;
        }
      }
    }
    for (Throwable t = failure; t != null; t = next(t)) {
      String m = lower(t.getMessage());
      if (t instanceof EOFException && kind == DatabaseKind.MYSQL) {
        // Connector/J read nothing where the server greets: not a MySQL server, or one that hangs
        // up on this host at once.
        return Cause.WRONG_SERVER;
      }
      if (m.contains("no password was provided")) {
        return Cause.NO_PASSWORD;
      }
      if (m.contains("timed out")) {
        return Cause.TIMEOUT;
      }
      if (m.contains("ssl")) {
        return Cause.TLS;
      }
    }
    return Cause.OTHER;
  }

  /**
   * Whether the server refused the login for its password (MySQL 1045, which also covers an unknown
   * user; PostgreSQL 28P01), rather than for the user or the host (PostgreSQL's 28000: no such
   * role, no pg_hba.conf line; MySQL 1130: host not allowed).
   */
  static boolean passwordRefused(Throwable failure, DatabaseKind kind) {
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t instanceof SQLException s
          && (kind == DatabaseKind.MYSQL
              ? s.getErrorCode() == 1045
              : "28P01".equals(s.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  private static Cause byServerCode(SQLException s, DatabaseKind kind) {
    String state = s.getSQLState() == null ? "" : s.getSQLState();
    if (kind == DatabaseKind.MYSQL) {
      switch (s.getErrorCode()) {
        case 1045, 1698, 1130, 1251, 1524:
          return Cause.AUTHENTICATION;
        case 1044:
          return Cause.DATABASE_ACCESS;
        case 1049:
          return Cause.NO_DATABASE;
        case 1040, 1203:
          return Cause.TOO_MANY_CONNECTIONS;
        default:
          return null;
      }
    }
    return switch (state) {
      case "28P01", "28000" -> Cause.AUTHENTICATION;
      case "3D000" -> Cause.NO_DATABASE;
      case "42501" -> Cause.DATABASE_ACCESS;
      case "53300" -> Cause.TOO_MANY_CONNECTIONS;
      // pgjdbc's answer when the reply to its SSL request is not PostgreSQL's.
      case "08P01" -> Cause.WRONG_SERVER;
      default -> null;
    };
  }

  /** The one-line message and fix for a cause. */
  static ConnectionFailedException describe(Endpoint endpoint, Cause cause, String reason) {
    boolean mysql = endpoint.kind() == DatabaseKind.MYSQL;
    String option = mysql ? "--source" : "--target";
    String server = mysql ? "MySQL/MariaDB" : "PostgreSQL";
    String hostPort = endpoint.host() + ":" + endpoint.port();
    String user = endpoint.user();
    String origin = endpoint.password().origin();
    return switch (cause) {
      case DNS ->
          new ConnectionFailedException(
              endpoint,
              cause,
              "the host name " + endpoint.host() + " is not known (DNS)",
              "check the host in "
                  + option
                  + " and this machine's name resolution (DNS, /etc/hosts)");
      case REFUSED ->
          new ConnectionFailedException(
              endpoint,
              cause,
              "nothing listens on " + hostPort + " (connection refused)",
              "check the port in "
                  + option
                  + ", and that "
                  + server
                  + " is running and listens on that address ("
                  + (mysql ? "bind-address, skip-networking" : "listen_addresses, port")
                  + ")");
      case UNREACHABLE ->
          new ConnectionFailedException(
              endpoint,
              cause,
              "there is no network route to " + endpoint.host() + " (host unreachable)",
              "check the host in " + option + " and the network between this machine and it");
      case TIMEOUT ->
          new ConnectionFailedException(
              endpoint,
              cause,
              "no answer from " + hostPort + " in time (timeout)",
              "check the host and port in "
                  + option
                  + ", that the server is up, and that no firewall drops the packets");
      case TLS ->
          new ConnectionFailedException(
              endpoint,
              cause,
              "the TLS connection could not be set up (" + reason + ")",
              "check the TLS parameters in "
                  + option
                  + (mysql ? " (sslMode, trustCertificateKeyStoreUrl)" : " (sslmode, sslrootcert)")
                  + " and that the server has TLS enabled with a certificate they accept");
      case NO_PASSWORD ->
          new ConnectionFailedException(
              endpoint,
              cause,
              "the server asks user "
                  + user
                  + " for a password, and none was given"
                  + (origin.isEmpty() ? "" : ": " + origin),
              "give the "
                  + side(endpoint)
                  + " password in "
                  + passwordVariable(origin, mysql)
                  + " or in a file named by "
                  + option
                  + "-password-file");
      case AUTHENTICATION ->
          new ConnectionFailedException(
              endpoint,
              cause,
              "the server refused the login of user "
                  + user
                  + (endpoint.password().isEmpty()
                      ? " without a password" + (origin.isEmpty() ? "" : " (" + origin + ")")
                      : origin.isEmpty() ? "" : " with the password from " + origin)
                  + " (authentication: "
                  + reason
                  + ")",
              reason.contains("pg_hba.conf")
                  ? "add a line for this host, user and database to the server's pg_hba.conf"
                  : "check the user in "
                      + option
                      + " and its password, and that the server lets that user log in from"
                      + " this host");
      case DATABASE_ACCESS ->
          new ConnectionFailedException(
              endpoint,
              cause,
              "user " + user + " may not use database " + endpoint.database() + " (" + reason + ")",
              mysql
                  ? "GRANT SELECT ON `" + endpoint.database() + "`.* TO the user, or use another"
                  : "GRANT CONNECT ON DATABASE \""
                      + endpoint.database()
                      + "\" TO the role, or use another");
      case NO_DATABASE ->
          new ConnectionFailedException(
              endpoint,
              cause,
              "there is no database " + endpoint.database() + " on " + hostPort,
              "check the database name in "
                  + option
                  + (mysql ? "" : " (Moodle's installer must have created it and its tables)"));
      case TOO_MANY_CONNECTIONS ->
          new ConnectionFailedException(
              endpoint,
              cause,
              "the server has no connection left (too many connections)",
              "wait for other sessions to end, or raise the server's max_connections");
      case WRONG_SERVER ->
          new ConnectionFailedException(
              endpoint,
              cause,
              "something answers on " + hostPort + ", but not as " + server + " does",
              "check the port in "
                  + option
                  + " (MySQL/MariaDB usually listen on 3306, PostgreSQL on 5432)");
      case OTHER ->
          new ConnectionFailedException(
              endpoint, cause, reason, "run with -v for the driver's detail");
    };
  }

  /** The server's or driver's own words, first line, without PostgreSQL's {@code FATAL:}. */
  static String serverReason(Throwable failure) {
    String message = null;
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t instanceof SQLException && t.getMessage() != null) {
        message = t.getMessage();
        break;
      }
    }
    if (message == null) {
      for (Throwable t = failure; t != null; t = next(t)) {
        if (t.getMessage() != null) {
          message = t.getMessage();
        }
      }
    }
    if (message == null) {
      return failure.getClass().getSimpleName();
    }
    String first = message.lines().findFirst().orElse("").trim();
    return first.startsWith("FATAL: ") ? first.substring("FATAL: ".length()) : first;
  }

  private static String chain(Throwable failure) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = failure; t != null; t = next(t)) {
      if (out.length() > 0) {
        out.append(" <- ");
      }
      out.append(t.getClass().getName());
      if (t instanceof SQLException s) {
        out.append(" [SQLSTATE ").append(s.getSQLState()).append(", error ");
        out.append(s.getErrorCode()).append(']');
      }
      if (t.getMessage() != null) {
        out.append(": ").append(t.getMessage().replace('\n', ' '));
      }
    }
    return out.toString();
  }

  private static String mask(String text, Endpoint endpoint) {
    String password = endpoint.password().reveal();
    return password.isEmpty() ? text : text.replace(password, "****");
  }

  private static Throwable next(Throwable t) {
    Throwable c = t.getCause();
    return c == t ? null : c;
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }

  /**
   * The environment variable the password was looked for in: the one the origin names ({@code
   * --source-password-env} or a config file may name another), else the default.
   */
  private static String passwordVariable(String origin, boolean mysql) {
    int end = origin.indexOf(" is not set");
    if (end > 0) {
      return origin.substring(0, end);
    }
    return mysql ? "MM_SOURCE_PASSWORD" : "MM_TARGET_PASSWORD";
  }
}
