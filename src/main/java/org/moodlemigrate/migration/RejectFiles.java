package org.moodlemigrate.migration;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.moodlemigrate.casts.Excerpt;
import org.moodlemigrate.journal.Journal;
import org.moodlemigrate.journal.RowIssue;

/**
 * Writes each table's reject file from the journal: {@code DIR/<target database>-run-<id>-<start
 * time>/<table>.csv}, one line per rejected row or changed value, {@code
 * kind,key,column,reason,value}. The directory name says which target and run the files belong to,
 * and never repeats: run ids restart when a target is re-created.
 *
 * <p>The journal is the record (committed with each chunk); the files are its readable copy for the
 * administrator. Only tables with row issues get a file. The files hold excerpts of site data, so
 * on POSIX systems the directory and files are readable by their owner only. A table name that is
 * not a safe file name (a slash, a dot first, a control character) is spelled with {@code _} and
 * made unique with a short hash of the real name, which the report pairs with the file.
 */
final class RejectFiles {
  static final String HEADER = "kind,key,column,reason,value";

  /**
   * @param directory the run's directory of files, null when none was written
   * @param files the file of each table that has one, by source table name
   */
  record Written(String directory, Map<String, String> files) {
    static final Written NONE = new Written(null, Map.of());
  }

  private RejectFiles() {}

  /** Writes the files of the tables that have row issues. */
  static Written write(
      Journal journal,
      long runId,
      String targetDatabase,
      Instant startedAt,
      Path root,
      List<Journal.ChunkRecord> chunks)
      throws SQLException, IOException {
    TreeSet<String> tables = new TreeSet<>();
    for (Journal.ChunkRecord c : chunks) {
      if (c.rowsRejected() > 0 || c.valuesChanged() > 0) {
        tables.add(c.table());
      }
    }
    if (tables.isEmpty()) {
      return Written.NONE;
    }
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(startedAt);
    String name = safeName(targetDatabase) + "-run-" + runId + "-" + stamp;
    Path dir = root.resolve(name).toAbsolutePath();
    createPrivateDirectories(dir);
    Map<String, String> files = new LinkedHashMap<>();
    for (String table : tables) {
      Path file = dir.resolve(fileName(table));
      createPrivateFile(file);
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        w.write(HEADER);
        w.write('\n');
        journal.issues(runId, table, issue -> writeLine(w, issue));
      }
      files.put(table, file.toString());
    }
    return new Written(dir.toString(), files);
  }

  private static void writeLine(BufferedWriter w, RowIssue issue) throws IOException {
    w.write(
        String.join(
            ",",
            issue.kind().label(),
            csv(Excerpt.printable(issue.key())),
            csv(Excerpt.printable(issue.column())),
            csv(Excerpt.printable(issue.reason())),
            csv(issue.excerpt() == null ? "" : issue.excerpt())));
    w.write('\n');
  }

  /** A CSV field (RFC 4180): always quoted, quotes doubled. */
  static String csv(String value) {
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  /** {@code mdl_user.csv}, or {@code a_b-1f2e3d4c.csv} for a table named {@code a/b}. */
  static String fileName(String table) {
    return safeName(table) + ".csv";
  }

  private static String safeName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9_.-]", "_");
    if (safe.equals(name) && !name.startsWith(".") && !name.isEmpty()) {
      return name;
    }
    return (safe.startsWith(".") ? "_" + safe.substring(1) : safe) + "-" + hash(name);
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private static void createPrivateDirectories(Path dir) throws IOException {
    Files.createDirectories(dir);
    if (posix()) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  private static void createPrivateFile(Path file) throws IOException {
    Files.deleteIfExists(file);
    if (posix()) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
  }
}
