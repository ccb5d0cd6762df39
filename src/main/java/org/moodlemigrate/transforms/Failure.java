package org.moodlemigrate.transforms;

import java.util.regex.Matcher;
import org.moodlemigrate.connect.TransientErrors;
import org.moodlemigrate.plan.Chunk;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Why an attempt at a chunk failed, in words: the message (table, chunk, the row's key where one is
 * known, the server's message and its hint), the cause alone (the same for every chunk that fails
 * for the same reason, so it is logged once), and what it means for the run: try again, or stop.
 *
 * @param message the full message, naming the table (and chunk, and row)
 * @param cause the message without what names the chunk or row
 * @param transientCause worth trying again ({@link TransientErrors}, or no answer in time)
 * @param stopsTheRun every other chunk would fail the same way: the target's disk is full, it is
 *     out of memory or shared memory, or it cannot read or write its files
 */
record Failure(
    String message, String cause, boolean transientCause, boolean stopsTheRun, String sqlState) {

  static Failure of(Chunk chunk, Exception e, RowKeys keys, String timedOut) {
    String where = "table " + chunk.describe();
    if (timedOut != null) {
      return new Failure(where + ": " + timedOut, timedOut, true, false, null);
    }
    if (e instanceof DigestMismatchException d) {
      return new Failure(
          d.getMessage(), "what PostgreSQL stored is not what was read", false, false, null);
    }
    if (e instanceof TableRejectsExceededException t) {
      return new Failure(
          t.getMessage(), "more rows rejected than --max-rejects allows", false, false, null);
    }
    if (e instanceof RejectedRowException r) {
      String limit =
          r.maxRejects() == 0
              ? ""
              : " (row "
                  + r.rejected()
                  + " rejected in the table; --max-rejects "
                  + r.maxRejects()
                  + ")";
      String message =
          "table "
              + chunk.table()
              + ", row "
              + r.key()
              + ", column "
              + r.value().column()
              + ": "
              + r.value().reason()
              + limit;
      return new Failure(
          message, "column " + r.value().column() + ": " + r.value().reason(), false, false, null);
    }
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String rowPart = "";
    String state = null;
    if (e instanceof PSQLException pe && pe.getServerErrorMessage() != null) {
      ServerErrorMessage server = pe.getServerErrorMessage();
      state = server.getSQLState();
      text = server.getMessage();
      if (server.getHint() != null && !server.getHint().isBlank()) {
        text += " (hint: " + server.getHint().strip() + ")";
      }
      String context = server.getWhere();
      if (context != null) {
        Matcher m = ChunkCopier.COPY_LINE.matcher(context);
        Long key = m.find() ? keys.keyOfLine(Long.parseLong(m.group(1))) : null;
        String firstLine = context.lines().findFirst().orElse(context);
        rowPart =
            key != null
                ? " (row " + keys.describe(key) + "; " + firstLine + ")"
                : " (" + firstLine + ")";
      }
    } else if (e instanceof java.sql.SQLException s) {
      state = s.getSQLState();
    }
    if (e instanceof java.sql.SQLTransientConnectionException
        && text.contains("Connection is not available")) {
      // HikariCP's words for a server that gave no connection in time.
      text = "no connection to the server in time (" + text.replaceFirst("^.*? - ", "") + ")";
    }
    String root = rootCause(e);
    String first = text.lines().findFirst().orElse(text);
    String cause = first + (root == null || first.contains(root) ? "" : " (" + root + ")");
    boolean stops = stopsTheRun(state);
    return new Failure(
        where + ": " + cause + rowPart,
        cause,
        !stops && TransientErrors.isTransient(e),
        stops,
        state);
  }

  /**
   * SQLSTATE class 53, insufficient resources (disk full 53100, out of memory 53200, configuration
   * limit exceeded 53400: {@code max_locks_per_transaction} and friends) but too many connections
   * (53300, which passes), and class 58, system errors (an I/O error, a file the server cannot
   * find): nothing a retry or the next chunk would change.
   */
  static boolean stopsTheRun(String sqlState) {
    if (sqlState == null) {
      return false;
    }
    return (sqlState.startsWith("53") && !sqlState.equals("53300")) || sqlState.startsWith("58");
  }

  Failure withSuffix(String suffix) {
    return new Failure(message + suffix, cause, transientCause, stopsTheRun, sqlState);
  }

  /**
   * Why the run stops, in a few words ({@code the target reported disk full (SQLSTATE 53100) in
   * table t}); the full message, with the server's hint, is logged and reported once, with the
   * table it failed.
   */
  String stopReason(Chunk chunk) {
    String name =
        switch (String.valueOf(sqlState)) {
          case "53100" -> "disk full";
          case "53200" -> "out of memory";
          case "53400" -> "a configuration limit exceeded";
          case "58030" -> "an I/O error";
          case "58P01" -> "a file missing";
          default -> sqlState.startsWith("53") ? "insufficient resources" : "a system error";
        };
    return "the target reported " + name + " (SQLSTATE " + sqlState + ") in table " + chunk.table();
  }

  /**
   * The innermost cause's message when it differs from the outer one: "Database connection failed
   * when writing to copy" says little without the "Broken pipe" or "Connection reset" beneath.
   */
  private static String rootCause(Exception e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    if (t == e || t.getMessage() == null) {
      return null;
    }
    return t.getMessage().lines().findFirst().orElse(null);
  }
}
