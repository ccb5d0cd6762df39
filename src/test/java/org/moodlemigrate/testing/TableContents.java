package org.moodlemigrate.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.postgresql.PGConnection;

/**
 * Table contents as PostgreSQL's own COPY text, one line per row, sorted: a representation in which
 * two tables of the same column types hold equal values exactly when their lines are equal. Used to
 * compare a migrated target with pgloader's known-good result value for value.
 */
public final class TableContents {
  private static final Pattern COPY_HEADER =
      Pattern.compile("^COPY (\\w+)\\.(\\w+) \\(.*\\) FROM stdin;$");

  private TableContents() {}

  /** The rows of {@code schema.table}, columns in attribute order, as sorted COPY lines. */
  public static List<String> of(Connection pg, String schema, String table)
      throws SQLException, IOException {
    StringWriter out = new StringWriter();
    String sql = "COPY (SELECT * FROM \"" + schema + "\".\"" + table + "\") TO STDOUT";
    pg.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
    List<String> lines = new ArrayList<>(out.toString().lines().toList());
    Collections.sort(lines);
    return lines;
  }

  /**
   * The {@code COPY ... FROM stdin} blocks of a plain {@code pg_dump} file (gzip or not), by table
   * name, each sorted. Tables without a block are absent.
   */
  public static Map<String, List<String>> ofDump(Path dump) throws IOException {
    Map<String, List<String>> tables = new HashMap<>();
    var raw = Files.newInputStream(dump);
    var in = dump.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      List<String> current = null;
      while ((line = reader.readLine()) != null) {
        if (current != null) {
          if (line.equals("\\.")) {
            Collections.sort(current);
            current = null;
          } else {
            current.add(line);
          }
          continue;
        }
        Matcher m = COPY_HEADER.matcher(line);
        if (m.matches()) {
          current = new ArrayList<>();
          tables.put(m.group(2), current);
        }
      }
    }
    return tables;
  }
}
